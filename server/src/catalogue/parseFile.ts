/**
 * Validates one catalogue file: JSON syntax, the zod schema, and the checks zod cannot express
 * within one file (unique table ids, no duplicate columns). Every problem names the file, the
 * JSON path and, where the text allows, the line and column.
 */
import type { CatalogueFile, CatalogueProblem } from './api';
import { JsonLocator, parseJsonText } from './jsonText';
import { templateShape } from './names';
import { CatalogueFileSchema, type CatalogueFileData } from './schema';

/** A file that passed validation, kept with its locator for problems found later (when merging). */
export interface ParsedCatalogueFile {
  readonly path: string;
  readonly data: CatalogueFileData;
  readonly locator: JsonLocator;
}

export interface ParseFileResult {
  /** Present when the file has no errors (warnings are allowed). */
  readonly file?: ParsedCatalogueFile;
  readonly problems: readonly CatalogueProblem[];
}

/** Parses and validates one file. Never throws. */
export function parseCatalogueFile(input: CatalogueFile): ParseFileResult {
  const json = parseJsonText(input.path, input.text);
  if (json.problems.length > 0) return { problems: json.problems };
  const locator = new JsonLocator(input.path, input.text);
  if (input.trusted && looksLikeCatalogue(json.value)) {
    return { file: { path: input.path, data: json.value, locator }, problems: [] };
  }
  const result = CatalogueFileSchema.safeParse(json.value);
  if (!result.success) {
    return { problems: result.error.issues.map((issue) => locator.problem(issue.path as (string | number)[], issue.message)) };
  }
  const problems = checkFile(result.data, locator);
  if (problems.some((problem) => problem.severity === 'error')) return { problems };
  return { file: { path: input.path, data: result.data, locator }, problems };
}

/** A cheap shape check for trusted files; anything odd falls back to full validation. */
function looksLikeCatalogue(value: unknown): value is CatalogueFileData {
  if (value === null || typeof value !== 'object') return false;
  const data = value as Record<string, unknown>;
  return data.formatVersion === 1 && typeof data.id === 'string' && (data.tables === undefined || Array.isArray(data.tables));
}

function checkFile(data: CatalogueFileData, locator: JsonLocator): CatalogueProblem[] {
  const problems: CatalogueProblem[] = [];
  const tableIds = new Map<string, number>();
  (data.tables ?? []).forEach((table, tableIndex) => {
    const first = tableIds.get(table.id);
    if (first !== undefined) {
      problems.push(locator.problem(['tables', tableIndex, 'id'], `table id "${table.id}" is already used by $.tables[${first}]`));
    } else {
      tableIds.set(table.id, tableIndex);
    }
    const shapes = new Map<string, number>();
    table.columns.forEach((column, columnIndex) => {
      const key = `${templateShape(column.name)}|${(column.groups ?? []).map((group) => group.toLowerCase()).join(',')}`;
      const earlier = shapes.get(key);
      if (earlier !== undefined) {
        problems.push(
          locator.problem(
            ['tables', tableIndex, 'columns', columnIndex, 'name'],
            `column "${column.name}" repeats $.tables[${tableIndex}].columns[${earlier}]; the first one is used`,
            'warning',
          ),
        );
      } else {
        shapes.set(key, columnIndex);
      }
    });
    (table.views ?? []).forEach((view, viewIndex) => {
      if (view.term && !view.name.includes('[yyyy]')) {
        problems.push(locator.problem(['tables', tableIndex, 'views', viewIndex, 'term'], 'term only applies to a per-year view family', 'warning'));
      }
    });
  });
  return problems;
}
