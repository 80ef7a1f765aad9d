/**
 * The zod schema of a catalogue file (`*.leo-catalogue.json`): the single source of truth.
 * `schemas/leo-catalogue.schema.json` is generated from it by `scripts/build-schemas.ts`,
 * and the loader validates every file against it before merging.
 *
 * The same schema serves the bundled catalogue and a project's overlay: an overlay usually
 * declares only its own databases and tables, and perhaps the iteration the project uses.
 */
import { z } from 'zod';

/** Text with no placeholder other than [term], [yy] and [n] (one regular expression, for load speed). */
const TEMPLATE_TEXT = /^(?:[^[\]]|\[(?:term|yy|n)\])*$/;
const VIEW_TEXT = /^(?:[^[\]]|\[yyyy\])*$/;
const TRIMMED = /^\S(?:[\s\S]*\S)?$/;

const templateName = z
  .string()
  .min(1)
  .regex(TRIMMED, 'names must not start or end with whitespace')
  .regex(TEMPLATE_TEXT, 'the only placeholders allowed in a column name are [term], [yy] and [n]');

const viewName = z
  .string()
  .min(1)
  .regex(VIEW_TEXT, 'the only placeholder allowed in a view name is [yyyy]');

const year = z.number().int().min(1900).max(2100);

export const TermSchema = z.enum(['autumn', 'spring', 'summer']).describe('A School Census term.');

export const YearSpanSchema = z
  .object({
    from: year.optional().describe('First end year (2018/19 is 2019; tax year 201819 is 2019).'),
    to: year.optional().describe('Last end year; absent means to the end of the extract.'),
    except: z.array(year).optional().describe('End years inside the span with no data.'),
    text: z.string().optional().describe("The source's own words, for display."),
  })
  .strict()
  .describe('A span of academic, tax or financial years, by end year.');

export const CodeSchema = z
  .object({ code: z.string(), label: z.string() })
  .strict()
  .describe('One code of a categorical field.');

export const RolesSchema = z
  .object({
    identifier: z.enum(['person', 'record', 'institution']).optional(),
    geography: z.enum(['postcode', 'OA', 'LSOA', 'MSOA', 'LA', 'constituency', 'region', 'country']).optional(),
    magnitude: z.enum(['earnings', 'money']).optional(),
    date: z.enum(['date', 'date-part']).optional(),
    dateOfBirth: z.boolean().optional(),
    sensitive: z.enum(['safeguarding', 'special-category', 'other-sensitive']).optional(),
  })
  .strict()
  .describe('What the disclosure rules need to know about a column.');

export const ColumnSchema = z
  .object({
    name: templateName.describe('Name or template: `FSMeligible_[term][yy]`, `Category_ex[yy]`, `EduKey`.'),
    groups: z.array(z.string().min(1)).optional().describe('Sub-tables holding the field; absent means all.'),
    reference: z.string().optional().describe("The form's field reference."),
    synonyms: z.array(templateName).optional().describe('Older or alternative names, matched like the name.'),
    type: z.string().optional(),
    description: z.string().optional(),
    years: YearSpanSchema.optional(),
    terms: z.array(TermSchema).optional().describe('Census terms the field is collected in; absent means all.'),
    codes: z.array(CodeSchema).optional(),
    valuesNote: z.string().optional().describe('Values text that is not a code list.'),
    identificationRisk: z
      .union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)])
      .optional()
      .describe('DfE identification risk: 1 instant identifier … 5 other.'),
    sensitivity: z.enum(['A', 'B', 'C', 'D', 'E']).optional().describe('DfE sensitivity: A … E.'),
    availability: z.enum(['default', 'by-request']).optional(),
    roles: RolesSchema.optional(),
    oldAlias: z.string().optional(),
    notes: z.array(z.string()).optional(),
  })
  .strict()
  .describe('A column (field) of a table.');

export const ViewSchema = z
  .object({
    iteration: z.string().min(1).optional().describe("Iteration id; defaults to the database's iteration."),
    database: z.string().min(1),
    name: viewName.describe('Physical view name, or a per-year family such as `spring_census_[yyyy]`.'),
    years: YearSpanSchema.optional().describe('For a family: the years in the view names.'),
    term: TermSchema.optional().describe('For a census family: the term it holds.'),
    covers: YearSpanSchema.optional().describe('For a multi-year view: the years of data it holds.'),
    groups: z.array(z.string().min(1)).optional().describe('Only columns of these groups are in the view.'),
    evidence: z.enum(['seen', 'inferred']).optional().describe('Seen in real code, or inferred (unconfirmed).'),
    note: z.string().optional(),
  })
  .strict()
  .superRefine((view, ctx) => {
    const family = view.name.includes('[yyyy]');
    if (family && (view.years?.from === undefined || view.years.to === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['years'], message: 'a view family ([yyyy] in the name) needs years.from and years.to' });
    }
    if (!family && view.years !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['years'], message: 'years belongs to view families only; use covers for a multi-year view' });
    }
  })
  .describe('A physical view, or a family of per-year views, in one iteration.');

export const TableSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'table ids are lower-case letters, digits and hyphens')
      .describe('Stable id, unique in the merged catalogue.'),
    name: z.string().min(1).describe("The form's tab name, or a project's name for the table."),
    logicalName: z.string().optional().describe('`LEO.Earnings`, `LINK.EDUCATION_RECORDS_LOOKUP`.'),
    title: z.string().min(1).optional(),
    owner: z.string().optional(),
    description: z.string().optional(),
    grain: z.string().optional(),
    personKey: z.string().optional(),
    linkRoute: z.string().optional(),
    years: YearSpanSchema.optional(),
    availability: z.enum(['default', 'by-request']).optional(),
    knownIssues: z.array(z.string()).optional(),
    notes: z.array(z.string()).optional(),
    views: z.array(ViewSchema).optional(),
    columns: z.array(ColumnSchema),
  })
  .strict()
  .describe('A table: one tab of the variable request form, or a project-defined table.');

export const DatabaseSchema = z
  .object({
    name: z.string().min(1),
    iteration: z.string().min(1).optional().describe('Defaults to `project` for project databases.'),
    kind: z.enum(['leo', 'project']).optional().describe('`leo` (the default) or a project scratch database.'),
    description: z.string().optional(),
  })
  .strict();

export const SchemaPlaceholderSchema = z
  .object({ text: z.string().min(1), iteration: z.string().optional(), description: z.string() })
  .strict();

export const IterationSchema = z
  .object({ id: z.string().min(1), name: z.string().min(1), description: z.string().optional() })
  .strict();

export const SourceSchema = z
  .object({
    title: z.string().min(1),
    version: z.string().optional(),
    date: z.string().optional(),
    publisher: z.string().optional(),
    origin: z.string().optional(),
    licence: z.string().optional(),
  })
  .strict();

/** One column granted to the project, by its catalogue name or template. */
export const ExtractColumnSchema = z
  .object({
    name: templateName.describe('The catalogue name or template of the column (`FSMeligible_[term][yy]`).'),
    years: YearSpanSchema.optional().describe("End years granted for the column; absent means the table's granted years."),
  })
  .strict()
  .describe('A column the approved request form grants.');

/** One table granted to the project. */
export const ExtractTableSchema = z
  .object({
    table: z.string().min(1).describe('The catalogue table id (`school-census`, `leo-earnings`).'),
    sheet: z.string().optional().describe("The request form's tab the grant was read from, for reference."),
    years: YearSpanSchema.optional().describe('End years granted for the table; absent means every year.'),
    columns: z
      .union([z.literal('all'), z.array(ExtractColumnSchema)])
      .describe('`all` when every column comes with the table (the LEO tables), or the granted columns.'),
  })
  .strict()
  .describe('A table the approved request form grants.');

/**
 * The project's own extract: what its approved variable request form grants. With it in force, a catalogued
 * table that is not listed, or a column that is not listed, is not in the project's views.
 */
export const ExtractSchema = z
  .object({
    form: z.string().optional().describe('The request form file the extract was read from.'),
    created: z.string().optional().describe('When and by what the extract was written.'),
    tables: z.array(ExtractTableSchema),
  })
  .strict()
  .describe("The tables, columns and years a project's approved variable request form grants (a restriction overlay).");

export const CatalogueFileSchema = z
  .object({
    $schema: z.string().optional(),
    formatVersion: z.literal(1).describe('The catalogue format version; this is 1.'),
    id: z.string().min(1),
    name: z.string().min(1).optional(),
    version: z.string().min(1).optional(),
    project: z
      .object({
        iteration: z.string().min(1).optional().describe('The iteration the project uses (`i2`, `i1`).'),
        description: z.string().optional(),
      })
      .strict()
      .optional()
      .describe('Overlay settings for the project that owns this file.'),
    sources: z.array(SourceSchema).optional(),
    iterations: z.array(IterationSchema).optional(),
    databases: z.array(DatabaseSchema).optional(),
    schemas: z.array(SchemaPlaceholderSchema).optional(),
    tables: z.array(TableSchema).optional(),
    extract: ExtractSchema.optional().describe(
      'A restriction overlay: the tables, columns and years the project was granted. Used through "extract" in .leo-lens.json.',
    ),
  })
  .strict()
  .describe('A LEO Lens catalogue file (*.leo-catalogue.json): the bundled LEO catalogue or a project overlay.');

export type CatalogueFileData = z.infer<typeof CatalogueFileSchema>;
export type TableData = z.infer<typeof TableSchema>;
export type ColumnData = z.infer<typeof ColumnSchema>;
export type ViewData = z.infer<typeof ViewSchema>;
export type DatabaseData = z.infer<typeof DatabaseSchema>;
export type ExtractData = z.infer<typeof ExtractSchema>;
export type ExtractTableData = z.infer<typeof ExtractTableSchema>;
