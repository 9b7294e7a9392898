import { describe, expect, it } from 'vitest';
import { type LoadedBook, loadBook } from '../../shared/book/load';
import type { BookFile } from '../../shared/book/schema';
import { Engine } from '../../shared/engine/engine';
import { allViews, type TableView } from '../../shared/engine/view';
import { type Fen, parseStoredAmount, WAN_YUAN_2 } from '../../shared/money/money';
import { findTemplate } from '../../shared/template/registry';
import deptEconomic from '../../templates/catalogues/dept-economic-2024.json';
import functional from '../../templates/catalogues/functional-2024.json';
import { generateBook, mulberry32 } from './generate';

const OPTIONS = { units: 5, lines: 300, indicators: 100, seed: 7 };
const book = generateBook(OPTIONS);
const FEN_PER_HUNDREDTH = 10_000; // 0.01 万元 in 分

function load(file: BookFile): LoadedBook {
  return loadBook(structuredClone(file), findTemplate);
}

function fen(text: string | undefined): number {
  if (text === undefined) return 0;
  const p = parseStoredAmount(text, WAN_YUAN_2);
  if (!p.ok) throw new Error(p.message);
  return p.value;
}

/** Fen as the book's amount text (2 decimals, sign allowed). */
function amountText(value: number): string {
  const h = Math.round(value / FEN_PER_HUNDREDTH);
  const abs = Math.abs(h);
  return `${h < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function amountCell(view: TableView, rowId: string, column: string): number {
  const row = view.rows.find((r) => r.id === rowId);
  const index = view.columns.findIndex((c) => c.key === column);
  const cell = row?.cells[index];
  if (!cell || cell.kind !== 'amount') throw new Error(`${view.caption} ${rowId}.${column} is not an amount`);
  return cell.value;
}

describe('generated book (5 units, 300 lines, 100 indicators)', () => {
  const data = book.data;
  const basic = data['basic']!;
  const projectLines = data['projectLines']!;

  it('is deterministic for a seed and has the requested size', () => {
    expect(generateBook(OPTIONS)).toEqual(book);
    expect(generateBook({ ...OPTIONS, seed: 8 })).not.toEqual(book);
    expect(book.units.map((u) => u.code)).toEqual(['261001', '261002', '261003', '261004', '261005']);
    expect(basic.length + projectLines.length).toBe(300);
    expect(basic.length).toBe(120);
    expect(data['indicators']).toHaveLength(100);
    const amounts = Object.values(data).flatMap((records) =>
      records.flatMap((r) => Object.entries(r).filter(([k]) => /^(gpb|gfb|soe|special|biz|oper|upper|affil|other|carry\w+|amount|goods|works|services)$/.test(k))),
    );
    expect(amounts.length).toBeGreaterThan(300);
    for (const [, v] of amounts) expect(v).toMatch(/^\d+\.\d\d$/);
  });

  it('uses catalogue codes only, adding each new 项 with its named 类 and 款', () => {
    const names = new Map(functional.entries.map((e) => [e.code, e.name]));
    for (const e of book.extraCodes?.['functional'] ?? []) {
      expect(names.has(e.code), `${e.code} is already national`).toBe(false);
      expect(e.name).not.toBe('');
      names.set(e.code, e.name);
    }
    const econ = new Set(deptEconomic.entries.map((e) => e.code));
    for (const r of [...basic, ...projectLines, ...data['carryover']!]) {
      expect(r['func']).toMatch(/^\d{7}$/);
      for (const prefix of [3, 5, 7]) expect(names.get(r['func']!.slice(0, prefix)), r['func']).toBeTruthy();
    }
    for (const r of [...basic, ...projectLines]) {
      expect(econ.has(r['econ']!), r['econ']).toBe(true);
      expect([5, 7]).toContain(r['econ']!.length);
    }
    for (const r of basic) expect(['301', '302', '303', '310']).toContain(r['econ']!.slice(0, 3));
  });

  it('puts money in every fund column of both line datasets', () => {
    for (const list of [basic, projectLines]) {
      for (const f of ['gpb', 'gfb', 'soe', 'special', 'biz', 'oper', 'upper', 'affil', 'other']) {
        expect(list.some((r) => fen(r[f]) > 0), f).toBe(true);
      }
    }
  });

  const engine = Engine.run(load(book));
  const views = allViews(engine);
  const view = (id: string) => views.find((v) => v.id === id)!;

  it('loads and derives with no failed check', () => {
    expect(engine.failures().filter((f) => f.severity === '强制')).toEqual([]);
    expect(engine.summary()).toEqual({ 强制: 0, 提示: 0 });
  });

  it('表2 收入总计 equals 表3 支出总计, and both equal the generated money', () => {
    const income = amountCell(view('T2'), 'total', 'c1');
    const spending = amountCell(view('T3'), 'total', 'c1');
    expect(income).toBe(spending);
    const lineFields = ['gpb', 'gfb', 'soe', 'special', 'biz', 'oper', 'upper', 'affil', 'other'];
    let expected = 0;
    for (const r of [...basic, ...projectLines]) for (const f of lineFields) expected += fen(r[f]);
    for (const r of data['carryover']!) expected += fen(r['amount']);
    expect(income).toBe(expected);
    expect(expected).toBeGreaterThan(0);
  });

  it('表10 and 表11 have one line row per distinct (unit, category, 功能, 经济) and (project, 功能, 经济)', () => {
    const category = (econ: string) => (econ.startsWith('301') || econ.startsWith('303') ? '人员类项目支出' : '公用经费支出');
    const basicKeys = new Set(basic.map((r) => [r['unit'], category(r['econ']!), r['func'], r['econ']].join('|')));
    const projectKeys = new Set(projectLines.map((r) => [r['project'], r['func'], r['econ']].join('|')));
    expect(view('T10').rows.filter((r) => r.level === '明细')).toHaveLength(basicKeys.size);
    expect(view('T11').rows.filter((r) => r.level === '明细')).toHaveLength(projectKeys.size);
    expect(basicKeys.size).toBeGreaterThan(50);
    expect(projectKeys.size).toBeGreaterThan(50);
  });
});

describe('incremental == full on the generated book', () => {
  it('random setAmount edits give the same failures and view cells as a fresh run of the edited file', () => {
    const edited = structuredClone(book);
    const loaded = load(book);
    const engine = Engine.run(loaded);
    const random = mulberry32(2024);
    const datasets = [...loaded.shapes.values()].filter((s) => s.amountFields.length > 0 && (edited.data[s.name]?.length ?? 0) > 0);
    const cells = (e: Engine) => allViews(e).map((v) => ({ id: v.id, rows: v.rows, empty: v.empty, notes: v.notes }));
    let failing = 0;
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 40; i++) {
        const shape = datasets[Math.floor(random() * datasets.length)]!;
        const records = edited.data[shape.name]!;
        const record = records[Math.floor(random() * records.length)]!;
        const field = shape.amountFields[Math.floor(random() * shape.amountFields.length)]!;
        const old = fen(record[field]);
        // ±0.01 … ±100 万元, sometimes to zero, sometimes below zero; always a change.
        let value = random() < 0.1 ? 0 : old + (random() < 0.5 ? -1 : 1) * (1 + Math.floor(random() * 10_000)) * FEN_PER_HUNDREDTH;
        if (value === old) value = old + FEN_PER_HUNDREDTH;
        record[field] = amountText(value);
        engine.setAmount(shape.name, record.id, field, value as Fen);
      }
      const full = Engine.run(load(edited));
      expect(engine.failures()).toEqual(full.failures());
      expect(engine.summary()).toEqual(full.summary());
      expect(cells(engine)).toEqual(cells(full));
      failing = engine.summary().强制;
    }
    // The edits unbalance the book, so the comparison covers failing checks too.
    expect(failing).toBeGreaterThan(0);
  });
});
