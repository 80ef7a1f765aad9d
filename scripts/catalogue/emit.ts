/**
 * Writes a catalogue as JSON that is deterministic and diff-friendly.
 * Keys follow the order of the zod schema, undefined members are dropped, and each view, column,
 * database and source sits on one line, so a change to one field is a one-line diff.
 */
import {
  CatalogueFileSchema,
  CodeSchema,
  ColumnSchema,
  DatabaseSchema,
  IterationSchema,
  RolesSchema,
  SchemaPlaceholderSchema,
  SourceSchema,
  TableSchema,
  ViewSchema,
  YearSpanSchema,
  type CatalogueFileData,
} from '../../server/src/catalogue/schema';

type Shape = Readonly<Record<string, unknown>>;

/** Arrays whose items are printed one per line, and the key order of their items. */
const ONE_LINE_ITEMS: Readonly<Record<string, Shape>> = {
  sources: SourceSchema.shape,
  iterations: IterationSchema.shape,
  databases: DatabaseSchema.shape,
  schemas: SchemaPlaceholderSchema.shape,
  views: ViewSchema.shape,
  columns: ColumnSchema.shape,
};

/** Nested objects inside one-line items, and their key order. */
const NESTED_ORDER: Readonly<Record<string, Shape>> = {
  years: YearSpanSchema.shape,
  covers: YearSpanSchema.shape,
  roles: RolesSchema.shape,
};

/** Serialises a catalogue; the same data always gives the same bytes (ending in a newline). */
export function serialiseCatalogue(catalogue: CatalogueFileData): string {
  const top = ordered(catalogue, CatalogueFileSchema.shape);
  const lines: string[] = ['{'];
  const entries = Object.entries(top);
  entries.forEach(([key, value], index) => {
    const comma = index < entries.length - 1 ? ',' : '';
    if (key === 'tables') {
      lines.push(`  "tables": [`);
      const tables = value as CatalogueFileData['tables'] & object;
      tables.forEach((table, tableIndex) => {
        lines.push(...tableLines(table as Record<string, unknown>, tableIndex < tables.length - 1));
      });
      lines.push(`  ]${comma}`);
    } else if (key in ONE_LINE_ITEMS && Array.isArray(value)) {
      lines.push(...arrayLines(key, value, ONE_LINE_ITEMS[key]!, '  ', comma));
    } else {
      lines.push(`  ${JSON.stringify(key)}: ${JSON.stringify(value)}${comma}`);
    }
  });
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function tableLines(table: Record<string, unknown>, trailingComma: boolean): string[] {
  const lines = ['    {'];
  const entries = Object.entries(ordered(table, TableSchema.shape));
  entries.forEach(([key, value], index) => {
    const comma = index < entries.length - 1 ? ',' : '';
    if (key in ONE_LINE_ITEMS && Array.isArray(value)) lines.push(...arrayLines(key, value, ONE_LINE_ITEMS[key]!, '      ', comma));
    else lines.push(`      ${JSON.stringify(key)}: ${JSON.stringify(nestedOrdered(key, value))}${comma}`);
  });
  lines.push(`    }${trailingComma ? ',' : ''}`);
  return lines;
}

function arrayLines(key: string, items: readonly unknown[], shape: Shape, indent: string, comma: string): string[] {
  if (items.length === 0) return [`${indent}${JSON.stringify(key)}: []${comma}`];
  const lines = [`${indent}${JSON.stringify(key)}: [`];
  items.forEach((item, index) => {
    const object = ordered(item as Record<string, unknown>, shape);
    for (const [nestedKey, nested] of Object.entries(object)) object[nestedKey] = nestedOrdered(nestedKey, nested);
    lines.push(`${indent}  ${JSON.stringify(object)}${index < items.length - 1 ? ',' : ''}`);
  });
  lines.push(`${indent}]${comma}`);
  return lines;
}

function nestedOrdered(key: string, value: unknown): unknown {
  if (key === 'codes' && Array.isArray(value)) return value.map((code) => ordered(code as Record<string, unknown>, CodeSchema.shape));
  const shape = NESTED_ORDER[key];
  return shape && value !== null && typeof value === 'object' ? ordered(value as Record<string, unknown>, shape) : value;
}

/** The object's defined members in the schema's key order; unknown keys follow, sorted. */
function ordered(value: Record<string, unknown>, shape: Shape): Record<string, unknown> {
  const known = Object.keys(shape);
  const extra = Object.keys(value).filter((key) => !known.includes(key)).sort();
  const result: Record<string, unknown> = {};
  for (const key of [...known, ...extra]) if (value[key] !== undefined) result[key] = value[key];
  return result;
}
