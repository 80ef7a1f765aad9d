/**
 * The public contract of the LEO variable catalogue.
 *
 * Features, rules, language front ends and the CLI code against these types only.
 * The runtime entry points (loading, the store, explain, stats, validation and the scale helpers)
 * are exported from `server/src/catalogue/index.ts`, which re-exports everything here as well.
 *
 * Everything is plain, readonly data: no markdown, no LSP types, no file I/O.
 * Names are matched case-insensitively everywhere; callers strip brackets and quotes first.
 */

/** A School Census term. Column names abbreviate it as `aut`, `spr` or `sum`. */
export type Term = 'autumn' | 'spring' | 'summer';

/** DfE identification risk: 1 instant identifier … 5 other (lower is more identifying). */
export type IdentificationRisk = 1 | 2 | 3 | 4 | 5;

/** DfE sensitivity: A never leaves DfE, B safeguarding, C sensitive, D GDPR special category, E other. */
export type Sensitivity = 'A' | 'B' | 'C' | 'D' | 'E';

/** Whether a field (or table) comes by default or must be requested and justified. */
export type Availability = 'default' | 'by-request';

/** What an identifier identifies: a person, an administrative record, or an institution (school, provider, employer). */
export type IdentifierKind = 'person' | 'record' | 'institution';

/** Geographic precision of an area or address field, finest first. */
export type GeographyLevel = 'postcode' | 'OA' | 'LSOA' | 'MSOA' | 'LA' | 'constituency' | 'region' | 'country';

/** A money amount (in pounds) that dominance checks apply to; `earnings` is the pay and profit kind. */
export type MagnitudeKind = 'earnings' | 'money';

/** `date` is a full date; `date-part` is a year, month or age that narrows down a date. */
export type DateKind = 'date' | 'date-part';

/** The sensitive categories the disclosure rules group fields into. */
export type SensitiveCategory = 'safeguarding' | 'special-category' | 'other-sensitive';

/** The roles of a column that the disclosure rules need. Absent members mean "not this role". */
export interface ColumnRoles {
  readonly identifier?: IdentifierKind;
  readonly geography?: GeographyLevel;
  readonly magnitude?: MagnitudeKind;
  readonly date?: DateKind;
  /** True for parts of a date of birth (year, month, age), classic quasi-identifiers. */
  readonly dateOfBirth?: boolean;
  readonly sensitive?: SensitiveCategory;
}

/**
 * A span of years. Numbers are the *end* year of the academic, tax or financial year
 * (2018/19 is 2019; tax year 201819 is 2019). `to` absent means "to the end of the extract".
 */
export interface YearSpan {
  readonly from?: number;
  readonly to?: number;
  /** End years inside the span with no data (for example the summer census of 2019/20). */
  readonly except?: readonly number[];
  /** The source's own words, kept for display (`2002/2003 - 2020/2021`, `2015/16 -`). */
  readonly text?: string;
}

/** One code of a categorical field. */
export interface CodeEntry {
  readonly code: string;
  readonly label: string;
}

/** A catalogued column (a field of the variable request form, or a project-defined column). */
export interface ColumnEntry {
  /** The name or name template as catalogued: `FSMeligible_[term][yy]`, `Category_ex[yy]`, `EduKey`. */
  readonly name: string;
  /** Position within its table (0-based), in the order of the source. */
  readonly order: number;
  /**
   * The sub-tables of the form's tab that hold the field (`KS4 Pupil Table`, `Table 1`).
   * Empty means the field is in every view of the table.
   */
  readonly groups: readonly string[];
  /** The form's field reference, when it has one. */
  readonly reference?: string;
  /** Older or alternative names (`FreeSchoolMeals_02`), matched like the name itself. */
  readonly synonyms: readonly string[];
  readonly type?: string;
  readonly description?: string;
  readonly years?: YearSpan;
  /** For census fields: the terms the field is collected in (absent means every term). */
  readonly terms?: readonly Term[];
  readonly codes?: readonly CodeEntry[];
  /** Text from the form's values cell that could not be read as codes (`to 2dp`, `£`). */
  readonly valuesNote?: string;
  readonly identificationRisk?: IdentificationRisk;
  readonly sensitivity?: Sensitivity;
  readonly availability?: Availability;
  readonly roles: ColumnRoles;
  /** The NPD's short "old alias" (`fsm_[yy]`), shown for reference and not matched. */
  readonly oldAlias?: string;
  readonly notes: readonly string[];
}

/** How trustworthy a physical view name is. */
export type ViewEvidence = 'seen' | 'inferred';

/** A physical view (or a family of per-year views) that exposes a table in one iteration. */
export interface ViewEntry {
  /** Catalogue iteration id (`i2`, `i1`, or one a project defines). */
  readonly iteration: string;
  /** The database the view lives in, as catalogued (`npd_i2`, `NPD`). */
  readonly database: string;
  /** The physical name or, for a family, a template with `[yyyy]`: `spring_census_[yyyy]`. */
  readonly name: string;
  /** For families: the years that exist, as the four-digit year in the view name. */
  readonly years?: YearSpan;
  /** For census families: the term the views hold. */
  readonly term?: Term;
  /** For multi-year views such as `KS4Pupil_2002_to_2014`: the years of data the view holds (end years). */
  readonly covers?: YearSpan;
  /** When present, only columns in one of these groups (see ColumnEntry.groups) are in the view. */
  readonly groups?: readonly string[];
  readonly evidence: ViewEvidence;
  readonly note?: string;
}

/** A catalogued table: one tab of the variable request form, or a project-defined table. */
export interface TableEntry {
  /** Stable id, unique within the merged catalogue (`sc-pupil`, `leo-earnings`). */
  readonly id: string;
  /** The form's tab name, trimmed (`SC_Pupil_01-02_to_20-21`), or a project's name for the table. */
  readonly name: string;
  /** The form's logical name, when it has one (`LEO.Earnings`, `LINK.EDUCATION_RECORDS_LOOKUP`). */
  readonly logicalName?: string;
  /** A short human title (`School Census pupil level`). */
  readonly title: string;
  /** Who supplies the data (DfE, HMRC, DWP, ONS, ESFA, HESA, UCAS, or the project). */
  readonly owner?: string;
  readonly description?: string;
  /** What one row is (`person × tax year`). */
  readonly grain?: string;
  /** The column (or template) that identifies the person. */
  readonly personKey?: string;
  /** How the table links to the LEO outcome tables (`PMR → AE_ID → EDUKEY`). */
  readonly linkRoute?: string;
  readonly years?: YearSpan;
  readonly availability?: Availability;
  readonly knownIssues: readonly string[];
  readonly notes: readonly string[];
  readonly views: readonly ViewEntry[];
  readonly columns: readonly ColumnEntry[];
  /** Which catalogue file defined (or last overrode) the table. */
  readonly definedIn: string;
}

/** A database on the SRS SQL Server (or a project's own one). */
export interface DatabaseEntry {
  readonly name: string;
  readonly iteration: string;
  /** `leo` for databases that hold catalogued LEO data; `project` for a project's own (scratch) database. */
  readonly kind: 'leo' | 'project';
  readonly description?: string;
}

/** A schema name as written in real code: the project-number placeholder, a project number, or `dbo`. */
export interface SchemaPlaceholder {
  /** As it would be typed (`"<project number>"`, `[2002237]`, `dbo`). */
  readonly text: string;
  readonly iteration?: string;
  readonly description: string;
}

/** An iteration of the LEO extract (`i2`: Iteration 2 Standard Extract). */
export interface IterationEntry {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
}

/** The document(s) a catalogue was derived from. */
export interface SourceDocument {
  readonly title: string;
  readonly version?: string;
  readonly date?: string;
  readonly publisher?: string;
  readonly origin?: string;
  readonly licence?: string;
}

/** A table reference as the caller parsed it (brackets and quotes stripped). */
export interface TableReference {
  readonly database?: string;
  readonly schema?: string;
  readonly name: string;
}

/** Coverage of a year: `populated`, `not-populated` (outside the years or in a gap), or `unknown` (the catalogue has no years). */
export type CoverageStatus = 'populated' | 'not-populated' | 'unknown';

/**
 * Why the catalogue calls a year or term not populated, which decides how sure a diagnostic may be.
 * - `known-gap`: the catalogue names the gap (no summer census in 2019/20), so no such view exists.
 * - `other-instance`: the name is the column of another term or year than the view holds.
 * - `before-first-view`: the year is before the first view of a family seen in real code.
 * - `form-years`, `form-terms`, `view-years`: the request form lists the field for other years or terms, or the
 *   stacked view holds other years; the column may exist and be empty, which only the data can settle.
 * - `beyond-catalogue`: the year is after the last one the catalogue describes; the data may simply be newer than
 *   the form.
 * - `form-group`: the form lists the field under another sub-table of the same dataset (exclusions table 2, not
 *   table 3); the form names each field once, so the view may well hold it too.
 */
export type CoverageEvidence =
  | 'known-gap' | 'other-instance' | 'before-first-view' | 'form-years' | 'form-terms' | 'view-years' | 'beyond-catalogue' | 'form-group';

/** A table reference resolved to its catalogue entry. */
export interface TableMatch {
  readonly table: TableEntry;
  readonly view: ViewEntry;
  /** The concrete physical name (`spring_census_2019`), spelled as catalogued. */
  readonly viewName: string;
  readonly iteration: string;
  /** The database as catalogued, when the reference named one (or the view's own). */
  readonly database: string;
  /** For per-year families: the four-digit year in the view name. */
  readonly year?: number;
  readonly term?: Term;
  /** False when the year is outside the family's catalogued years or is a known gap. */
  readonly populated: boolean;
  readonly coverage: CoverageStatus;
  readonly coverageNote?: string;
  /** Set when not populated: what the catalogue's claim rests on. */
  readonly coverageEvidence?: CoverageEvidence;
}

/**
 * How a column name was matched:
 * `exact` (a plain name), `template` (a family instantiated with the view's term and year),
 * `synonym` (an older name), `other-year` (a family member whose term or year differs from the view's:
 * for example `fsmeligible_spr18` on `spring_census_2019`; it is then not populated),
 * `template-form` (the template itself, such as `FSMeligible_[term][yy]`).
 */
export type ColumnMatchKind = 'exact' | 'template' | 'synonym' | 'other-year' | 'template-form';

/** A column resolved on a table (or found across the catalogue). */
export interface ColumnMatch {
  readonly column: ColumnEntry;
  readonly table: TableEntry;
  /** The instantiated name (`fsmeligible_spr19` → `FSMeligible_SPR19`), in the catalogue's spelling. */
  readonly name: string;
  readonly term?: Term;
  /** The four-digit year the name's `[yy]` stands for. */
  readonly year?: number;
  /** The academic (or tax) end year this column instance holds data for. */
  readonly dataYear?: number;
  readonly matchedBy: ColumnMatchKind;
  readonly populated: boolean;
  readonly coverage: CoverageStatus;
  readonly coverageNote?: string;
  /** Set when not populated: what the catalogue's claim rests on. */
  readonly coverageEvidence?: CoverageEvidence;
}

/** A ranked did-you-mean candidate. Lower distance is better. */
export interface Suggestion<T> {
  readonly label: string;
  readonly distance: number;
  readonly entry: T;
}

/** One view (or one year of a family) for completion after FROM. */
export interface ViewListing {
  readonly name: string;
  readonly database: string;
  readonly iteration: string;
  readonly table: TableEntry;
  readonly view: ViewEntry;
  readonly year?: number;
  readonly term?: Term;
}

/** Where a catalogue problem is: the file, the JSON path, and line/column when known (1-based). */
export interface CatalogueProblem {
  readonly file: string;
  /** A JSON path such as `$.tables[3].columns[12].codes`; `$` for the whole file. */
  readonly path: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
  readonly line?: number;
  readonly column?: number;
  readonly offset?: number;
  readonly length?: number;
}

/** Two files define the same thing differently; the later file wins and this reports it. */
export interface CatalogueConflict {
  readonly kind: 'table' | 'column' | 'database' | 'view' | 'iteration';
  /** The name in conflict (`LEO.Earnings`, `leo_earnings.Earnings`). */
  readonly name: string;
  readonly message: string;
  readonly winner: string;
  readonly loser: string;
}

/** One catalogue file's text, read by an adapter. */
export interface CatalogueFile {
  readonly path: string;
  readonly text: string;
  /**
   * Set only for the bundled catalogue, which the build and the test suite validate: the loader
   * then skips schema validation to start faster. Never set it for a user's file.
   */
  readonly trusted?: boolean;
}

/** The merged, indexed catalogue. Built once per load; every lookup is a map access. */
export interface CatalogueIndex {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly sources: readonly SourceDocument[];
  /** One line naming the source(s), for display. */
  readonly sourceDescription: string;
  /** The iteration a project said it uses (from an overlay), if any. */
  readonly projectIteration?: string;
  readonly iterations: readonly IterationEntry[];
  readonly tables: readonly TableEntry[];

  /** True for catalogued LEO databases (`LEO_i2`, `npd_i2`, `NPD` …), false for a project's own. */
  isLeoDatabase(name: string): boolean;
  /** The catalogued database of that name (any kind), case-insensitive. */
  database(name: string): DatabaseEntry | undefined;
  databases(iteration?: string): readonly DatabaseEntry[];
  schemaPlaceholders(): readonly SchemaPlaceholder[];

  /** Resolves a table reference in any form; undefined when it is not catalogued. */
  resolveTable(ref: TableReference): TableMatch | undefined;
  /** Views for completion: every view, or those of one database, each family year listed once. */
  listViews(options?: { readonly database?: string; readonly prefix?: string }): readonly ViewListing[];
  /** Tables whose logical name, tab name, id or any physical view name matches (all iterations). */
  findTables(name: string): readonly TableMatch[];

  /** Every column of the view, instantiated for its term and year. */
  columnsOf(match: TableMatch): readonly ColumnMatch[];
  /** Resolves a column on a table; see ColumnMatchKind for other-year and template forms. */
  resolveColumn(match: TableMatch, name: string): ColumnMatch | undefined;
  /** The column in every table that has it (for explain and unqualified names). */
  findColumns(name: string): readonly ColumnMatch[];

  /** Ranked did-you-mean columns for the view (instantiated names). */
  suggestColumns(match: TableMatch, name: string, limit?: number): readonly Suggestion<ColumnMatch>[];
  /** Ranked did-you-mean view names, optionally within a database. */
  suggestTables(name: string, database?: string, limit?: number): readonly Suggestion<ViewListing>[];
}

/** The result of loading catalogue files: an index when at least the base loaded, plus every problem. */
export interface CatalogueLoadResult {
  readonly index?: CatalogueIndex;
  readonly problems: readonly CatalogueProblem[];
  readonly conflicts: readonly CatalogueConflict[];
}

/** The counts `leo-lens catalogue stats` prints. */
export interface CatalogueStats {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly source: string;
  readonly tables: number;
  readonly views: number;
  readonly columns: number;
  readonly columnsWithDescription: number;
  readonly columnsWithRatings: number;
  readonly codeLists: number;
  readonly codes: number;
  readonly databases: number;
}

/** A column in explain output. */
export interface ExplainColumn {
  readonly kind: 'column';
  readonly table: string;
  readonly tableTitle: string;
  /** The name as catalogued (template form). */
  readonly name: string;
  /** The instantiated name, when the query named a concrete family member. */
  readonly instance?: string;
  readonly term?: Term;
  readonly year?: number;
  readonly type?: string;
  readonly description?: string;
  readonly years?: YearSpan;
  readonly populated?: boolean;
  readonly coverageNote?: string;
  readonly codes?: readonly CodeEntry[];
  readonly valuesNote?: string;
  readonly identificationRisk?: IdentificationRisk;
  readonly identificationRiskMeaning?: string;
  readonly sensitivity?: Sensitivity;
  readonly sensitivityMeaning?: string;
  readonly availability?: Availability;
  readonly roles: ColumnRoles;
  readonly synonyms: readonly string[];
  readonly notes: readonly string[];
}

/** A table in explain output. */
export interface ExplainTable {
  readonly kind: 'table';
  readonly id: string;
  readonly name: string;
  readonly title: string;
  readonly logicalName?: string;
  readonly view: string;
  readonly database: string;
  readonly iteration: string;
  readonly year?: number;
  readonly term?: Term;
  readonly populated: boolean;
  readonly coverageNote?: string;
  readonly description?: string;
  readonly grain?: string;
  readonly personKey?: string;
  readonly linkRoute?: string;
  readonly years?: YearSpan;
  readonly availability?: Availability;
  readonly knownIssues: readonly string[];
  readonly columns: readonly {
    readonly name: string;
    readonly type?: string;
    readonly description?: string;
    readonly identificationRisk?: IdentificationRisk;
    readonly sensitivity?: Sensitivity;
    readonly populated: boolean;
  }[];
}

/** What `explain` found for a name: tables, columns, or suggestions when nothing matched. */
export interface ExplainResult {
  readonly query: string;
  readonly found: boolean;
  readonly tables: readonly ExplainTable[];
  readonly columns: readonly ExplainColumn[];
  readonly suggestions: readonly string[];
}
