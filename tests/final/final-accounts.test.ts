/**
 * The 部门决算 set (templates/guizhou-final-2023) on its reference: 《贵州省卫生项目管理办公室2023年度部门决算》, built
 * from its published leaves (examples/guizhou-health-office-2023-final.budget.json) and compared with the published
 * tables (tests/fixtures/guizhou-health-office-2023-final.json, final-accounts.md).
 */
import { describe, expect, it } from 'vitest';
import type { BookFile } from '../../shared/book/schema';
import type { Failure } from '../../shared/engine/checks';
import type { Engine } from '../../shared/engine/engine';
import { bindingOf } from '../../shared/engine/bindings';
import { allViews, headerRows, plainCells } from '../../shared/engine/view';
import { run as cli } from '../../shared/cli/commands';
import { parseStoredAmount, WAN_YUAN_2 } from '../../shared/money/money';
import { editAmountsAtRandom, findRecord, type PublishedTable, readJson, run, seededRandom, withField } from '../support/books';

const BOOK_PATH = 'examples/guizhou-health-office-2023-final.budget.json';
const book = readJson<BookFile>(BOOK_PATH);
const published = readJson<{ tables: PublishedTable[] }>('tests/fixtures/guizhou-health-office-2023-final.json').tables;
const CENT = 10_000; // 0.01 万元 in 分

/**
 * The published title of the 自评表 forms prints the year with a thousands separator (`（2,023年度）`, an artefact of
 * the source workbook, final-accounts.md §0.5); the template prints `（{year}年度）`.
 */
function expectedTitle(t: PublishedTable): string {
  return t.title.replace('（2,023年度）', '（2023年度）');
}

/** `severity ruleId@table/row.column` of each failure, sorted. */
function places(failures: readonly Failure[]): string[] {
  return failures.map((f) => `${f.severity} ${f.ruleId}@${f.tableId ?? ''}/${f.rowId ?? ''}${f.columnKey ? `.${f.columnKey}` : ''}`).sort();
}

function printed(engine: Engine) {
  return allViews(engine).map((v) => ({ id: v.caption, rows: v.rows.map((r) => plainCells(r, WAN_YUAN_2)) }));
}

const deriveResult = await cli(['derive', BOOK_PATH, '--json']);
const checkResult = await cli(['check', BOOK_PATH, '--json']);

describe('derive: the reference book reproduces the published disclosure', () => {
  const result = deriveResult;
  const derived = JSON.parse(result.stdout) as { tables: PublishedTable[] };

  it('all nine 公开表 and the three flattened 自评表, cell for cell', () => {
    expect(result.code).toBe(0);
    expect(derived.tables.map((t) => t.id)).toEqual(published.map((t) => t.id));
    for (const [i, pub] of published.entries()) {
      const t = derived.tables[i]!;
      expect(t.title, `${pub.id} title`).toBe(expectedTitle(pub));
      expect(t.headerRows, `${pub.id} header`).toEqual(pub.headerRows);
      expect(t.columnNumbers, `${pub.id} 栏次`).toEqual(pub.columnNumbers);
      expect(t.rows, `${pub.id} rows`).toEqual(pub.rows);
      expect(t.notes, `${pub.id} notes`).toEqual(pub.notes);
    }
  });
});

describe('check: exactly the inconsistencies of the published tables (final-accounts.md §3)', () => {
  const result = checkResult;
  const { summary, failures } = JSON.parse(result.stdout) as { summary: { 强制: number; 提示: number }; failures: Failure[] };

  it('the ten 0.01 tail differences as 尾数误差 提示, and the one soft finding; no 强制, exit 0', () => {
    expect(places(failures)).toEqual(
      [
        // 社会保障和就业支出: 357.81 in 公开01/04表, 357.80 in the classified tables (§3.5 cause 1).
        '提示 F01-2@/', // 公开01表 本年支出合计 14,250.23 ≠ Σ classes 14,250.24
        '提示 X-5@G01/208.c2', // 公开01表 行次 39 357.81 ≠ 公开03表 208 357.80
        '提示 F04-5@/', // 公开04表 本年支出合计 ≠ Σ classes, 第2栏
        '提示 F04-5@/', // … and 第3栏
        '提示 X-10@G04/208.c3', // 公开04表 行次 40 第3栏 357.81 ≠ 公开05表 208 357.80
        // 基本支出 合计: 648.29 in 公开03/05表, 648.28 from their classes and 公开06表 (§3.5 cause 2).
        '提示 F03-1@G03/total.c1', // 648.29 + 13,601.95 ≠ 14,250.23
        '提示 F03-2@G03/total.c2', // Σ classes 648.28
        '提示 F05-1@G05/total.c1',
        '提示 F05-2@G05/total.c2',
        '提示 X-15@/', // 公开05表 648.29 ≠ 公开06表 571.14 + 77.14
        // S-X19: 行政单位医疗's form executed 4,391.00 (current-year budget only) against 6,345.88 in 公开03表.
        '提示 S-X19@/',
      ].sort(),
    );
    expect(summary).toEqual({ 强制: 0, 提示: 11 });
    expect(result.code).toBe(0);
    const tails = failures.filter((f) => f.ruleId !== 'S-X19');
    for (const f of tails) {
      expect(f.tolerated, f.key).toBe('尾数误差');
      expect(f.name.startsWith('尾数误差：'), f.key).toBe(true);
      expect(Math.abs(f.differenceFen!), f.key).toBe(CENT);
    }
    const sx19 = failures.find((f) => f.ruleId === 'S-X19')!;
    expect(sx19.tolerated).toBeUndefined();
    expect([sx19.actual, sx19.expected, sx19.difference]).toEqual(['4,391.00', '6,345.88', '-1,954.88']);
    expect(sx19.record).toEqual({ dataset: 'evalProjects', id: findRecord(book, 'evalProjects', { name: '行政单位医疗' }).id });
  });
});

describe('手工填报: only the tables the leaves cannot reproduce', () => {
  it('are 公开01表, 公开03表, 公开04表 and 公开05表', () => {
    expect(Object.keys(book.manual ?? {}).sort()).toEqual(['G01', 'G03', 'G04', 'G05']);
  });

  it('derived from the leaves instead, they differ from the published figures in exactly the four cells of §3.5', () => {
    const derivedBook = structuredClone(book);
    delete derivedBook.manual;
    const engine = run(derivedBook);
    const differences: string[] = [];
    for (const [i, t] of printed(engine).entries()) {
      t.rows.forEach((row, r) =>
        row.forEach((cell, c) => {
          const pub = published[i]!.rows[r]![c];
          if (cell !== pub) differences.push(`${t.id} ${String(published[i]!.rows[r]![0] || published[i]!.rows[r]![1])}: ${cell} ≠ ${pub}`);
        }),
      );
    }
    expect(differences).toEqual([
      '公开01表 八、其他收入: 357.8 ≠ 357.81', // the line of 行次 8 and 39
      '公开03表 合计: 648.28 ≠ 648.29',
      '公开04表 8: 357.8 ≠ 357.81', // the blank left line 8 and 行次 40, 合计 and 一般公共预算财政拨款
      '公开04表 8: 357.8 ≠ 357.81',
      '公开05表 合计: 648.28 ≠ 648.29',
    ]);
    // Derived from one set of leaves, the tables agree with each other: only the soft S-X19 remains.
    expect(places(engine.failures())).toEqual(['提示 S-X19@/']);
  });
});

describe('an entered leaf that no longer matches the published tables', () => {
  const project = findRecord(book, 'spending', { func: '2101502', nature: '项目支出' });
  const before = places(run(book).failures());

  it('by 0.01: a 尾数误差 提示 where it meets the tables entered by hand; by 0.02: 强制, on reload and incrementally', () => {
    for (const [value, severity] of [
      ['39.92', '提示'],
      ['39.93', '强制'],
    ] as const) {
      const reloaded = run(withField(book, 'spending', project.id, 'gpb', value));
      const added = places(reloaded.failures()).filter((p) => !before.includes(p));
      // 公开03表 and 公开05表 项 2101502 项目支出 against the leaves.
      expect(added).toEqual([`${severity} M-3@G03/2101502.c3`, `${severity} M-5@G05/2101502.c3`]);

      const incremental = run(book);
      const parsed = parseStoredAmount(value, WAN_YUAN_2);
      if (!parsed.ok) throw new Error(value);
      incremental.setAmount('spending', project.id, 'gpb', parsed.value);
      expect(incremental.failures()).toEqual(reloaded.failures());
    }
  });
});

describe('incremental recompute on the 决算 book', () => {
  it('after many random amount edits, equals a full recompute of the edited book, with and without 手工填报', () => {
    const random = seededRandom(20231);
    const amountFields: Record<string, string[]> = {
      income: ['gpb', 'gfb', 'soe', 'upper', 'other'],
      spending: ['gpb', 'gfb', 'soe', 'other'],
      balances: ['openAll', 'openGpb', 'openSoe', 'useBalance', 'distribution'],
      sanGongBudget: ['abroad', 'carRun', 'reception'],
      evalFunds: ['initial', 'plan', 'exec'],
      evalIndicators: ['points', 'score'],
    };
    for (const withManual of [true, false]) {
      const start = structuredClone(book);
      if (!withManual) delete start.manual;
      const engine = run(start);
      const edited = structuredClone(start);
      for (let round = 0; round < 3; round++) {
        editAmountsAtRandom(engine, edited, amountFields, random, 40);
        const full = run(edited);
        expect(engine.failures()).toEqual(full.failures());
        expect(printed(engine)).toEqual(printed(full));
      }
    }
  });
});

describe('the 决算 book in the editor', () => {
  const engine = run(book);
  const cell = (tableId: string, rowId: string, column: string) => {
    const table = engine.model.tableById.get(tableId)!;
    const b = bindingOf(engine.book, engine.model, table.rowById.get(rowId)!, table.columnByKey.get(column)!);
    return b && `${b.dataset}/${b.recordId}.${b.field}`;
  };

  it('types income on 公开02表, 三公 预算数 on 公开09表 and the 自评表 figures on their forms; totals are derived', () => {
    const income = findRecord(book, 'income', { func: '2101101' });
    expect(cell('G02', '2101101', 'c7')).toBe(`income/${income.id}.other`);
    expect(cell('G02', '21011', 'c7')).toBeUndefined();
    expect(cell('G09', 'sanGong', 'c6')).toBe('sanGongBudget/sanGong.reception');
    expect(cell('G09', 'sanGong', 'c12')).toBeUndefined(); // 决算数: from the expenditure lines (30217)
    const p = findRecord(book, 'evalProjects', { name: '医疗保障业务经费' }).id;
    const local = findRecord(book, 'evalFunds', { project: p, source: '本级安排' });
    expect(cell('EvalFunds', `${p}/local`, 'exec')).toBe(`evalFunds/${local.id}.exec`);
    expect(cell('EvalFunds', p, 'exec')).toBeUndefined(); // 年度资金总额 = 财政拨款 + 其他
    const indicator = findRecord(book, 'evalIndicators', { project: p, name: '数量指标1' });
    expect(cell('EvalIndicators', `${p}/${indicator.id}`, 'score')).toBe(`evalIndicators/${indicator.id}.score`);
  });

  it('prints 行次 and headers of the two-sided tables as published when they are derived', () => {
    const derivedBook = structuredClone(book);
    delete derivedBook.manual;
    const views = allViews(run(derivedBook));
    const t04 = views.find((v) => v.caption === '公开04表')!;
    expect(headerRows(t04)).toEqual(published.find((t) => t.id === '公开04表')!.headerRows);
    expect(t04.colNoRow).toEqual(['栏次', '', '1', '栏次', '', '2', '3', '4', '5']);
    expect(t04.rows.map((r) => plainCells(r, WAN_YUAN_2)[1])).toEqual(Array.from({ length: 32 }, (_, i) => String(i + 1)));
    expect(t04.rows.map((r) => plainCells(r, WAN_YUAN_2)[4])).toEqual(Array.from({ length: 32 }, (_, i) => String(i + 33)));
  });
});
