/**
 * SQL inside R strings. The frame extractor hands over every query it sees sent to the database; each
 * is flattened (holes where R code builds parts of it become placeholder names), analysed once by the
 * T-SQL front end, and kept with its map back to the R file for the embedded SQL features.
 */
import { analyseSql, sqlModelOf } from '../../sql/index';
import type { AnalysisContext, DocumentAnalysis } from '../../types';
import type { SqlHooks, SqlResult, SqlUse } from '../frames/verbs/sqlHooks';
import { type FlatText, flatten, type PiecedString } from '../syntax/pieces';
import { sqlResultOf } from './resultColumns';

/** The name a hole stands as in the SQL text; findings that touch it are dropped. */
export const HOLE_PREFIX = '__leo_hole_';

export interface EmbeddedSql {
  readonly id: number;
  readonly flat: FlatText;
  readonly analysis: DocumentAnalysis;
  readonly use: SqlUse;
  result?: SqlResult;
}

/**
 * SQL analyses by query text, per catalogue and severity settings. The same query often appears many
 * times in a script (a lookup read in every block) and again in every version of the document while it
 * is edited; its analysis depends only on the text and the context, so it is shared. Positions are
 * mapped per place, so sharing never mixes up where a query is.
 */
const shared = new WeakMap<AnalysisContext['catalogue'], Map<string, DocumentAnalysis>>();
const SHARED_LIMIT = 2000;

function sharedAnalysis(text: string, context: AnalysisContext): DocumentAnalysis {
  let byText = shared.get(context.catalogue);
  if (!byText) {
    byText = new Map();
    shared.set(context.catalogue, byText);
  }
  const key = `${JSON.stringify(context.severityOverrides)}\u0000${text}`;
  let analysis = byText.get(key);
  if (!analysis) {
    if (byText.size >= SHARED_LIMIT) byText.clear();
    analysis = analyseSql(text, context);
    byText.set(key, analysis);
  }
  return analysis;
}

export class EmbeddedSqlCollector implements SqlHooks {
  readonly queries: EmbeddedSql[] = [];
  readonly #byKey = new Map<string, EmbeddedSql>();
  /** The key of each query, by id, so that a restored collector can rebuild `#byKey`. */
  readonly #keys: string[] = [];

  constructor(readonly context: AnalysisContext) {}

  query(sql: PiecedString, use: SqlUse): SqlResult | undefined {
    const embedded = this.add(sql, use);
    if (!embedded || !use.returnsRows) return undefined;
    if (embedded.result === undefined) {
      const model = sqlModelOf(embedded.analysis);
      embedded.result = model ? sqlResultOf(model, embedded.flat) : undefined;
    }
    return embedded.result;
  }

  /** Analyses a query once, however many calls send it; undefined when no part of it is constant text. */
  add(sql: PiecedString, use: SqlUse): EmbeddedSql | undefined {
    const flat = flatten(sql, (index) => `${HOLE_PREFIX}${index}__`);
    if (flat.segments.length === 0 || flat.value.trim() === '') return undefined;
    const key = `${flat.segments.map((s) => s.text.offsets[0]).join(',')}|${flat.value}`;
    const known = this.#byKey.get(key);
    if (known) return known;
    const embedded: EmbeddedSql = { id: this.queries.length, flat, analysis: sharedAnalysis(flat.value, this.context), use };
    this.queries.push(embedded);
    this.#keys.push(key);
    this.#byKey.set(key, embedded);
    return embedded;
  }

  mark(): number {
    return this.queries.length;
  }

  restore(previous: SqlHooks, mark: number): void {
    if (!(previous instanceof EmbeddedSqlCollector)) return;
    for (let id = 0; id < mark; id++) {
      const embedded = previous.queries[id]!;
      this.queries.push(embedded);
      this.#keys.push(previous.#keys[id]!);
      this.#byKey.set(previous.#keys[id]!, embedded);
    }
  }
}
