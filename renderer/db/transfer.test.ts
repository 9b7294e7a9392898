import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { serializeBook } from '../../shared/book/export';
import { loadBook } from '../../shared/book/load';
import type { BookFile } from '../../shared/book/schema';
import { Engine } from '../../shared/engine/engine';
import { findTemplate } from '../../shared/template/registry';
import { guizhouBook, publishedGuizhou } from '../../tests/support/books';
import { readBookFile } from './bookfile';
import { listBooks, listDeletedBooks } from './books';
import type { BudgetDb } from './database';
import { undo } from './journal';
import { addGuizhou, derivedTables, freshDb, rowCounts } from './testing';
import { exportBook, importBook, takeInUnitBook } from './transfer';

let db: BudgetDb;

beforeEach(() => {
  db = freshDb();
});

async function derive(bookId: string): Promise<unknown> {
  return derivedTables(Engine.run(loadBook(await readBookFile(db, bookId), findTemplate)));
}

describe('exporting and importing a 数据包', () => {
  it('gives back a book whose derived tables are identical (derive --json)', async () => {
    const bookId = await addGuizhou(db);
    const exported = (await exportBook(db, bookId))!;
    expect(exported.fileName).toBe('贵州省医疗保障局-2024年.budget.json');
    expect(JSON.parse(exported.text).checksum).toMatch(/^sha256:[0-9a-f]{64}$/);

    const other = freshDb();
    const outcome = await importBook(other, exported.text);
    expect(outcome).toEqual({ kind: 'imported', bookId: expect.any(String) });
    const imported = (outcome as { bookId: string }).bookId;
    expect(await readBookFile(other, imported)).toEqual(await readBookFile(db, bookId));
    const again = derivedTables(Engine.run(loadBook(await readBookFile(other, imported), findTemplate)));
    expect(again).toEqual(await derive(bookId));
    expect(again).toEqual(publishedGuizhou().tables.map(({ id, title, headerRows, rows }) => ({ id, title, headerRows, rows })));
  });

  it('migrates a version-0 file (amounts as numbers; see shared/book/migrate.ts)', async () => {
    const v0 = { ...guizhouBook(), formatVersion: 0 } as unknown as { data: { basic: Record<string, unknown>[] } };
    v0.data.basic[0]!['gpb'] = 123.53;
    const outcome = await importBook(db, JSON.stringify(v0));
    expect(outcome).toMatchObject({ kind: 'imported', migratedFrom: 0 });
    expect((await readBookFile(db, (outcome as { bookId: string }).bookId))!.data['basic']![0]!['gpb']).toBe('123.53');
  });
});

describe('importing a broken 数据包 writes nothing', () => {
  const cases: [string, () => Promise<string>, { where: string; message: string | RegExp }[]][] = [
    ['a truncated file', async () => (await serializeBook(guizhouBook())).slice(0, 5000), [{ where: '文件末尾', message: '文件不完整，可能在复制或保存时被截断' }]],
    [
      'wrong types',
      async () => JSON.stringify({ ...guizhouBook(), year: '2024', units: 'none' }),
      [
        { where: 'year', message: '应为数字，实际为文本' },
        { where: 'units', message: '应为列表，实际为文本' },
      ],
    ],
    [
      'unknown codes',
      async () => JSON.stringify(edit((b) => (b.data['basic']![2]!['func'] = '2999999'))),
      [{ where: 'data.basic[2]（记录 b003） 字段 func（功能分类科目）', message: /^未知的.*编码“2999999”$/ }],
    ],
    [
      'another template',
      async () => JSON.stringify({ ...guizhouBook(), template: { id: 'guizhou-final-2099', version: 1 } }),
      [{ where: 'template', message: '找不到模板“guizhou-final-2099”第 1 版' }],
    ],
    [
      'a 0.01 change after export',
      async () => (await serializeBook(guizhouBook())).replace('"gpb": "10931.32"', '"gpb": "10931.33"'),
      [{ where: 'checksum', message: /^校验码与文件内容不符/ }],
    ],
  ];

  for (const [what, text, problems] of cases) {
    it(what, async () => {
      await addGuizhou(db, { ...guizhouBook(), year: 2023 });
      const before = await rowCounts(db);
      const outcome = await importBook(db, await text(), 'keepBoth');
      expect(outcome).toEqual({ kind: 'invalid', problems: problems.map(({ where, message }) => ({ where, message: typeof message === 'string' ? message : expect.stringMatching(message) })) });
      expect(await rowCounts(db)).toEqual(before);
    });
  }
});

function edit(change: (b: BookFile) => void): BookFile {
  const b = guizhouBook();
  change(b);
  return b;
}

describe('importing a book that is already here', () => {
  it('asks first, writing nothing', async () => {
    const bookId = await addGuizhou(db);
    const before = await rowCounts(db);
    const outcome = await importBook(db, JSON.stringify(guizhouBook()));
    expect(outcome).toEqual({ kind: 'conflict', existing: expect.objectContaining({ id: bookId, name: '贵州省医疗保障局 2024年' }) });
    expect(await rowCounts(db)).toEqual(before);
  });

  it('replaces it: the old one goes to the deleted list, the new one takes its name', async () => {
    const old = await addGuizhou(db);
    const changed = edit((b) => (b.data['income']![0]!['gpb'] = '10931.33'));
    const outcome = await importBook(db, JSON.stringify(changed), 'replace');
    expect(outcome).toEqual({ kind: 'imported', bookId: expect.any(String), replaced: old });
    const listed = await listBooks(db);
    expect(listed.map((b) => [b.id, b.name])).toEqual([[(outcome as { bookId: string }).bookId, '贵州省医疗保障局 2024年']]);
    expect((await listDeletedBooks(db)).map((b) => b.id)).toEqual([old]);
    expect((await readBookFile(db, listed[0]!.id))!.data['income']![0]!['gpb']).toBe('10931.33');
  });

  it('keeps both', async () => {
    await addGuizhou(db);
    expect((await importBook(db, JSON.stringify(guizhouBook()), 'keepBoth')).kind).toBe('imported');
    expect((await listBooks(db)).map((b) => b.name).sort()).toEqual(['贵州省医疗保障局 2024年', '贵州省医疗保障局 2024年（导入）']);
  });
});

describe('taking in a unit’s 数据包', () => {
  /** What 贵州省卫生项目管理办公室 (261101) sends: its income and one basic line, typed on its own machine. */
  const unitFile = (): BookFile => ({
    ...guizhouBook(),
    units: [{ code: '261101', name: '贵州省卫生项目管理办公室', kind: '参公' }],
    data: {
      income: [{ id: 'inc-261101', unit: '261101', gpb: '600.00' }],
      basic: [{ id: 'b001', unit: '261101', func: '2080505', econ: '30108', gpb: '600.00' }],
      sanGongPrior: [{ id: 'sg1', item: '公务接待费', gpb: '9.99' }],
    },
    text: {},
  });

  it('replaces that unit’s records only, as one undoable step', async () => {
    const bookId = await addGuizhou(db);
    const published = await derive(bookId);
    const before = await readBookFile(db, bookId);
    const outcome = await takeInUnitBook(db, bookId, JSON.stringify(unitFile()));
    expect(outcome).toMatchObject({ ok: true, newUnit: false, added: 2, ignored: 1 });
    const after = (await readBookFile(db, bookId))!;
    // 261001's records and the department's own (上年“三公”) are untouched; 261101 has just the file's two.
    const ofUnit = (f: BookFile, unit: string) => f.data['basic']!.filter((r) => r['unit'] === unit);
    expect(ofUnit(after, '261001')).toEqual(ofUnit(before!, '261001'));
    expect(ofUnit(after, '261101')).toEqual([{ id: 'b001-261101', unit: '261101', func: '2080505', econ: '30108', gpb: '600.00' }]);
    expect(after.data['sanGongPrior']).toEqual(before!.data['sanGongPrior']);
    expect(after.data['projects']!.every((p) => p['unit'] === '261001')).toBe(true);
    const t2 = (await derive(bookId)) as { id: string; rows: (string | number)[][] }[];
    const rows = t2.find((t) => t.id === '表2')!.rows;
    expect(rows.find((r) => r[0] === '261101贵州省卫生项目管理办公室')![1]).toBe(600);
    expect(rows.find((r) => r[0] === '261001贵州省医疗保障局本级')![1]).toBe(12656.34);

    await undo(db, bookId);
    expect(await readBookFile(db, bookId)).toEqual(before);
    expect(await derive(bookId)).toEqual(published);
  });

  it('refuses a file with several units, writing nothing', async () => {
    const bookId = await addGuizhou(db);
    const before = await rowCounts(db);
    const outcome = await takeInUnitBook(db, bookId, JSON.stringify(guizhouBook()));
    expect(outcome).toEqual({ ok: false, problems: [{ where: 'units', message: '单位数据包应只含一个预算单位，此文件有 2 个' }] });
    expect(await rowCounts(db)).toEqual(before);
  });
});
