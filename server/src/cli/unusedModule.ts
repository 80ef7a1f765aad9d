/**
 * Stands in for exceljs's streaming zip libraries (unzipper, archiver) in dist/cli.js. LEO Lens only reads whole
 * workbooks, which exceljs does with JSZip, so the streaming reader and writer are never called; leaving them out
 * keeps the CLI smaller and keeps a dependency that declares no licence (`buffers`, under unzipper) out of the VSIX.
 */
export {};
