/**
 * Who each dataset covers and who is missing from it: a small, sourced data file bundled beside the catalogue
 * (`catalogue/leo-coverage.notes.json`), validated with this zod schema and reported with JSON paths like the
 * catalogue. Every note names its source; a dataset with no sourced note says nothing.
 *
 * The role of a dataset (a cohort, an education record, an outcome, a link) is what the population hint
 * (LEO201) reads to tell a join that narrows the population from a join between two cohorts.
 */
import { z } from 'zod';
import type { CatalogueProblem } from '../catalogue/api';
import { JsonLocator, parseJsonText } from '../catalogue/jsonText';

export const COVERAGE_NOTES_FILE = 'leo-coverage.notes.json';

export const CoverageNoteSchema = z
  .object({
    text: z.string().min(1).describe('One plain sentence about who is missing, or a gap in the years.'),
    source: z.string().min(1).describe('Where the fact comes from (document and part of it).'),
  })
  .strict();

export const DatasetRoleSchema = z
  .enum(['cohort', 'education', 'outcome', 'link'])
  .describe('`cohort` (school records a study starts from), `education` (FE, HE, applications), `outcome` (earnings, employment, benefits), `link` (lookups).');

export const DatasetNotesSchema = z
  .object({
    id: z.string().min(1),
    label: z.string().min(1).describe('The dataset as a researcher names it (`School Census`).'),
    tables: z.array(z.string().min(1)).min(1).describe('Catalogue table ids the notes apply to.'),
    role: DatasetRoleSchema,
    covers: z.string().min(1).optional().describe('Whom the dataset covers, in a few words.'),
    record: z.string().min(1).optional().describe('What having a record means, for the population hint (`an HMRC earnings record`).'),
    notes: z.array(CoverageNoteSchema),
  })
  .strict();

export const CoverageNotesFileSchema = z
  .object({
    $schema: z.string().optional(),
    formatVersion: z.literal(1),
    datasets: z.array(DatasetNotesSchema),
  })
  .strict()
  .describe('Who each LEO dataset covers and who is missing from it, with sources.');

export type DatasetNotes = z.infer<typeof DatasetNotesSchema>;
export type DatasetRole = z.infer<typeof DatasetRoleSchema>;

export interface CoverageNotes {
  /** The notes of the dataset a catalogue table belongs to. */
  forTable(tableId: string): DatasetNotes | undefined;
  readonly datasets: readonly DatasetNotes[];
}

export interface CoverageNotesResult {
  readonly notes?: CoverageNotes;
  readonly problems: readonly CatalogueProblem[];
}

/** Parses and validates the notes file. Never throws. */
export function parseCoverageNotes(file: string, text: string): CoverageNotesResult {
  const json = parseJsonText(file, text);
  if (json.problems.length > 0) return { problems: json.problems };
  const locator = new JsonLocator(file, text);
  const result = CoverageNotesFileSchema.safeParse(json.value);
  if (!result.success) return { problems: result.error.issues.map((issue) => locator.problem(issue.path as (string | number)[], issue.message)) };
  const problems: CatalogueProblem[] = [];
  const byTable = new Map<string, DatasetNotes>();
  result.data.datasets.forEach((dataset, index) => {
    dataset.tables.forEach((table, tableIndex) => {
      if (byTable.has(table)) problems.push(locator.problem(['datasets', index, 'tables', tableIndex], `table "${table}" already has notes; the first are used`, 'warning'));
      else byTable.set(table, dataset);
    });
  });
  return { notes: { datasets: result.data.datasets, forTable: (id) => byTable.get(id) }, problems };
}
