/**
 * Snippets for the standard LEO joins, offered after JOIN and APPLY:
 * an NPD table to the LEO outcomes through PMR → AE_ID → EDUKEY, the ILR through RECORDID → AE_ID → EDUKEY,
 * and an EDUKEY to each outcome table (earnings, benefits, employment, self-assessment, geography).
 * Table and column names come from the catalogue, and the schema is written the way the script already writes it.
 */
import type { TableEntry } from '../../catalogue/api';
import type { CompletionEntry } from '../types';
import { key, quoteIfNeeded } from './identifiers';
import { catalogueColumns, type ScopeSource, type SemanticModel } from './scopes';

export function joinSnippets(model: SemanticModel, statement: number, block: number): CompletionEntry[] {
  const scope = model.scope(statement);
  const catalogue = model.catalogue;
  const text = scope.entry.parsed.text;
  const items: CompletionEntry[] = [];
  const byLogical = (name: string): TableEntry | undefined => catalogue.tables.find((t) => key(t.logicalName ?? '') === key(name));
  const pmrLookup = byLogical('LINK.LEARNER_AE_ID_TO_PMR_LOOKUP');
  const edukeyLookup = byLogical('LINK.LEARNER_AE_ID_TO_EDUKEY_LOOKUP');
  const recordLookup = byLogical('LINK.EDUCATION_RECORDS_LOOKUP');
  for (const source of scope.sources(block)) {
    const match = source.relation.match;
    if (source.relation.kind !== 'catalogue' || match === undefined) continue;
    const left = leftName(source);
    if (left === undefined) continue;
    const schema = schemaText(source, text, catalogue.schemaPlaceholders().find((s) => s.iteration === match.iteration)?.text ?? 'dbo');
    const columns = catalogueColumns(catalogue, match).columns;
    const table = match.table;
    const name = (entry: TableEntry | undefined): string | undefined => {
      const view = entry?.views.find((v) => v.iteration === match.iteration && !v.name.includes('['));
      return view ? `${view.database}.${schema}.${quoteIfNeeded(view.name)}` : undefined;
    };
    const col = (entry: TableEntry | undefined, wanted: string): string =>
      quoteIfNeeded(entry?.columns.find((c) => key(c.name) === key(wanted))?.name ?? wanted);
    const personKey = table.personKey ? columns.find((c) => c.catalogue?.column.name === table.personKey)?.name : undefined;
    const pmrView = name(pmrLookup);
    const edukeyView = name(edukeyLookup);
    if (personKey && key(personKey).includes('pupilmatchingrefanonymous') && pmrView && edukeyView) {
      items.push(snippet(
        `PMR → AE_ID → EDUKEY from ${left}`,
        `${pmrView} \${1:pmr}\n\tON \${1:pmr}.${col(pmrLookup, 'PUPILMATCHINGREFANONYMOUS')} = ${left}.${quoteIfNeeded(personKey)}\n` +
        `INNER JOIN ${edukeyView} \${2:ek}\n\tON \${2:ek}.${col(edukeyLookup, 'AE_ID')} = \${1:pmr}.${col(pmrLookup, 'AE_ID')}`,
        'Join the pupil to the LEO outcome tables through the AE_ID lookups',
      ));
    }
    const recordView = name(recordLookup);
    const recordColumn = columns.find((c) => key(c.name) === 'recordid');
    if (recordColumn && table !== recordLookup && recordView && edukeyView) {
      items.push(snippet(
        `RECORDID → AE_ID → EDUKEY from ${left}`,
        `${recordView} \${1:rl}\n\tON \${1:rl}.${col(recordLookup, 'RECORDID')} = ${left}.${quoteIfNeeded(recordColumn.name)}\n` +
        `INNER JOIN ${edukeyView} \${2:ek}\n\tON \${2:ek}.${col(edukeyLookup, 'AE_ID')} = \${1:rl}.${col(recordLookup, 'AE_ID')}`,
        'Join the learner record to the LEO outcome tables through the education records lookup',
      ));
    }
    const edukey = columns.find((c) => key(c.name) === 'edukey');
    if (edukey) {
      for (const outcome of catalogue.tables) {
        if (outcome === table || outcome.personKey === undefined || key(outcome.personKey) !== 'edukey' || outcome === edukeyLookup) continue;
        const view = name(outcome);
        if (view === undefined) continue;
        const short = view.slice(view.lastIndexOf('.') + 1);
        items.push(snippet(
          `${short} on EDUKEY from ${left}`,
          `${view} \${1:${initials(short)}}\n\tON \${1:${initials(short)}}.${quoteIfNeeded(outcome.personKey)} = ${left}.${quoteIfNeeded(edukey.name)}`,
          `Join ${outcome.title} on the person key`,
        ));
      }
    }
  }
  return items;
}

function snippet(label: string, body: string, detail: string): CompletionEntry {
  return { label, kind: 'snippet', detail, insertText: body, isSnippet: true, sortText: `0${label}`, filterText: label };
}

function leftName(source: ScopeSource): string | undefined {
  if (source.node.alias) return quoteIfNeeded(source.node.alias.value);
  if (source.node.kind === 'table') return quoteIfNeeded(source.node.name.parts[source.node.name.parts.length - 1]!.value);
  return undefined;
}

/** The schema as the script writes it for this source (`"<project number>"`, `[2002237]`), or the fallback. */
function schemaText(source: ScopeSource, text: string, fallback: string): string {
  if (source.node.kind !== 'table' || source.node.name.parts.length < 2) return fallback;
  const part = source.node.name.parts[source.node.name.parts.length - 2]!;
  return part.value === '' ? fallback : text.slice(part.start, part.end).replace(/\$/g, '\\$').replace(/}/g, '\\}');
}

/** A short alias from a view name: `leo_earnings` → `e`, `leo_self_assessment` → `sa`. */
function initials(view: string): string {
  const words = view.toLowerCase().replace(/^leo_/, '').split(/_+/).filter(Boolean);
  return words.length === 0 ? 't' : words.length === 1 ? words[0]![0]! : words.map((w) => w[0]).join('');
}
