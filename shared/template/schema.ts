/**
 * The template language: a table set (表样), its entry datasets, formulas (运算公式) and checks (审核公式) as data.
 * A template file is validated against these schemas when it is loaded; the engine knows only these concepts
 * (datasets, grouped rows, fixed rows, panels, formulas, rules), never a particular table.
 */
import { z } from 'zod';

const id = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, '应为字母开头的标识符');

/** A field of an entry dataset. */
export const FieldDef = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('amount'), label: z.string() }),
  z.strictObject({ type: z.literal('text'), label: z.string(), required: z.boolean().optional() }),
  /** A budget unit of the book, stored as its 单位编码. */
  z.strictObject({ type: z.literal('unit'), label: z.string() }),
  /** A code from a catalogue; `digits` restricts its length (7 for a 功能分类 项). */
  z.strictObject({
    type: z.literal('code'),
    label: z.string(),
    catalogue: z.string(),
    digits: z.array(z.number().int().positive()).optional(),
    required: z.boolean().optional(),
  }),
  z.strictObject({ type: z.literal('enum'), label: z.string(), values: z.array(z.string()).min(1) }),
  /** The id of a record of another dataset. */
  z.strictObject({ type: z.literal('ref'), label: z.string(), dataset: z.string(), required: z.boolean().optional() }),
  /**
   * A code that defaults from a mapping catalogue (部门预算经济分类 → 政府预算经济分类 by unit kind) and may be
   * overridden per record.
   */
  z.strictObject({
    type: z.literal('mapped'),
    label: z.string(),
    catalogue: z.string(),
    mapping: z.string(),
    from: z.string(),
  }),
  /** A field copied from the record a ref field points to (a project line's unit is its project's unit). */
  z.strictObject({ type: z.literal('via'), label: z.string(), ref: z.string(), field: z.string() }),
  /** A value derived from the leading digits of another code field (人员类/公用经费 from the 经济分类 code). */
  z.strictObject({
    type: z.literal('classified'),
    label: z.string(),
    from: z.string(),
    byPrefix: z.record(z.string(), z.string()),
  }),
]);
export type FieldDef = z.infer<typeof FieldDef>;

export const DatasetDef = z.strictObject({
  label: z.string(),
  /** At most one record per budget unit (收入, 政府采购). */
  perUnit: z.boolean().optional(),
  /** Fields whose values together must be unique (e.g. 单位 + 项目代码). */
  unique: z.array(z.string()).optional(),
  /** How a record is named in messages, e.g. `{unit} {name}`. */
  describe: z.string().optional(),
  fields: z.record(id, FieldDef),
});
export type DatasetDef = z.infer<typeof DatasetDef>;

/** Which records a row adds up, per dataset: field → value, list of values, or code prefix. */
export const FilterValue = z.union([
  z.string(),
  z.array(z.string()).min(1),
  z.strictObject({ prefix: z.string() }),
]);
export type FilterValue = z.infer<typeof FilterValue>;
export const Filter = z.record(z.string(), FilterValue);
export type Filter = z.infer<typeof Filter>;

/** What an amount column adds up over a row's records: a field expression (`gpb`, `biz+oper`) per dataset. */
export const Source = z.union([z.string(), z.strictObject({ expr: z.string(), where: Filter })]);
export type Source = z.infer<typeof Source>;

/** The unit amounts are counted, typed and printed in (a table's or column's; the document's `money.unit` by default). */
const AmountUnit = z.enum(['元', '万元'], { error: '金额单位应为“元”或“万元”' });

/** How amounts print (see AmountStyle in shared/money): `grouped` 12,308.79 by default, `fixed` 75.00, `general` 7.5. */
const AmountStyle = z.enum(['grouped', 'fixed', 'general'], { error: '金额格式应为 grouped（千分位）、fixed（定长小数）或 general（常规）' });

const LeafColumn = z.strictObject({
  key: id,
  label: z.string(),
  type: z.enum(['text', 'amount', 'rate']),
  /** The 栏次 label as printed, e.g. `1=2+14`; its equations are checked on every row. */
  colNo: z.string().optional(),
  /** Rule ids for the equations of `colNo`, in order (e.g. ["I-16", "I-17"] for `2=3+4=5+8+11+14+17`). */
  colNoRules: z.array(z.string()).optional(),
  /** A formula that derives the column on every row (overrides the colNo derivation), e.g. `T3[@].c5`. */
  formula: z.string().optional(),
  /** Rule id used when the table is 手工填报 and a cell of this column differs from its derivation. */
  rule: z.string().optional(),
  source: z.record(z.string(), Source).optional(),
  /** Relative width hint for outputs (characters). */
  width: z.number().positive().optional(),
  /**
   * A 行次 column (text): it numbers the printed lines, blank lines included; in a side-by-side table the first
   * panel's lines come first and the next panel continues after them (收入 1–31, 支出 32–62).
   */
  lineNo: z.boolean().optional(),
  /** An amount column's own unit and print style, when they differ from its table's. */
  unit: AmountUnit.optional(),
  style: AmountStyle.optional(),
});
export type LeafColumn = z.infer<typeof LeafColumn>;

export interface GroupColumn {
  label: string;
  children: ColumnNode[];
}
export type ColumnNode = LeafColumn | GroupColumn;
export const ColumnNode: z.ZodType<ColumnNode> = z.lazy(() =>
  z.union([LeafColumn, z.strictObject({ label: z.string(), children: z.array(ColumnNode).min(1) })]),
);

/** A sort criterion for the rows of a level: the text of `of` compared by code, pinyin or a fixed list. */
export const OrderBy = z.strictObject({
  of: z.string(),
  collate: z.enum(['code', 'pinyin']).optional(),
  list: z.array(z.string()).optional(),
  empty: z.enum(['first', 'last']).optional(),
});
export type OrderBy = z.infer<typeof OrderBy>;

/** A grouping key: a field (its whole value), or the first `prefix` characters of a code field. */
export const KeyPart = z.union([z.string(), z.strictObject({ field: z.string(), prefix: z.number().int().positive() })]);
export type KeyPart = z.infer<typeof KeyPart>;

const Cells = z.record(z.string(), z.string());

/**
 * One printed line of a group that prints several (a form's lines per project): it adds up the group's
 * records that match `filter`, or derives its cells from formulas (`={project}` etc. are filled per group). A literal
 * text in an amount column (`-`) is printed as is and counts as zero.
 */
export const Line = z.strictObject({
  /** Row id pattern with the group's placeholders, e.g. `{project}/fiscal`. */
  id: z.string(),
  cells: Cells.optional(),
  /** Which of the group's records this line adds up (by field; `{}` for all); without it, none: its amounts are formulas. */
  filter: Filter.optional(),
  /** Rule id per column for 手工填报 derivation differences. */
  rules: z.record(z.string(), z.string()).optional(),
});
export type Line = z.infer<typeof Line>;

export const Level = z.strictObject({
  name: z.string(),
  /** Grouping key of this level; none for a single row (合计, 部门). `id` groups each record on its own. */
  by: z.array(KeyPart).optional(),
  /** Row id pattern; defaults to the key values joined by `/` (or the level name for a keyless level). */
  id: z.string().optional(),
  order: z.array(OrderBy).optional(),
  /** Text cells, with `{…}` placeholders. */
  cells: Cells.optional(),
  /** Text cells printed only on the first row of a run with the same value under one parent (vertical merge). */
  mergeDown: z.array(z.string()).optional(),
  /** The level prints no row of its own: its cells go on its first child row (表14 projects). */
  inline: z.boolean().optional(),
  /** Rule id of the check "this row = Σ its child rows". */
  rollupRule: z.string().optional(),
  /** Shown even when all its amounts are zero (the 合计 row). */
  alwaysShow: z.boolean().optional(),
  /** The group's row is printed after its child rows (a 总分 or 小计 line closing each group). */
  after: z.boolean().optional(),
  /** The last level only: each group prints these lines instead of one row. */
  lines: z.array(Line).min(1).optional(),
});
export type Level = z.infer<typeof Level>;

export const GroupBlock = z.strictObject({
  group: z.union([
    z.strictObject({
      sources: z.array(z.string()).min(1),
      levels: z.array(Level).min(1),
      /** Rows whose amounts are all zero are not printed (表3's "only codes with money"). */
      hideZero: z.boolean().optional(),
    }),
    /** The same rows as another table (表5/7/8 follow 表3), with this table's own columns. */
    z.strictObject({ like: z.string(), hideZero: z.boolean().optional(), rollupRule: z.string().optional() }),
  ]),
});

export const FixedRow = z.strictObject({
  id: z.string(),
  /** Text cells (literal or with placeholders) and formula cells (starting with `=`). */
  cells: Cells.optional(),
  /** Records this row adds up, per dataset (表6, 表9). */
  filter: z.record(z.string(), Filter).optional(),
  /** This row is the sum of these rows (by id); they become its children for the roll-up check. */
  sumOf: z.array(z.string()).optional(),
  /** Child rows of a filtered row, for the roll-up check only (表6 subtotals). */
  parent: z.string().optional(),
  rollupRule: z.string().optional(),
  /** Rule id per column for 手工填报 derivation checks (e.g. X-2 for 表1 一、本年收入). */
  rules: z.record(z.string(), z.string()).optional(),
  /** An empty line: the panel prints nothing here. */
  blank: z.boolean().optional(),
});
export type FixedRow = z.infer<typeof FixedRow>;

/** Rows repeated over a list of a catalogue (表1's 29 类), with `{code}`, `{name}`, `{ordinal}` placeholders. */
export const EachBlock = z.strictObject({
  each: z.strictObject({
    list: z.string(),
    /** 1-based first and last entry of the list to use (表4 prints 28 of the 29 类, in two label styles). */
    from: z.number().int().positive().optional(),
    to: z.number().int().positive().optional(),
    row: FixedRow,
  }),
});

export const RowBlock = z.union([z.strictObject({ row: FixedRow }), GroupBlock, EachBlock]);
export type RowBlock = z.infer<typeof RowBlock>;

/** One side of a side-by-side table (收入 ‖ 支出): its columns, top rows and bottom-aligned rows. */
export const Panel = z.strictObject({
  columns: z.array(z.string()).min(1),
  rows: z.array(RowBlock),
  footer: z.array(RowBlock).optional(),
});
export type Panel = z.infer<typeof Panel>;

export const TableDef = z.strictObject({
  id,
  caption: z.string(),
  title: z.string(),
  toc: z.string(),
  orientation: z.enum(['portrait', 'landscape']).optional(),
  /** The line under the title; `{dept.name}` etc. */
  orgLine: z.string().optional(),
  unitLine: z.string().optional(),
  /** The unit and print style of the table's amount columns, when they differ from the document's (a form in 元). */
  unit: AmountUnit.optional(),
  style: AmountStyle.optional(),
  columns: z.array(ColumnNode).min(1),
  /** Print the 栏次 row, with `label` in column `at` (in each of them, for a side-by-side table). */
  colNoRow: z.strictObject({ at: z.union([z.string(), z.array(z.string()).min(1)]).optional(), label: z.string() }).optional(),
  /**
   * The 栏次 row and column numbers print bare numbers (`1 2 3`); the equations of `colNo` still derive and check
   * the columns (for tables published without the formulas).
   */
  plainColNo: z.boolean().optional(),
  /** Plain column numbers printed in the 栏次 row without formulas (表14's `1 … 12`). */
  rows: z.array(RowBlock).optional(),
  panels: z.array(Panel).optional(),
  notes: z.array(z.string()),
  /** Notes printed instead when the table has no non-zero amount (本表为空表列示). */
  emptyNotes: z.array(z.string()).optional(),
  /** May the officer switch this table to 手工填报? Defaults to true for tables with formulas. */
  manual: z.boolean().optional(),
  /**
   * The datasets the officer types into through this table: a cell of a row that holds one record of such a dataset
   * and shows one of its fields (a single-field source, a `{field}` text cell, or `{ref.field}` through a reference
   * shared by the row's records) is edited in place (表2 收入, 表10 基本支出 …). Every other cell only shows.
   */
  entry: z.array(z.string()).optional(),
  /** Default rule id for 手工填报 derivation differences in this table. */
  deriveRule: z.string().optional(),
});
export type TableDef = z.infer<typeof TableDef>;

const Severity = z.enum(['强制', '提示']);

/** Evaluate the rule once per budget unit (`$unit`), or once per record of a dataset (`$field`). */
const ForEach = z.union([z.strictObject({ unit: z.literal(true) }), z.strictObject({ records: z.string() })]);

/** Evaluate the rule once per row of a table whose id starts with `idPrefix` (`$row`: a check per 科目 across tables). */
const ForEachRow = z.strictObject({ table: z.string(), idPrefix: z.string().optional() });

const CompareRule = z.strictObject({
  id: z.string(),
  severity: Severity,
  name: z.string(),
  kind: z.literal('compare'),
  lhs: z.string(),
  op: z.enum(['=', '<=', '>=']),
  rhs: z.string(),
  forEach: ForEach.optional(),
  /** Instead of `forEach`: once per row of a table. */
  forEachRow: ForEachRow.optional(),
  /** The rule applies only where this condition holds (`func != ""`: a record that names its 科目). */
  when: z.string().optional(),
});
/** Every record of `dataset` has a record in `in` whose `field` refers to it. */
const ExistsRule = z.strictObject({
  id: z.string(),
  severity: Severity,
  name: z.string(),
  kind: z.literal('exists'),
  dataset: z.string(),
  in: z.string(),
  field: z.string(),
});
const UniqueRule = z.strictObject({
  id: z.string(),
  severity: Severity,
  name: z.string(),
  kind: z.literal('unique'),
  dataset: z.string(),
  fields: z.array(z.string()).min(1),
});
/** For every record of `dataset` matching `when`, `require` must hold (both in the record predicate language). */
const RecordRule = z.strictObject({
  id: z.string(),
  severity: Severity,
  name: z.string(),
  kind: z.literal('record'),
  dataset: z.string(),
  when: z.string().optional(),
  require: z.string(),
});
export const RuleDef = z.discriminatedUnion('kind', [CompareRule, ExistsRule, UniqueRule, RecordRule]);
export type RuleDef = z.infer<typeof RuleDef>;

/** A catalogue list: ordered codes with names (功能分类 类 list of 表1), or a code → name table. */
export const CatalogueEntry = z.strictObject({
  code: z.string(),
  name: z.string(),
});
export const Catalogue = z.strictObject({
  label: z.string(),
  entries: z.array(CatalogueEntry),
});
export type Catalogue = z.infer<typeof Catalogue>;

/** Pairs (政府预算 code, 部门预算 code) with the unit kinds they apply to, in order of preference. */
export const Mapping = z.strictObject({
  label: z.string(),
  /** Unit kind → scopes to try, in order. */
  scopes: z.record(z.string(), z.array(z.string()).min(1)),
  pairs: z.array(z.strictObject({ to: z.string(), from: z.string(), scope: z.string() })),
});
export type Mapping = z.infer<typeof Mapping>;

/**
 * 尾数误差: published tables round every cell from 元 on its own, so their totals may differ from the sum of their
 * printed parts by a few 0.01. A 强制 amount check that involves a table entered by hand (手工填报) and is off by
 * at most `amount` is reported as 提示 under `wording`; figures the app derives itself stay exact.
 */
export const Tolerance = z.strictObject({ amount: z.string(), wording: z.string() });
export type Tolerance = z.infer<typeof Tolerance>;

/**
 * One part of the printed document, in the order the parts print; its `id` names it in the 目录, the PDF outline and
 * the editor's pages (so it may not be a table id). Titles may use the book's placeholders (`{year}`, `{dept.name}`).
 */
export const DocumentPart = z.discriminatedUnion('kind', [
  /** A part the narrative file writes (its title and sections are there): `id` is the narrative part's id. */
  z.strictObject({ kind: z.literal('narrative'), id }),
  /** Tables, each on its own pages, numbered in the 目录 from 一; without `tables`, every table in template order. */
  z.strictObject({ kind: z.literal('tables'), id, title: z.string().min(1), tables: z.array(z.string()).min(1).optional() }),
  /** The officer's free text (book text `text`), one paragraph a line, or `empty` when there is none (附件, 前言). */
  z.strictObject({ kind: z.literal('text'), id, title: z.string().min(1), text: z.string().min(1), empty: z.string().min(1) }),
]);
export type DocumentPart = z.infer<typeof DocumentPart>;

/** The printed document of a set: its cover title and its parts (spec/template-requirements.md A5). */
export const DocumentDef = z.strictObject({
  /** The cover title, e.g. `{dept.name}{year}年…`; the cover prints the department on its own line when it leads. */
  title: z.string().min(1),
  /** The name offered for the workbook, without `.xlsx` (`{dept.name}{year}年部门预算公开表`); the cover title by default. */
  workbook: z.string().min(1).optional(),
  parts: z.array(DocumentPart).min(1),
});
export type DocumentDef = z.infer<typeof DocumentDef>;

const TemplateBase = {
  id: z.string(),
  version: z.number().int().positive(),
  kind: z.enum(['预算', '决算']),
  name: z.string(),
  year: z.number().int(),
  money: z.strictObject({ unit: z.enum(['元', '万元']), decimals: z.number().int().min(0).max(4) }),
  unitKinds: z.array(z.string()).min(1),
  datasets: z.record(id, DatasetDef),
  tables: z.array(TableDef).min(1),
  rules: z.array(RuleDef),
  tolerance: Tolerance.optional(),
  document: DocumentDef,
};

/**
 * A template as stored under templates/: catalogues and mappings are named by file (`catalogues/functional-2024`)
 * so that several template sets share one catalogue.
 */
export const TemplateFile = z.strictObject({
  ...TemplateBase,
  catalogues: z.record(id, z.string()),
  mappings: z.record(id, z.string()).optional(),
});
export type TemplateFile = z.infer<typeof TemplateFile>;

/** A template with its catalogues and mappings resolved: what the engine works with. */
export const Template = z.strictObject({
  ...TemplateBase,
  catalogues: z.record(id, Catalogue),
  mappings: z.record(id, Mapping),
});
export type Template = z.infer<typeof Template>;
