import { describe, expect, it } from 'vitest';
import { advance, at, move, rect } from './selection';

const bounds = { rows: 10, cols: 5 };

describe('grid selection', () => {
  it('moves with arrows and stops at the edges', () => {
    expect(move(at(0, 0), 'up', bounds).active).toEqual({ row: 0, col: 0 });
    expect(move(at(0, 0), 'down', bounds).active).toEqual({ row: 1, col: 0 });
    expect(move(at(9, 4), 'right', bounds).active).toEqual({ row: 9, col: 4 });
  });

  it('Shift extends from the anchor; a plain move collapses', () => {
    let s = move(at(2, 1), 'down', bounds, { extend: true });
    s = move(s, 'right', bounds, { extend: true });
    expect(rect(s)).toEqual({ top: 2, left: 1, bottom: 3, right: 2 });
    expect(rect(move(s, 'left', bounds))).toEqual({ top: 3, left: 1, bottom: 3, right: 1 });
  });

  it('Home/End go to the row ends; Ctrl+Home/End to the corners', () => {
    expect(move(at(4, 2), 'home', bounds).active).toEqual({ row: 4, col: 0 });
    expect(move(at(4, 2), 'end', bounds).active).toEqual({ row: 4, col: 4 });
    expect(move(at(4, 2), 'home', bounds, { jump: true }).active).toEqual({ row: 0, col: 0 });
    expect(move(at(4, 2), 'end', bounds, { jump: true }).active).toEqual({ row: 9, col: 4 });
  });

  it('Ctrl+arrow jumps to the end of a run of filled cells, then to the next run', () => {
    const filled = new Set(['0,0', '1,0', '2,0', '6,0', '7,0']);
    const f = (p: { row: number; col: number }) => filled.has(`${p.row},${p.col}`);
    const first = move(at(0, 0), 'down', bounds, { jump: true, filled: f });
    expect(first.active).toEqual({ row: 2, col: 0 });
    const second = move(first, 'down', bounds, { jump: true, filled: f });
    expect(second.active).toEqual({ row: 6, col: 0 });
    const third = move(move(second, 'down', bounds, { jump: true, filled: f }), 'down', bounds, { jump: true, filled: f });
    expect(third.active).toEqual({ row: 9, col: 0 });
  });

  it('Tab and Enter cycle inside a selected block', () => {
    const block = { active: { row: 1, col: 1 }, anchor: { row: 2, col: 2 } };
    const t1 = advance(block, 'next', bounds);
    expect(t1.active).toEqual({ row: 1, col: 2 });
    const t2 = advance(t1, 'next', bounds);
    expect(t2.active).toEqual({ row: 2, col: 1 });
    // From the block's last cell, Tab wraps to its first.
    expect(advance({ active: { row: 2, col: 2 }, anchor: { row: 1, col: 1 } }, 'next', bounds).active).toEqual({ row: 1, col: 1 });
    expect(advance(block, 'down', bounds).active).toEqual({ row: 2, col: 1 });
    expect(rect(t2)).toEqual(rect(block));
  });
});
