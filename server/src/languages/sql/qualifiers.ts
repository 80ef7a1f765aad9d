/**
 * How sources are named inside a query: by alias, or by (a suffix of) their table name.
 */
import type { Name, Source } from './ast';
import { key } from './identifiers';
import type { ScopeSource } from './scopes';

/** The name a source is known by inside its query: its alias, else its table (or variable, or function) name. */
export function exposedName(source: Source): string | undefined {
  if (source.alias !== undefined) return key(source.alias.value);
  switch (source.kind) {
    case 'table':
    case 'function':
      return key(source.name.parts[source.name.parts.length - 1]!.value);
    case 'variable':
      return key(source.name.value);
    default:
      return undefined;
  }
}

/** True when `qualifier` (the part before the column) names the source: its alias, or a suffix of its table name. */
export function matchesQualifier(source: ScopeSource, qualifier: readonly Name[]): boolean {
  if (qualifier.length === 0) return false;
  const node = source.node;
  if (node.alias !== undefined) return qualifier.length === 1 && key(qualifier[0]!.value) === key(node.alias.value);
  if (node.kind === 'table' || node.kind === 'function') {
    const parts = node.name.parts;
    if (qualifier.length > parts.length) return false;
    for (let i = 1; i <= qualifier.length; i++) {
      if (key(qualifier[qualifier.length - i]!.value) !== key(parts[parts.length - i]!.value)) return false;
    }
    return true;
  }
  if (node.kind === 'variable') return qualifier.length === 1 && key(qualifier[0]!.value) === key(node.name.value);
  return false;
}
