/**
 * Identifier comparison, display and quoting.
 * SQL Server on the SRS uses a case-insensitive collation, so names compare in lower case everywhere.
 */
import type { ObjectName } from './ast';
import { RESERVED } from './keywords';

/** The comparison key of a name. */
export function key(value: string): string {
  return value.toLowerCase();
}

/** True for a name that can be written without delimiters. */
export function isRegularIdentifier(value: string): boolean {
  return /^[A-Za-z_#][A-Za-z0-9_@$#]*$/.test(value) && !RESERVED.has(value.toUpperCase());
}

/** Writes a name for insertion into SQL: bare when possible, otherwise in brackets. */
export function quoteIfNeeded(value: string): string {
  return isRegularIdentifier(value) ? value : `[${value.replace(/]/g, ']]')}]`;
}

/** Displays a dotted name the way it is usually written, with quoted parts kept in double quotes when needed. */
export function displayName(name: ObjectName): string {
  return name.parts.map((p) => (p.quoted && !isRegularIdentifier(p.value) ? `"${p.value}"` : p.value)).join('.');
}

/** True for a temp table name (`#t`, `##t`). */
export function isTempName(value: string): boolean {
  return value.startsWith('#');
}

/** True for a table variable name (`@t`). */
export function isVariableName(value: string): boolean {
  return value.startsWith('@');
}
