import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { readBookFile } from './bookfile';
import { copyBookForNextYear, createBook, deleteBook, getBook, listBooks, listDeletedBooks, purgeBook, renameBook, restoreBook, setArchived } from './books';
import type { BudgetDb } from './database';
import { setField } from './edits';
import { addGuizhou, freshDb, rowCounts } from './testing';

let db: BudgetDb;

beforeEach(() => {
  db = freshDb();
});

const newBook = {
  department: { code: '301', name: '某某厅' },
  year: 2025,
  template: { id: 'guizhou-budget-2024', version: 1 },
  units: [{ code: '301001', name: '某某厅本级', kind: '行政' }],
};

describe('creating books', () => {
  it('creates an empty book with its units, listed by year', async () => {
    const guizhou = await addGuizhou(db);
    const outcome = await createBook(db, newBook);
    expect(outcome.ok).toBe(true);
    const { bookId } = outcome as { bookId: string };
    expect((await listBooks(db)).map((b) => [b.id, b.name, b.year])).toEqual([
      [bookId, '某某厅 2025年', 2025],
      [guizhou, '贵州省医疗保障局 2024年', 2024],
    ]);
    const file = (await readBookFile(db, bookId))!;
    expect(file.units).toEqual(newBook.units);
    expect(Object.values(file.data).every((records) => records.length === 0)).toBe(true);
  });

  it('refuses a book it could not open, writing nothing', async () => {
    const before = await rowCounts(db);
    const outcome = await createBook(db, { ...newBook, units: [{ code: '301 001', name: '', kind: '企业' }] });
    expect(outcome).toEqual({
      ok: false,
      problems: [
        { where: 'units[0].code', message: '单位编码不能含空格' },
        { where: 'units[0].name', message: '单位名称不能为空' },
      ],
    });
    expect((await createBook(db, { ...newBook, units: [{ code: '301001', name: '本级', kind: '企业' }] })).ok).toBe(false);
    expect((await createBook(db, { ...newBook, template: { id: 'nowhere', version: 1 } })).ok).toBe(false);
    expect(await rowCounts(db)).toEqual(before);
  });
});

describe('renaming, archiving, deleting', () => {
  let bookId: string;
  beforeEach(async () => {
    bookId = await addGuizhou(db);
  });

  it('renames a book, refusing an empty name', async () => {
    expect(await renameBook(db, bookId, '  2024年预算（报财政厅）  ')).toEqual({ ok: true });
    expect((await listBooks(db))[0]!.name).toBe('2024年预算（报财政厅）');
    expect(await renameBook(db, bookId, ' ')).toEqual({ ok: false, problems: [{ where: '账套名称', message: '名称不能为空' }] });
  });

  it('archives and unarchives a book, which stays listed and editable', async () => {
    await setArchived(db, bookId, true);
    expect((await listBooks(db))[0]!.archived).toBe(true);
    expect(await setField(db, bookId, { dataset: 'basic', id: 'b001', field: 'gpb' }, '1')).toEqual({ ok: true });
    await setArchived(db, bookId, false);
    expect((await listBooks(db))[0]!.archived).toBe(false);
  });

  it('deletes a book to the deleted list, from where it comes back whole (undo)', async () => {
    const file = await readBookFile(db, bookId);
    expect(await deleteBook(db, bookId)).toEqual({ ok: true });
    expect(await listBooks(db)).toEqual([]);
    expect((await listDeletedBooks(db)).map((b) => b.id)).toEqual([bookId]);
    expect(await readBookFile(db, bookId)).toBeUndefined();
    expect(await getBook(db, bookId)).toBeUndefined();
    expect((await setField(db, bookId, { dataset: 'basic', id: 'b001', field: 'gpb' }, '1')).ok).toBe(false);
    expect(await restoreBook(db, bookId)).toEqual({ ok: true });
    expect((await listBooks(db)).map((b) => b.id)).toEqual([bookId]);
    expect((await getBook(db, bookId))!.deletedAt).toBeUndefined();
    expect(await readBookFile(db, bookId)).toEqual(file);
  });

  it('purges only a deleted book, with all its rows', async () => {
    const empty = await rowCounts(freshDb());
    expect(await purgeBook(db, bookId)).toEqual({ ok: false, problems: [{ where: '账套', message: '只能彻底删除已删除的账套' }] });
    await setField(db, bookId, { dataset: 'basic', id: 'b001', field: 'gpb' }, '1');
    await deleteBook(db, bookId);
    expect(await purgeBook(db, bookId)).toEqual({ ok: true });
    expect(await rowCounts(db)).toEqual(empty);
  });
});

describe('copying a book for next year', () => {
  it('makes next year’s book with this year’s 三公 as prior-year figures, leaving this year’s as it was', async () => {
    const bookId = await addGuizhou(db);
    const before = await readBookFile(db, bookId);
    const outcome = await copyBookForNextYear(db, bookId);
    expect(outcome.ok).toBe(true);
    const next = (await readBookFile(db, (outcome as { bookId: string }).bookId))!;
    expect(next.year).toBe(2025);
    expect(next.data['sanGongPrior']!.find((r) => r['item'] === '公务接待费')!['gpb']).toBe('2.65'); // published 表9 2024 column
    expect(next.data['projects']).toEqual(before!.data['projects']);
    expect(next.data['basic']).toEqual([]);
    expect(await readBookFile(db, bookId)).toEqual(before);
    expect((await listBooks(db)).map((b) => b.name)).toEqual(['贵州省医疗保障局 2025年', '贵州省医疗保障局 2024年']);
  });

  it('carries 部门概况 and each project’s 主要用途 but not this year’s reasons and year-end figures', async () => {
    const bookId = await addGuizhou(db);
    const before = (await readBookFile(db, bookId))!;
    const outcome = await copyBookForNextYear(db, bookId);
    const next = (await readBookFile(db, (outcome as { bookId: string }).bookId))!;
    expect(next.text!['part1.functions']).toBe(before.text!['part1.functions']);
    expect(next.text!['purpose.p01']).toBe(before.text!['purpose.p01']);
    // The example's reasons for 增减, year-end assets and this year's 绩效 count stay in this year's book only.
    for (const key of ['reason.income', 'reason.sanGong.reception', 'assets.vehicles', 'performance.projects']) {
      expect(before.text![key], key).toBeTruthy();
      expect(next.text![key], key).toBeUndefined();
    }
  });
});
