import { describe, expect, it } from 'vitest';
import type { Failure } from '../../../shared/engine/checks';
import { ackKey, checkList } from './acknowledgments';

const failure = (key: string, severity: Failure['severity']): Failure => ({ key, ruleId: 'S-1', severity, name: '检查' });

describe('explained 提示', () => {
  it('lists a 提示 with a 说明 apart; a 强制 check and a blank 说明 stay open', () => {
    const soft = failure('exists:38:p05', '提示');
    const hard = failure('colNo:T1:total:in', '强制');
    const blank = failure('record:42:ind005', '提示');
    const texts = { [ackKey(soft)]: '该项目为跨年度项目，目标已在上年设定', [ackKey(hard)]: '说明无效', [ackKey(blank)]: '  ' };
    expect(ackKey(soft)).toBe('ack.exists:38:p05');
    expect(checkList([hard, soft, blank], texts)).toEqual({
      open: [hard, blank],
      explained: [{ failure: soft, note: '该项目为跨年度项目，目标已在上年设定' }],
    });
  });
});
