/**
 * The narrative language (说明): the text parts of a disclosure as data, one file per template set
 * (templates/<set>/narrative.json). Sentences are templates whose `{…}` directives bind figures to the engine's
 * formulas, lists of table rows, and fields the officer types; the code knows these constructs, never a paragraph.
 *
 * Directives inside a sentence (`V` is a value: a formula, `@name`, `total(list)`, or `value` inside a list item):
 *   {amount: V}                 an amount, formatted as the tables print it (`47,881.17`)
 *   {percent: V, V}             V / V × 100 with two decimals, no separator (`52.41`)
 *   {count: list}               how many items a list has
 *   {change: wording, V, V}     the clause comparing current with prior (增加/减少/持平 …, 大于/小于 预算数)
 *   {change: wording, V, V, key} the same, its wording also saying why (`{reason}`: the officer's text under key)
 *   {reason: key, V, V}         `，主要原因是：…` with the officer's text, required when current ≠ prior
 *   {field: key}                a text the officer types (book.text[key]); `$x` in a key is a variable
 *   {list: name}                the items of a list, joined
 *   {year} {prev} {dept.name}   book placeholders; {$x} a variable; {label} {ordinal} {number} inside a list item
 *
 * Values (`V`) may also be `field(key)`, an amount the officer types (a 年初预算数 no table holds), and
 * `total(list, V)`, the sum of V over a list's items (the 年初预算数 of every 项 listed). A formula may divide
 * (`sum(evalFunds.plan) / 10000`: a column counted in 元 stated in the document's 万元).
 *
 * A paragraph may be conditional: `if` keeps it only when its values are all zero, when one is not, or while a
 * field is blank, so one of two paragraphs states a table's figures or says it has none.
 */
import { z } from 'zod';
import { Filter } from '../template/schema';

const id = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, '应为字母开头的标识符');

/** A figure the sentences refer to by `@name`; `label` names it in a placeholder when its input is missing. */
export const ValueDef = z.strictObject({ expr: z.string(), label: z.string() });

/**
 * The wording of a comparison of a current with a prior figure (a year-on-year change, 决算数 against 年初预算数):
 * `{delta}` is |current − prior|, `{rate}` delta / prior, `{ratio}` current / prior (完成年初预算的…%), `{reason}`
 * the officer's reason when the directive names its field; `{prev}` the prior year.
 */
export const ChangeWording = z.strictObject({
  up: z.string(),
  down: z.string(),
  same: z.string(),
  /** The prior year was zero: no rate can be given. */
  fromZero: z.string(),
  /** Both figures are zero (nothing budgeted, nothing spent: no completion rate to state); `same` when not given. */
  zero: z.string().optional(),
});
export type ChangeWording = z.infer<typeof ChangeWording>;

/** Rows of a table, one item per row: the rows of `level` (or whose id starts with `rowPrefix`) that match. */
const TableSource = z.strictObject({
  table: z.string(),
  level: z.string().optional(),
  rowPrefix: z.string().optional(),
  /** Only rows below an ancestor row of `level` whose text cells match (表10 lines under 人员类项目支出). */
  within: z.strictObject({ level: z.string(), where: Filter }).optional(),
  /** Text cells the row must match; a list of filters matches when any one does. */
  where: z.union([Filter, z.array(Filter).min(1)]).optional(),
  /** The amount column that gives each item its value. */
  value: z.string(),
  /**
   * Variables of each item (`$code` in a field key, `{$cls}` in a sentence): a text of `{column}` of the row, or of
   * `{level.column}` of the row's ancestor at that level (`{类.name}`).
   */
  vars: z.record(id, z.string()).optional(),
});

/**
 * Records of a dataset in entered order (the officer's pick of 重要项目); values looked up by label in a list, or
 * none without `lookup` (a list only counted: the forms of an annex).
 */
const RecordSource = z.strictObject({ records: z.string(), lookup: z.string().optional() });

/** The items of another list, filtered again. */
const ListSource = z.strictObject({ list: z.string() });

export const ListDef = z.strictObject({
  from: z.union([TableSource, RecordSource, ListSource]),
  /** Item label: `{column}` of the row, or `{field}` / `{ref.field}` of the record. */
  label: z.string().optional(),
  /** A pattern removed from the label (the printed ordinal `(八) ` of 表1's classes). */
  strip: z.string().optional(),
  /** What items are merged and sorted by (defaults to the label). */
  key: z.string().optional(),
  /** Items with the same key become one, their values added (a project under two units, a code in two units). */
  merge: z.boolean().optional(),
  sort: z.literal('key').optional(),
  /** Keep items whose value is at least this amount (`500.00`). */
  min: z.string().optional(),
  /** Keep items whose value is at least `percent` % of the value `of`. */
  minShare: z.strictObject({ of: z.string(), percent: z.string() }).optional(),
  /** Sentence template of one item; defaults to `{label}{amount: value}万元`. */
  item: z.string().optional(),
  join: z.string().optional(),
  /** Printed before the items when there are any. */
  prefix: z.string().optional(),
  /** Printed instead of the items when there are none. */
  empty: z.string().optional(),
});
export type ListDef = z.infer<typeof ListDef>;

/** A text the officer types, kept in book.text under its key. */
export const FieldDef = z.strictObject({
  label: z.string(),
  /**
   * `integer` and `number` fields hold counts and areas, which are not money; an `amount` field is a figure in the
   * template's money unit that no table holds (a 项's 年初预算数), read by `field(key)` in sentences.
   */
  kind: z.enum(['text', 'integer', 'number', 'amount']).optional(),
  required: z.boolean().optional(),
  /** One paragraph per line. */
  multiline: z.boolean().optional(),
  /** The text used until the officer writes one (名词解释); a list is one line per entry. */
  default: z.union([z.string(), z.array(z.string())]).optional(),
  /**
   * The text is about this year only (the reason for a change, a figure at year end, this year's purchases): next
   * year's book, made from this one, starts without it, so last year's words are never printed as next year's.
   * Texts that stay from year to year (部门职能, 机构设置, 名词解释) are carried.
   */
  annual: z.boolean().optional(),
});
export type FieldDef = z.infer<typeof FieldDef>;

/**
 * When a paragraph is part of the document at all: every value is zero (a table without figures: the 无数据
 * sentence), one value is not (the sentence stating its figures), or a field has no text (the default wording the officer may
 * replace). Values are written as in a sentence; one whose input is missing counts as not zero.
 */
export type Condition = { readonly zero: readonly string[] } | { readonly nonZero: readonly string[] } | { readonly blank: string };

// One object with the three keys optional rather than a union, so a wrong key or two keys get one plain message.
export const Condition = z
  .strictObject({ zero: z.array(z.string()).min(1).optional(), nonZero: z.array(z.string()).min(1).optional(), blank: z.string().optional() })
  .refine((c) => Object.keys(c).length === 1, '条件应只写 zero（各数都为零）、nonZero（有一个数不为零）、blank（字段没有文字）中的一个')
  .transform((c) => c as Condition);

const SentenceParagraph = z.strictObject({
  id,
  text: z.string(),
  /** Rule id of the identity this paragraph's figures state (N-1 …), for a figure overridden by hand. */
  rule: z.string().optional(),
  /** Printed only when this field has text (the optional 重点项目 sentence); the editor still shows it. */
  when: z.string().optional(),
  /** Left out of the document (editor and print) unless the condition holds. */
  if: Condition.optional(),
  /** One paragraph per entry, with its values as variables (`$id`, `$name`). */
  each: z.array(z.record(z.string(), z.string())).min(1).optional(),
  /**
   * One paragraph per item of this list, in its order (a sentence per 项 of a table): the sentence reads the item
   * as a list item does (`value`, `{label}`, `{number}`, its variables); the paragraph's id ends with the item's key.
   */
  items: z.string().optional(),
});

/** A multi-line field printed one paragraph per line, optionally numbered (`{n}. `). */
const LinesParagraph = z.strictObject({ id, lines: z.string(), number: z.string().optional() });

export const ParagraphDef = z.union([SentenceParagraph, LinesParagraph]);
export type ParagraphDef = z.infer<typeof ParagraphDef>;
export type SentenceParagraphDef = z.infer<typeof SentenceParagraph>;

export const SectionDef = z.strictObject({ id, title: z.string(), paragraphs: z.array(ParagraphDef).min(1) });
export type SectionDef = z.infer<typeof SectionDef>;

export const PartDef = z.strictObject({ id, title: z.string(), sections: z.array(SectionDef).min(1) });
export type PartDef = z.infer<typeof PartDef>;

export const NarrativeFile = z.strictObject({
  template: z.strictObject({ id: z.string(), version: z.number().int().positive() }),
  /** Datasets the officer fills for the text: a figure reading them is missing until its record exists. */
  inputs: z.array(z.string()),
  /** What stands in the text for a missing entry, with `{label}`. */
  placeholder: z.string(),
  /** The reason clause, with `{reason}`. */
  reason: z.string(),
  /** Texts that mark an officer's text as unfinished (`XX`). */
  marks: z.array(z.string()),
  /** Rule id → name, for the checks panel. */
  rules: z.record(z.string(), z.string()),
  ruleFor: z.strictObject({ missingReason: z.string(), placeholder: z.string(), badFormat: z.string() }),
  values: z.record(id, ValueDef),
  changes: z.record(id, ChangeWording),
  lists: z.record(id, ListDef),
  fields: z.record(z.string(), FieldDef),
  parts: z.array(PartDef).min(1),
});
export type NarrativeFile = z.infer<typeof NarrativeFile>;
