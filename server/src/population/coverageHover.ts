/**
 * The "Who is covered" line of a hover on a catalogue table or column, as a post-pass over any front end's hover:
 * whom the dataset covers and who is missing from it, each note with its source.
 */
import type { CatalogueIndex } from '../catalogue/api';
import type { HoverResult } from '../languages/types';
import { hoveredName } from '../extract/extractFeatures';
import type { CoverageNotes, DatasetNotes } from './coverageNotes';

const MAX_NOTES = 3;

export function coverageHover(hover: HoverResult, text: string, catalogue: CatalogueIndex, notes: CoverageNotes | undefined): HoverResult {
  if (notes === undefined) return hover;
  const name = hoveredName(text, hover);
  if (name === undefined) return hover;
  const dataset = datasetOf(name, catalogue, notes);
  const line = dataset !== undefined ? coverageLine(dataset) : undefined;
  return line === undefined ? hover : { ...hover, markdown: `${hover.markdown}\n\n${line}` };
}

/** The one dataset a table or column name belongs to; a name shared by several datasets gets none. */
function datasetOf(name: string, catalogue: CatalogueIndex, notes: CoverageNotes): DatasetNotes | undefined {
  let ids: string[];
  try {
    const tables = catalogue.findTables(name);
    ids = tables.length > 0 ? tables.map((t) => t.table.id) : catalogue.findColumns(name).map((c) => c.table.id);
  } catch {
    return undefined;
  }
  const datasets = new Set(ids.map((id) => notes.forTable(id)));
  if (datasets.size !== 1) return undefined;
  return [...datasets][0];
}

export function coverageLine(dataset: DatasetNotes): string | undefined {
  if (dataset.notes.length === 0 && dataset.covers === undefined) return undefined;
  const covers = dataset.covers !== undefined ? ` ${capitalise(dataset.covers)}.` : '';
  // A hover is read at a glance: the first notes, which the file orders by weight, and a pointer to the rest.
  const shown = dataset.notes.slice(0, MAX_NOTES);
  const missing = shown.map((note) => ` ${note.text} _(${note.source})_`).join('');
  const more = dataset.notes.length > shown.length ? ` _(${dataset.notes.length - shown.length} more in catalogue/leo-coverage.notes.json)_` : '';
  return `**Who is covered (${dataset.label}):**${covers}${missing}${more}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
