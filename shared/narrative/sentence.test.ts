import { describe, expect, it } from 'vitest';
import { expandKey, parseSentence, parseValue } from './sentence';

describe('sentence templates', () => {
  it('splits text, placeholders, variables and directives', () => {
    const tokens = parseSentence('{year}年{$name}{amount: T9[$id].c5}万元，{change: sanGongItem, T9[$id].c5, T9[$id].c1}');
    expect(tokens.map((t) => t.kind)).toEqual(['placeholder', 'text', 'var', 'amount', 'text', 'change']);
    expect(tokens[5]).toMatchObject({ wording: 'sanGongItem', current: { kind: 'formula', source: 'T9[$id].c5' }, prior: { kind: 'formula', source: 'T9[$id].c1' } });
  });

  it('splits arguments only at top-level commas', () => {
    const [t] = parseSentence('{percent: sum(basic.gpb | unit = "261,001", category = "人员类项目支出"), T1[totalOut].out}');
    expect(t).toMatchObject({
      kind: 'percent',
      numerator: { kind: 'formula', source: 'sum(basic.gpb | unit = "261,001", category = "人员类项目支出")' },
      denominator: { kind: 'formula', source: 'T1[totalOut].out' },
    });
  });

  it('reads the value forms: item value, list total, named value, formula', () => {
    expect(parseValue('value')).toEqual({ kind: 'item' });
    expect(parseValue('total(public)')).toEqual({ kind: 'total', list: 'public' });
    expect(parseValue('@prevIncome')).toEqual({ kind: 'named', name: 'prevIncome' });
    expect(parseValue('T1[totalIn].in - T1[carry].in')).toMatchObject({ kind: 'formula', expr: { kind: 'binary', op: '-' } });
  });

  it('reads a typed amount, a total of a value over a list, and a comparison with its reason field', () => {
    expect(parseValue('field(initial.$code)')).toEqual({ kind: 'field', key: 'initial.$code' });
    expect(parseValue('total(budgetItems, field(initial.$code))')).toEqual({ kind: 'total', list: 'budgetItems', of: { kind: 'field', key: 'initial.$code' } });
    const [change] = parseSentence('{change: completion, value, field(initial.$code), reason.initial.$code}');
    expect(change).toMatchObject({ kind: 'change', current: { kind: 'item' }, prior: { kind: 'field' }, reason: 'reason.initial.$code' });
    expect(parseSentence('{change: final, T1[a].b, @prev}')[0]).not.toHaveProperty('reason');
    expect(() => parseValue('field(初始)')).toThrow('“初始”不是有效的字段名');
    expect(() => parseValue('total(budgetItems, )')).toThrow('total 的第二个参数不能为空');
    expect(() => parseSentence('{change: a, b, c, d, e}')).toThrow('“change”应有 3 或 4 个参数，用逗号分隔');
  });

  it('says what is wrong with a bad template, in Chinese', () => {
    expect(() => parseSentence('收入{amount: T1[totalIn].in')).toThrow('中的花括号不成对');
    expect(() => parseSentence('{sum: T1[totalIn].in}')).toThrow('“{sum: T1[totalIn].in}”：未知的指令“sum”，应为amount、percent、count、change、reason、field、list之一');
    expect(() => parseSentence('{percent: value}')).toThrow('“{percent: value}”：“percent”应有 2 个参数，用逗号分隔');
    expect(() => parseSentence('{$}')).toThrow('“{$}”：“$”后应为变量名');
    expect(() => parseSentence('{amount: T1[totalIn].}')).toThrow('“{amount: T1[totalIn].}”：公式“T1[totalIn].”第 13 个字符处：此处应为列名');
    expect(() => parseSentence('{年份}')).toThrow('无法识别的“{年份}”');
  });

  it('puts variables into field keys', () => {
    expect(expandKey('reason.sanGong.$id', { id: 'reception' })).toBe('reason.sanGong.reception');
    expect(expandKey('purpose.$project', {})).toBe('purpose.$project');
  });
});
