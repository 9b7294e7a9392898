/**
 * What an officer types or pastes into one field of a record, turned into the text the book file stores (amounts
 * as plain decimals in the template's unit, codes, unit codes, enum values, record ids), or a Chinese message saying
 * what is wrong. Checks that need other records (a reference, one record per unit) are in edits.ts.
 */
import { amountToPlain, type MoneyUnit, parseAmount } from '../../shared/money/money';
import { amountFormat } from '../../shared/template/amounts';
import { leafColumns } from '../../shared/template/load';
import type { DatasetDef, FieldDef, Template } from '../../shared/template/schema';
import type { BookScope } from './scope';

/** The stored text, or undefined for an empty field (a missing amount is zero). */
export type ParsedInput = { readonly ok: true; readonly value: string | undefined } | { readonly ok: false; readonly message: string };

/** A field of a dataset, by name. */
export interface FieldName {
  readonly dataset: string;
  readonly field: string;
}

/** The input for the field `name` (whose definition is `field`). */
export function parseInput(scope: BookScope, name: FieldName, field: FieldDef, input: string): ParsedInput {
  const text = input.trim();
  switch (field.type) {
    case 'amount': {
      const money = scope.template.money;
      const parsed = parseAmount(input, money);
      if (!parsed.ok) return parsed;
      if (parsed.rounded) return { ok: false, message: `“${text}”超过 ${money.decimals} 位小数（单位：${fieldUnit(scope.template, name)}），请核对后输入` };
      return { ok: true, value: parsed.value === 0 ? undefined : amountToPlain(parsed.value, money) };
    }
    case 'unit': {
      if (!text) return { ok: true, value: undefined };
      if (scope.units.has(text)) return { ok: true, value: text };
      const byName = [...scope.units.values()].find((u) => u.name === text);
      return byName ? { ok: true, value: byName.code } : { ok: false, message: `本账套没有编码或名称为“${text}”的单位` };
    }
    case 'code':
    case 'mapped': {
      if (!text) return { ok: true, value: undefined };
      const label = scope.template.catalogues[field.catalogue]?.label ?? '科目';
      if (!scope.codes.has(field.catalogue, text)) return { ok: false, message: `“${text}”不是${label}中的编码` };
      if (field.type === 'code' && field.digits && !field.digits.includes(text.length)) {
        return { ok: false, message: `编码“${text}”应为 ${field.digits.join(' 或 ')} 位` };
      }
      return { ok: true, value: text };
    }
    case 'enum':
      if (!text) return { ok: true, value: undefined };
      return field.values.includes(text)
        ? { ok: true, value: text }
        : { ok: false, message: `“${text}”无效，应为${field.values.map((v) => `“${v}”`).join('、')}之一` };
    case 'text':
    case 'ref':
      return { ok: true, value: text || undefined };
    case 'via':
    case 'classified':
      return { ok: false, message: '此项由程序推导，不能填写' };
  }
}

/**
 * The unit an amount field is counted in: that of the columns showing it (a form's 元 in a 万元 document), the
 * document's when no column does. Looked up only for a message, so a paste of many figures does not pay for it.
 */
function fieldUnit(template: Template, { dataset, field }: FieldName): MoneyUnit {
  for (const table of template.tables) {
    for (const column of leafColumns(table.columns)) {
      const source = column.source?.[dataset];
      const expr = typeof source === 'string' ? source : source?.expr;
      // A source is a sum of its dataset's fields (`gpb + gfb - other`).
      if (expr?.split(/[+-]/).some((term) => term.trim() === field)) return amountFormat(template, table, column).unit;
    }
  }
  return template.money.unit;
}

/** Fields a record cannot leave empty (the book would not load without them). */
export function isRequired(field: FieldDef): boolean {
  return field.type === 'unit' || ((field.type === 'text' || field.type === 'code' || field.type === 'ref') && field.required === true);
}

/** A record as officers know it, from the dataset's `describe` pattern: `261001 2080505 30108`. */
export function describeRecord(def: DatasetDef, id: string, fields: Readonly<Record<string, string>>): string {
  // `{project.name}` reads through a reference, which needs the other records; here the reference itself stands in.
  const text = def.describe ? def.describe.replace(/\{(\w+)(?:\.\w+)*\}/g, (_, f: string) => fields[f] ?? '').trim() : '';
  return text || id;
}

/** Where a field of a record is, for messages: 基本支出明细“261001 2080505 30108”的“一般公共预算”. */
export function fieldPlace(template: Template, dataset: string, id: string, fields: Readonly<Record<string, string>>, field?: string): string {
  const def = template.datasets[dataset];
  if (!def) return `数据集“${dataset}”`;
  const record = `${def.label}“${describeRecord(def, id, fields)}”`;
  return field ? `${record}的“${def.fields[field]?.label ?? field}”` : record;
}
