/**
 * Word lists the parser and the features consult.
 * All lists hold upper-case words; compare with `upper(token)`.
 */
import { type Token, upperCase } from './tokenizer';

/**
 * Reserved words of T-SQL (Microsoft's reserved keyword list).
 * A bare reserved word can never be a column, table or alias, so the parser may treat it as syntax without risk.
 */
export const RESERVED = new Set((
  'ADD ALL ALTER AND ANY AS ASC AUTHORIZATION BACKUP BEGIN BETWEEN BREAK BROWSE BULK BY CASCADE CASE CHECK CHECKPOINT ' +
  'CLOSE CLUSTERED COALESCE COLLATE COLUMN COMMIT COMPUTE CONSTRAINT CONTAINS CONTAINSTABLE CONTINUE CONVERT CREATE ' +
  'CROSS CURRENT CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP CURRENT_USER CURSOR DATABASE DBCC DEALLOCATE DECLARE ' +
  'DEFAULT DELETE DENY DESC DISK DISTINCT DISTRIBUTED DOUBLE DROP DUMP ELSE END ERRLVL ESCAPE EXCEPT EXEC EXECUTE ' +
  'EXISTS EXIT EXTERNAL FETCH FILE FILLFACTOR FOR FOREIGN FREETEXT FREETEXTTABLE FROM FULL FUNCTION GOTO GRANT GROUP ' +
  'HAVING HOLDLOCK IDENTITY IDENTITY_INSERT IDENTITYCOL IF IN INDEX INNER INSERT INTERSECT INTO IS JOIN KEY KILL LEFT ' +
  'LIKE LINENO LOAD MERGE NATIONAL NOCHECK NONCLUSTERED NOT NULL NULLIF OF OFF OFFSETS ON OPEN OPENDATASOURCE ' +
  'OPENQUERY OPENROWSET OPENXML OPTION OR ORDER OUTER OVER PERCENT PIVOT PLAN PRECISION PRIMARY PRINT PROC PROCEDURE ' +
  'PUBLIC RAISERROR READ READTEXT RECONFIGURE REFERENCES REPLICATION RESTORE RESTRICT RETURN REVERT REVOKE RIGHT ' +
  'ROLLBACK ROWCOUNT ROWGUIDCOL RULE SAVE SCHEMA SECURITYAUDIT SELECT SEMANTICKEYPHRASETABLE ' +
  'SEMANTICSIMILARITYDETAILSTABLE SEMANTICSIMILARITYTABLE SESSION_USER SET SETUSER SHUTDOWN SOME STATISTICS ' +
  'SYSTEM_USER TABLE TABLESAMPLE TEXTSIZE THEN TO TOP TRAN TRANSACTION TRIGGER TRUNCATE TRY_CONVERT TSEQUAL UNION ' +
  'UNIQUE UNPIVOT UPDATE UPDATETEXT USE USER VALUES VARYING VIEW WAITFOR WHEN WHERE WHILE WITH WRITETEXT'
).split(' '));

/** Words that may follow a table in a FROM clause without being its alias, although T-SQL does not reserve them. */
export const NOT_AN_ALIAS = new Set(['APPLY', 'WINDOW', 'LOOP', 'HASH', 'REMOTE', 'GO', 'THROW']);

/** Words that begin a new statement when they appear at the top level of a batch. */
export const STATEMENT_STARTERS = new Set((
  'SELECT INSERT UPDATE DELETE MERGE WITH CREATE ALTER DROP DECLARE SET IF ELSE BEGIN END WHILE EXEC EXECUTE PRINT ' +
  'RETURN TRUNCATE USE RAISERROR THROW BREAK CONTINUE GOTO OPEN CLOSE FETCH DEALLOCATE COMMIT ROLLBACK SAVE GRANT ' +
  'REVOKE DENY WAITFOR BULK DBCC BACKUP RESTORE CHECKPOINT KILL RECONFIGURE SETUSER REVERT'
).split(' '));

/** Keywords that end an expression inside a query block (the start of the next clause). */
export const CLAUSE_KEYWORDS = new Set([
  'SELECT', 'INTO', 'FROM', 'WHERE', 'GROUP', 'HAVING', 'ORDER', 'OPTION', 'UNION', 'EXCEPT', 'INTERSECT', 'FOR',
  'WINDOW', 'OFFSET', 'FETCH',
]);

/** Words that start a join in a FROM clause. */
export const JOIN_WORDS = new Set(['JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS', 'OUTER']);

/** Functions whose first argument is a date part keyword (`DATEADD(year, 1, d)`), not a column. */
export const DATEPART_FUNCTIONS = new Set([
  'DATEADD', 'DATEDIFF', 'DATEDIFF_BIG', 'DATEPART', 'DATENAME', 'DATETRUNC', 'DATE_BUCKET',
]);

/** Functions whose first argument is a data type (`CONVERT(varchar(10), d, 103)`). */
export const TYPE_FIRST_FUNCTIONS = new Set(['CONVERT', 'TRY_CONVERT']);

/** Words inside an `OVER (…)` frame clause that T-SQL does not reserve. */
export const WINDOW_FRAME_WORDS = new Set(['ROWS', 'RANGE', 'UNBOUNDED', 'PRECEDING', 'FOLLOWING', 'ROW', 'PARTITION']);

/** Functions that return a table when used as a FROM source, with the columns they are documented to return. */
export const TABLE_FUNCTION_COLUMNS: ReadonlyMap<string, readonly string[]> = new Map([
  ['STRING_SPLIT', ['value', 'ordinal']],
  ['GENERATE_SERIES', ['value']],
]);

/** Common built-in functions, offered by completion in expression positions. */
export const BUILTIN_FUNCTIONS: readonly string[] = [
  'ABS', 'AVG', 'CAST', 'CEILING', 'CHARINDEX', 'COALESCE', 'CONCAT', 'CONVERT', 'COUNT', 'COUNT_BIG', 'CUME_DIST',
  'DATEADD', 'DATEDIFF', 'DATEFROMPARTS', 'DATENAME', 'DATEPART', 'DAY', 'DENSE_RANK', 'EOMONTH', 'FIRST_VALUE',
  'FLOOR', 'FORMAT', 'GETDATE', 'IIF', 'ISNULL', 'ISNUMERIC', 'LAG', 'LAST_VALUE', 'LEAD', 'LEFT', 'LEN', 'LOWER',
  'LTRIM', 'MAX', 'MIN', 'MONTH', 'NTILE', 'NULLIF', 'PERCENTILE_CONT', 'PERCENTILE_DISC', 'PERCENT_RANK', 'RANK',
  'REPLACE', 'RIGHT', 'ROUND', 'ROW_NUMBER', 'RTRIM', 'STDEV', 'STRING_AGG', 'STUFF', 'SUBSTRING', 'SUM', 'TRIM',
  'TRY_CAST', 'TRY_CONVERT', 'UPPER', 'VAR', 'YEAR',
];

/** The upper-case form of a word token's text (empty for other tokens), used for keyword tests. */
export function upper(token: Token | undefined): string {
  if (token === undefined || token.kind !== 'word') return '';
  return token.upper ?? upperCase(token.text);
}

/** True when the token is the bare word `word` (case-insensitive). Delimited identifiers never match. */
export function isWord(token: Token | undefined, word: string): boolean {
  return token !== undefined && token.kind === 'word' && token.text.length === word.length && upper(token) === word;
}

/** True when the token is a bare reserved word. */
export function isReserved(token: Token | undefined): boolean {
  return token !== undefined && token.kind === 'word' && RESERVED.has(upper(token));
}
