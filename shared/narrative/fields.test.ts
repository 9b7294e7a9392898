import { describe, expect, it } from 'vitest';
import { findTemplate } from '../template/registry';
import { fieldDefOf, fieldLines, fieldProblem, fieldText } from './fields';
import { narrativeFor } from './load';

describe('officer fields', () => {
  it('checks a value before it is saved, naming the field', () => {
    const vehicles = { label: '车辆数（辆）', kind: 'integer' as const, required: true };
    expect(fieldProblem(vehicles, '4')).toBeUndefined();
    expect(fieldProblem(vehicles, ' 4 ')).toBeUndefined();
    expect(fieldProblem(vehicles, '四')).toBe('“车辆数（辆）”应为不带小数的非负整数，例如 4，而不是“四”');
    expect(fieldProblem(vehicles, '4.5')).toBe('“车辆数（辆）”应为不带小数的非负整数，例如 4，而不是“4.5”');
    expect(fieldProblem(vehicles, '')).toBe('“车辆数（辆）”不能为空');
    const area = { label: '房屋面积（平方米）', kind: 'number' as const };
    expect(fieldProblem(area, '120.5')).toBeUndefined();
    expect(fieldProblem(area, '')).toBeUndefined();
    expect(fieldProblem(area, '-3')).toBe('“房屋面积（平方米）”应为非负数，例如 120.5，而不是“-3”');
    const initial = { label: '行政运行（2101501）年初预算数', kind: 'amount' as const };
    expect(fieldProblem(initial, '5,186.82')).toBeUndefined();
    expect(fieldProblem(initial, '2640')).toBeUndefined();
    expect(fieldProblem(initial, '36.555')).toBe('“行政运行（2101501）年初预算数”应为最多两位小数的非负金额，例如 5,186.82，而不是“36.555”');
    expect(fieldProblem(initial, '三十')).toBe('“行政运行（2101501）年初预算数”应为最多两位小数的非负金额，例如 5,186.82，而不是“三十”');
    expect(fieldProblem({ label: '原因' }, '第一行\n第二行')).toBe('“原因”应为一段文字，不能换行');
    expect(fieldProblem({ label: '职能', multiline: true }, '第一行\n第二行')).toBeUndefined();
  });

  it('uses the default until the officer writes a text, even an empty one', () => {
    const glossary = { label: '名词解释', multiline: true, default: ['甲：一。', '乙：二。'] };
    expect(fieldText(glossary, 'glossary', {})).toEqual({ text: '甲：一。\n乙：二。', isDefault: true });
    expect(fieldText(glossary, 'glossary', { glossary: '' })).toEqual({ text: '', isDefault: false });
    expect(fieldText({ label: '原因' }, 'reason.x', {})).toEqual({ text: '', isDefault: false });
  });

  it('splits a multi-line text into paragraphs, dropping blank lines', () => {
    expect(fieldLines(' 一段。\r\n\n 二段。 \n')).toEqual(['一段。', '二段。']);
  });

  it('finds the definition of a stored key, through its pattern', () => {
    const file = narrativeFor(findTemplate('guizhou-budget-2024', 1)!)!;
    expect(fieldDefOf(file, 'assets.vehicles')?.kind).toBe('integer');
    expect(fieldDefOf(file, 'reason.sanGong.reception')?.label).toBe('{$name}增减变动的主要原因');
    expect(fieldDefOf(file, 'purpose.p01')?.required).toBe(true);
    expect(fieldDefOf(file, 'purpose.')).toBeUndefined();
    expect(fieldDefOf(file, 'reason.unknown')).toBeUndefined();
  });
});
