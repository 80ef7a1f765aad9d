/** The workbook reader lives with the CLI, which reads request forms at run time; the generator shares it. */
export * from '../../server/src/cli/workbook';
