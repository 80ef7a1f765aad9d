/**
 * The syntax tree of one T-SQL statement.
 * It records only what the features need: query blocks and their clauses, sources with aliases, column and table
 * references, and the objects a statement creates or declares.
 * All offsets are relative to the start of the statement, so a parse can be reused when the statement moves.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** One part of a name, without delimiters. An empty value marks a missing part (`db..t`, or a trailing `e.`). */
export interface Name extends Span {
  readonly value: string;
  readonly quoted: boolean;
}

/** A dotted name such as `npd_i2."<project number>".spring_census_2019` or `e.TaxYear`. */
export interface ObjectName extends Span {
  readonly parts: readonly Name[];
}

export type ClauseKind =
  | 'select' | 'top' | 'fetch' | 'into' | 'from' | 'on' | 'where' | 'group-by' | 'having' | 'order-by' | 'window'
  | 'option' | 'for' | 'set' | 'values' | 'output' | 'insert-columns' | 'condition' | 'other';

/** A clause of a query block, from its keyword to the start of the next clause. */
export interface Clause extends Span {
  readonly kind: ClauseKind;
}

export interface SelectItem extends Span {
  /** The expression, without its alias. */
  readonly expr: Span;
  /** The column alias, from `expr AS a`, `expr a` or `a = expr`. */
  readonly alias?: Name;
  /** The column reference when the expression is just a column (`e.TaxYear`). */
  readonly column?: ColumnRef;
  /** Set for `*` and `q.*`. */
  readonly star?: StarRef;
  /** True for `SELECT @v = expr`, which produces no result column. */
  readonly assignsVariable?: boolean;
}

export interface StarRef extends Span {
  /** The qualifier of `q.*`, if any. */
  readonly qualifier?: ObjectName;
  /** The span of the `*` itself. */
  readonly star: Span;
}

export type JoinKind = 'first' | 'comma' | 'inner' | 'left' | 'right' | 'full' | 'cross' | 'cross-apply' | 'outer-apply';

interface SourceBase extends Span {
  readonly join: JoinKind;
  readonly alias?: Name;
  /** The `AS` keyword before a missing alias, kept so completion knows a name is being defined there. */
  readonly asKeyword?: Span;
  /** Column aliases: `(SELECT …) AS d (a, b)`. */
  readonly columnAliases?: readonly Name[];
  /** The ON condition of a join. */
  readonly on?: Span;
}

export interface TableSource extends SourceBase {
  readonly kind: 'table';
  readonly name: ObjectName;
  /** `WITH (NOLOCK)` and similar table hints. */
  readonly hints?: Span;
}

export interface VariableSource extends SourceBase {
  readonly kind: 'variable';
  /** The table variable, `@t`. */
  readonly name: Name;
}

export interface DerivedSource extends SourceBase {
  readonly kind: 'derived';
  readonly query: QueryExpr;
  /** True for `CROSS APPLY (…)` and `OUTER APPLY (…)`, which may refer to sources on their left. */
  readonly lateral: boolean;
}

export interface FunctionSource extends SourceBase {
  readonly kind: 'function';
  readonly name: ObjectName;
}

export interface ValuesSource extends SourceBase {
  readonly kind: 'values';
}

/** `src PIVOT (…) p` or `src UNPIVOT (…) u`: the result has columns that only the pivot list knows. */
export interface PivotSource extends SourceBase {
  readonly kind: 'pivot';
  readonly inner: Source;
}

export type Source = TableSource | VariableSource | DerivedSource | FunctionSource | ValuesSource | PivotSource;

export type BlockKind = 'select' | 'insert' | 'update' | 'delete' | 'merge';

/** A scope in which columns are resolved: a SELECT, or the target and sources of INSERT, UPDATE, DELETE and MERGE. */
export interface QueryBlock extends Span {
  readonly id: number;
  readonly kind: BlockKind;
  /** The block whose sources this one may also see (correlated subqueries, APPLY). */
  readonly outer?: number;
  /** For APPLY: only the outer block's sources before this index are visible. */
  readonly outerSourceLimit?: number;
  readonly items: SelectItem[];
  readonly into?: ObjectName;
  readonly sources: Source[];
  readonly clauses: Clause[];
  /** The written target of INSERT, UPDATE, DELETE or MERGE. */
  target?: TableSource | VariableSource;
  /** The explicit column list of an INSERT. */
  insertColumns?: readonly Name[];
}

export interface Cte extends Span {
  readonly name: Name;
  readonly columns?: readonly Name[];
  readonly query: QueryExpr;
}

/** A full query: optional CTEs, then one or more blocks joined by UNION, EXCEPT or INTERSECT. */
export interface QueryExpr extends Span {
  readonly ctes: readonly Cte[];
  /** The branches of the set operation; the first one names the result columns. */
  readonly branches: readonly (QueryBlock | QueryExpr)[];
}

export interface ColumnRef extends Span {
  /** The name parts, qualifier first; the last part is the column (empty while it is being typed). */
  readonly parts: readonly Name[];
  /** The block the reference is resolved in; -1 outside any block (a bare IF or SET expression). */
  readonly block: number;
  readonly clause: ClauseKind;
  /** True for the left side of `SET col = …` and INSERT column lists, which name the target's columns. */
  readonly targetColumn?: boolean;
}

export type TableRole = 'read' | 'write' | 'create' | 'drop' | 'alter' | 'index';

/** A table named outside a FROM clause: targets of INSERT, DROP, TRUNCATE, CREATE and so on. */
export interface TableRef extends Span {
  readonly name: ObjectName;
  readonly role: TableRole;
}

export interface ColumnDef extends Span {
  readonly name: Name;
  /** The declared type as written (`varchar(14)`), if any. */
  readonly type?: string;
}

/** A table or view this statement creates. */
export interface CreatedObject {
  readonly name: ObjectName;
  readonly kind: 'table' | 'view';
  readonly via: 'create' | 'select-into';
  /** For CREATE TABLE: the declared columns. */
  readonly columns?: readonly ColumnDef[];
  /** For SELECT … INTO and CREATE VIEW: the query whose result defines the columns. */
  readonly query?: QueryExpr;
  /** For CREATE VIEW with a column list. */
  readonly columnAliases?: readonly Name[];
}

export interface DeclaredVariable {
  readonly name: Name;
  /** For `DECLARE @t TABLE (…)`: its columns. */
  readonly tableColumns?: readonly ColumnDef[];
  readonly type?: string;
}

export type StatementKind =
  | 'select' | 'insert' | 'update' | 'delete' | 'merge' | 'create-table' | 'create-view' | 'create-index'
  | 'create-routine' | 'alter-table' | 'drop' | 'truncate' | 'declare' | 'set' | 'if' | 'while' | 'else' | 'begin'
  | 'end' | 'exec' | 'use' | 'return' | 'print' | 'transaction' | 'cursor' | 'other';

export interface ParseError extends Span {
  readonly message: string;
}

export interface StatementNode extends Span {
  readonly kind: StatementKind;
  /** Every query block of the statement, indexed by id. */
  readonly blocks: readonly QueryBlock[];
  /** Every query expression of the statement (the main one, CTE bodies, derived tables and subqueries). */
  readonly queries: readonly QueryExpr[];
  /** The main query: the SELECT itself, or the source of INSERT … SELECT. */
  readonly query?: QueryExpr;
  readonly columnRefs: readonly ColumnRef[];
  readonly tableRefs: readonly TableRef[];
  readonly creates: readonly CreatedObject[];
  readonly declares: readonly DeclaredVariable[];
  readonly drops: readonly ObjectName[];
  /** `ALTER TABLE t ADD …`: columns added to t. */
  readonly alters: readonly { readonly name: ObjectName; readonly added: readonly ColumnDef[] }[];
  /** The database of a `USE` statement. */
  readonly use?: Name;
  /** True when the statement runs SQL text (`EXEC (@sql)`, `sp_executesql`), which cannot be checked. */
  readonly dynamic: boolean;
  /** For BEGIN and END: the word after them (`TRY`, `CATCH`, `TRAN`), if any. */
  readonly blockWord?: string;
  readonly errors: readonly ParseError[];
}
