/**
 * Shape maps for column lookups: every spelling a column may take (its name, the `_anon`-first
 * form the SRS uses, the `_geog` form of local-authority fields, the PLASC form without a term, the
 * year-less form of stacked multi-year views, and its synonyms) is indexed by shape, so a lookup is a
 * handful of map accesses, never a scan.
 */
import type { ColumnEntry, TableEntry } from './api';
import { anonFirstTemplate, geogTemplate, templateShape, termlessTemplate, yearlessTemplate } from './names';

/** Which spelling of a column a shape came from. */
export type SpellingForm = 'name' | 'anon' | 'termless' | 'synonym';

export interface ShapeHit {
  readonly table: TableEntry;
  readonly column: ColumnEntry;
  /** The template (or plain name) this spelling instantiates. */
  readonly template: string;
  readonly form: SpellingForm;
}

/** Shape → the columns with a spelling of that shape. */
export type ShapeMap = Map<string, ShapeHit[]>;

/**
 * Every spelling of a column, name first. `stacked` is true for a table whose views all stack several years in
 * one view (`pru_census_2010_to_2013`): there the year in a field's name is a column of its own, so the view's
 * fields drop it (`pru_onroll` for `PRU_OnRoll_SPR[yy]`).
 */
export function spellings(column: ColumnEntry, stacked = false): { template: string; form: SpellingForm }[] {
  const result: { template: string; form: SpellingForm }[] = [{ template: column.name, form: 'name' }];
  const anon = anonFirstTemplate(column.name);
  if (anon) result.push({ template: anon, form: 'anon' });
  const geog = geogTemplate(column.name);
  if (geog) result.push({ template: geog, form: 'anon' });
  if (stacked) {
    const yearless = yearlessTemplate(column.name);
    if (yearless) {
      result.push({ template: yearless, form: 'anon' });
      const yearlessGeog = geogTemplate(yearless);
      if (yearlessGeog) result.push({ template: yearlessGeog, form: 'anon' });
    }
  }
  const termless = termlessTemplate(column.name);
  if (termless) {
    result.push({ template: termless, form: 'termless' });
    // PLASC names put `_anon` first too: `laestab_anon_03` (FFT's Iteration 2 scripts).
    const termlessAnon = anonFirstTemplate(termless);
    if (termlessAnon) result.push({ template: termlessAnon, form: 'termless' });
  }
  for (const synonym of column.synonyms) {
    result.push({ template: synonym, form: 'synonym' });
    const synonymTermless = termlessTemplate(synonym);
    if (synonymTermless) result.push({ template: synonymTermless, form: 'synonym' });
    const synonymAnon = anonFirstTemplate(synonym);
    if (synonymAnon) result.push({ template: synonymAnon, form: 'synonym' });
  }
  return result;
}

/** Adds a table's columns to a shape map (per table, or across the catalogue). */
export function indexColumns(map: ShapeMap, table: TableEntry): void {
  const stacked = table.views.length > 0 && table.views.every((view) => view.covers !== undefined && !view.name.includes('[yyyy]'));
  for (const column of table.columns) {
    const seen = new Set<string>();
    for (const { template, form } of spellings(column, stacked)) {
      const shape = templateShape(template);
      // A synonym that equals the name (in another case) would only add a duplicate hit.
      if (seen.has(shape)) continue;
      seen.add(shape);
      const hits = map.get(shape);
      const hit: ShapeHit = { table, column, template, form };
      if (hits) hits.push(hit);
      else map.set(shape, [hit]);
    }
  }
}
