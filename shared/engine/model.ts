/**
 * The engine's in-memory model of a book's tables: columns with their compiled derivations, and rows holding
 * amounts in 分. A row knows where each of its amounts comes from (its records, its children, a formula or its
 * 栏次 equation), which rows read it, and its rank in the global evaluation order.
 */
import type { LoadedRecord } from '../book/load';
import type { Fen } from '../money/money';
import type { LeafColumn, TableDef } from '../template/schema';
import type { ColNo, Expr } from './expr';

/** A term of a source expression: one amount field of a record, added or subtracted. */
export interface SourceTerm {
  readonly field: number;
  readonly sign: 1 | -1;
}

/** What a column adds up from one dataset, and which records of it count (a compiled `where`). */
export interface ColumnSource {
  readonly terms: readonly SourceTerm[];
  readonly where?: RecordFilter;
}

/** A column of a table that adds up a dataset's records, with what it takes from each. */
export interface SourceColumn {
  readonly index: number;
  readonly source: ColumnSource;
}

/** A predicate on a record's text fields, compiled from a template filter. */
export type RecordFilter = (record: LoadedRecord) => boolean;

/** A term of a 栏次 equation: a column of the same row, added or subtracted. */
export interface IndexTerm {
  readonly index: number;
  readonly sign: 1 | -1;
}

export interface Column {
  readonly index: number;
  readonly def: LeafColumn;
  readonly key: string;
  readonly type: LeafColumn['type'];
  readonly colNo?: ColNo;
  /** A sum label's equations with column indexes in place of 栏次 numbers (`3=1+2` → [[{0,+}, {1,+}]]). */
  readonly equations?: readonly (readonly IndexTerm[])[];
  /** A rate label's numerator and denominator columns. */
  readonly ratio?: { readonly numerator: number; readonly denominator: number };
  readonly formula?: Expr;
  readonly sources: ReadonlyMap<string, ColumnSource>;
}

/**
 * How a cell gets its value:
 * - `source`: the sum over the row's own records;
 * - `children`: the sum of the child rows;
 * - `formula`: a formula (cross-table reference);
 * - `colNo`: the first equation of the column's 栏次 label on the same row;
 * - `rate`: numerator / denominator of the same row, as a percentage;
 * - `none`: no value (blank).
 */
export type Derivation = 'source' | 'children' | 'formula' | 'colNo' | 'rate' | 'none';

export interface Row {
  readonly table: TableModel;
  readonly id: string;
  /** The level name of a grouped row; `fixed` for a declared row. */
  readonly level: string;
  /** The text-cell templates the row was printed from (its level's or its declared cells), by column key. */
  readonly cellTemplates?: Readonly<Record<string, string>>;
  parent: Row | null;
  /** The child rows; a row without any shares one empty list (most rows are leaves). */
  children: readonly Row[];
  /** Source columns are the sum of the children (group parents, `sumOf` rows) rather than of own records. */
  readonly sumChildren: boolean;
  readonly rollupRule?: string;
  readonly alwaysShow: boolean;
  /** Prints nothing (an empty line of a panel). */
  readonly blank: boolean;
  /** 0 for a grid, the panel index for a side-by-side table. */
  readonly panel: number;
  readonly text: string[];
  readonly values: Fen[];
  readonly rates: string[];
  /** Cell formulas of this row that override the column's derivation. */
  readonly cellFormulas?: ReadonlyMap<number, Expr>;
  /** Rule id per column for 手工填报 derivation differences. */
  readonly cellRules?: Readonly<Record<string, string>>;
  /** Rows whose formulas read this row (most rows have none and share one empty list). */
  dependents: readonly Row[];
  rank: number;
  visible: boolean;
}

export interface Panel {
  readonly columns: readonly number[];
  readonly body: readonly Row[];
  readonly footer: readonly Row[];
}

/** A row of a table entered by hand (手工填报), matched to the derived row it stands for. */
export interface ManualRow {
  readonly index: number;
  readonly text: string[];
  readonly values: Fen[];
  readonly rates: string[];
  readonly panel: number;
  derived?: Row;
}

export interface TableModel {
  readonly def: TableDef;
  readonly index: number;
  readonly columns: readonly Column[];
  readonly columnByKey: ReadonlyMap<string, Column>;
  /** Columns by their 栏次 number, for 栏次 equations. */
  readonly columnByNumber: ReadonlyMap<number, Column>;
  /** Columns derived by their 栏次 equation, in evaluation order. */
  readonly colNoOrder: readonly Column[];
  /** The columns derived by a formula (in every row without a cell formula of its own there). */
  readonly formulaColumns: readonly Column[];
  /** The columns a row that adds up its children derives from them or by a formula. */
  readonly childColumns: readonly Column[];
  /** The columns holding a rate (`13=9/1`). */
  readonly rateColumns: readonly Column[];
  /**
   * The rates of each row of a table without rate columns: all blank, and never written, so its rows share this
   * one array rather than each holding its own (tens of thousands of rows on a large department).
   */
  readonly blankRates: readonly string[];
  /** Derivation of each column for rows that add up their own records, and for rows that add up children. */
  readonly planOwn: readonly Derivation[];
  readonly planChildren: readonly Derivation[];
  /** Rows in display order (all panels). */
  readonly rows: Row[];
  readonly rowById: Map<string, Row>;
  readonly panels?: readonly Panel[];
  readonly hideZero: boolean;
  /** Set when the officer switched the table to 手工填报. */
  manual?: {
    readonly rows: readonly ManualRow[];
    readonly byDerivedId: ReadonlyMap<string, ManualRow>;
  };
}
