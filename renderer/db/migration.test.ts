/**
 * A database written by schema version 1 opens with the current schema with every row intact. The fixture
 * tests/fixtures/db-v1/budget-disclosure.json is a dump of version 1's tables (three books: the Guizhou 2024
 * reference book with a journal of one done and one undone step and a text, an archived 2023 book with an added
 * catalogue code and a 手工填报 表9, and a deleted book). It is written into fake-indexeddb by a Dexie that knows
 * only version 1, then opened as the program opens its database.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBook } from '../../shared/book/load';
import { Engine } from '../../shared/engine/engine';
import { findTemplate } from '../../shared/template/registry';
import { publishedGuizhou } from '../../tests/support/books';
import { readBookFile } from './bookfile';
import { listBooks, listDeletedBooks } from './books';
import { type BookRowV1, type JournalRowV1, STORES_V1 } from './database';
import { historyOf, redo, undo } from './journal';
import { openDatabase } from './open';
import { derivedTables } from './testing';

type Dump = Record<keyof typeof STORES_V1, Record<string, unknown>[]>;
const dump = JSON.parse(readFileSync(new URL('../../tests/fixtures/db-v1/budget-disclosure.json', import.meta.url), 'utf8')) as Dump;
const [book, archived, deleted] = dump.books as unknown as BookRowV1[];

async function writeVersion1(name: string): Promise<void> {
  const v1 = new Dexie(name);
  v1.version(1).stores(STORES_V1);
  for (const [table, rows] of Object.entries(dump)) await v1.table(table).bulkAdd(rows);
  v1.close();
}

async function openMigrated() {
  const name = `v1-${Math.random()}`;
  await writeVersion1(name);
  const opened = await openDatabase(name);
  if (!opened.ok) throw new Error(opened.message);
  return opened.db;
}

/** Rows sorted by their key fields, to compare a table with the dump whatever order it was written in. */
const byKey = (keys: string[]) => (rows: readonly object[]) => {
  const key = (row: object) => keys.map((k) => String((row as Record<string, unknown>)[k])).join('\u0000');
  return [...rows].sort((a, b) => key(a).localeCompare(key(b)));
};

describe('a database written by schema version 1', () => {
  it('keeps every unit, record, 手工填报 table and text exactly', async () => {
    const db = await openMigrated();
    expect(db.verno).toBe(2);
    expect(byKey(['bookId', 'code'])(await db.units.toArray())).toEqual(byKey(['bookId', 'code'])(dump.units));
    expect(byKey(['bookId', 'dataset', 'id'])(await db.records.toArray())).toEqual(byKey(['bookId', 'dataset', 'id'])(dump.records));
    expect(await db.manual.toArray()).toEqual(dump.manual);
    expect(await db.texts.toArray()).toEqual(dump.texts);
    db.close();
  });

  it('moves each book’s department and template into the book file’s shape, keeping everything else', async () => {
    const db = await openMigrated();
    expect(await db.books.get(book!.id)).toEqual({
      id: book!.id,
      name: '医疗保障局 2024年部门预算',
      department: { code: '261', name: '贵州省医疗保障局' },
      year: 2024,
      template: { id: 'guizhou-budget-2024', version: 1 },
      extraCodes: {},
      archived: false,
      createdAt: '2024-01-08T02:15:00.000Z',
      updatedAt: '2024-01-20T09:30:12.345Z',
    });
    expect((await db.books.get(archived!.id))!.extraCodes).toEqual({ deptEconomic: [{ code: '3029998', name: '本部门增列的经济科目' }] });
    expect((await listBooks(db)).map((b) => [b.name, b.archived])).toEqual([
      ['医疗保障局 2024年部门预算', false],
      ['医疗保障局 2023年（已归档）', true],
    ]);
    expect((await listDeletedBooks(db)).map((b) => b.id)).toEqual([deleted!.id]);
    db.close();
  });

  it('gives the reference book back whole: it derives the published tables', async () => {
    const db = await openMigrated();
    const engine = Engine.run(loadBook(await readBookFile(db, book!.id), findTemplate));
    const published = publishedGuizhou().tables.map(({ id, title, headerRows, rows }) => ({ id, title, headerRows, rows }));
    expect(derivedTables(engine)).toEqual(published);
    db.close();
  });

  it('keeps the journal: the done step undoes, the undone one redoes', async () => {
    const db = await openMigrated();
    const steps = (dump.journal as unknown as JournalRowV1[]).map((s) => s.undone);
    expect(steps).toEqual([false, true]);
    expect((await db.journal.toArray()).map((s) => s.undone)).toEqual([0, 1]);
    expect(await historyOf(db, book!.id)).toEqual({ undo: expect.any(String), redo: expect.any(String) });
    const gpb = async () => (await readBookFile(db, book!.id))!.data['basic']!.find((r) => r.id === 'b001')!['gpb'];
    await redo(db, book!.id);
    expect(await gpb()).toBe('1.00');
    await undo(db, book!.id);
    await undo(db, book!.id);
    expect(await gpb()).toBe('120.00');
    db.close();
  });
});
