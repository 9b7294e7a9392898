import { describe, expect, it } from 'vitest';
import { WAN_YUAN_2 } from '../../../shared/money/money';
import type { LeafColumn } from '../../../shared/template/schema';
import { inColumnUnit } from './units';

const amount: LeafColumn = { key: 'initial', label: '年初预算数', type: 'amount' };
const yuan = { unit: '元', style: 'general', money: WAN_YUAN_2 } as const;
const wan = { unit: '万元', style: 'grouped', money: WAN_YUAN_2 } as const;

describe('a figure typed into a 元 column of a 万元 document', () => {
  it('is handed on as the column counts it', () => {
    expect(inColumnUnit('25162.4万元', amount, yuan)).toBe('251624000.00');
    expect(inColumnUnit('251,624,000', amount, yuan)).toBe('251624000.00');
    expect(inColumnUnit('3.5元', amount, yuan)).toBe('3.50');
  });

  it('is handed on as typed where storage must refuse it or nothing converts', () => {
    expect(inColumnUnit('一百', amount, yuan)).toBe('一百');
    expect(inColumnUnit('0.001', amount, yuan)).toBe('0.001');
    expect(inColumnUnit('25162.4万元', amount, wan)).toBe('25162.4万元');
    expect(inColumnUnit('25162.4万元', { ...amount, type: 'text' }, yuan)).toBe('25162.4万元');
  });
});
