import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBookFile } from './bookfile';
import { BudgetDb } from './database';
import { insertRecord, pasteBlock, setField } from './edits';
import { historyOf, undo } from './journal';
import { addGuizhou, freshDb } from './testing';

/** Two windows on the same book: two connections to one database. */
let tabA: BudgetDb;
let tabB: BudgetDb;
let bookId: string;

beforeEach(async () => {
  tabA = freshDb();
  bookId = await addGuizhou(tabA);
  tabB = new BudgetDb(tabA.name);
});

afterEach(() => {
  tabA.close();
  tabB.close();
});

const basic = (db: BudgetDb, id: string) => readBookFile(db, bookId).then((f) => f!.data['basic']!.find((r) => r.id === id));

describe('two windows editing the same book', () => {
  it('loses no edit when both change fields of the same record at the same time', async () => {
    const edits = [];
    for (const [i, field] of ['gpb', 'gfb', 'soe', 'special', 'biz', 'oper', 'upper', 'affil', 'other'].entries()) {
      const tab = i % 2 === 0 ? tabA : tabB;
      edits.push(setField(tab, bookId, { dataset: 'basic', id: 'b001', field }, String(i + 1)));
    }
    expect(await Promise.all(edits)).toEqual(edits.map(() => ({ ok: true })));
    expect(await basic(tabA, 'b001')).toEqual({
      id: 'b001', unit: '261001', func: '2080505', econ: '30108',
      gpb: '1.00', gfb: '2.00', soe: '3.00', special: '4.00', biz: '5.00', oper: '6.00', upper: '7.00', affil: '8.00', other: '9.00',
    });
    expect(await tabB.journal.count()).toBe(9);
  });

  it('loses no record when both paste and insert at the same time', async () => {
    const a = pasteBlock(tabA, bookId, { dataset: 'transfers', cells: [], newRows: [{ name: 'A1' }, { name: 'A2' }] });
    const b = insertRecord(tabB, bookId, 'transfers', { name: 'B1' });
    await Promise.all([a, b]);
    const names = (await readBookFile(tabB, bookId))!.data['transfers']!.map((t) => t['name']);
    expect(names).toHaveLength(6);
    expect(names).toEqual(expect.arrayContaining(['A1', 'A2', 'B1']));
  });

  it('keeps one record per unit even when both windows try to add one at once', async () => {
    await tabA.records.delete([bookId, 'procurement', 'proc-261001']);
    const outcomes = await Promise.all([
      insertRecord(tabA, bookId, 'procurement', { unit: '261001', goods: '1' }),
      insertRecord(tabB, bookId, 'procurement', { unit: '261001', goods: '2' }),
    ]);
    expect(outcomes.map((o) => o.ok).sort()).toEqual([false, true]);
    expect((await readBookFile(tabA, bookId))!.data['procurement']!.filter((r) => r['unit'] === '261001')).toHaveLength(1);
  });

  it('shows each window the other’s edits (liveQuery) and shares the undo history', async () => {
    const seen: (string | undefined)[] = [];
    const subscription = liveQuery(() => basic(tabB, 'b001').then((r) => r?.['gpb'])).subscribe((v) => seen.push(v));
    await until(() => seen.length === 1);
    await setField(tabA, bookId, { dataset: 'basic', id: 'b001', field: 'gpb' }, '99');
    await until(() => seen.length === 2);
    expect(await historyOf(tabB, bookId)).toEqual({ undo: '修改基本支出明细“261001 2080505 30108”的“一般公共预算”' });
    await undo(tabB, bookId);
    await until(() => seen.length === 3);
    subscription.unsubscribe();
    expect(seen).toEqual(['123.53', '99.00', '123.53']);
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}
