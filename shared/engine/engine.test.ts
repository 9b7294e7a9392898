import { describe, expect, it } from 'vitest';
import { editAmountsAtRandom, findRecord, guizhouBook, publishedGuizhou, run, seededRandom, withField } from '../../tests/support/books';
import type { BookFile } from '../book/schema';
import { parseStoredAmount, WAN_YUAN_2 } from '../money/money';
import type { Failure } from './checks';
import type { Engine } from './engine';
import { allViews, headerRows, plainCells } from './view';

const published = publishedGuizhou().tables;
const book = guizhouBook();
const CENT = 10_000; // 0.01 万元 in 分

function hard(engine: Engine): Failure[] {
  return engine.failures().filter((f) => f.severity === '强制');
}

/** `ruleId@table/row` for each failure, sorted, to compare with the set a change must break. */
function places(failures: Failure[]): string[] {
  return failures.map((f) => `${f.ruleId}@${f.tableId ?? ''}/${f.rowId ?? f.row ?? ''}`).sort();
}

function plus(amount: string, delta: string): string {
  const a = parseStoredAmount(amount, WAN_YUAN_2);
  const d = parseStoredAmount(delta, WAN_YUAN_2);
  if (!a.ok || !d.ok) throw new Error('bad amount');
  const fen = a.value + d.value;
  return (fen / 1_000_000).toFixed(2);
}

describe('the Guizhou 2024 reference book', () => {
  const engine = run(book);
  const views = allViews(engine);

  it('derives all 14 tables exactly as published, cell for cell', () => {
    expect(views.map((v) => v.caption)).toEqual(published.map((t) => t.id));
    for (const [i, view] of views.entries()) {
      const pub = published[i]!;
      expect(view.title, pub.id).toBe(pub.title);
      expect(headerRows(view), `${pub.id} header`).toEqual(pub.headerRows);
      expect(view.columnNumbers, `${pub.id} 栏次`).toEqual(pub.columnNumbers);
      expect(view.rows.map((r) => plainCells(r, WAN_YUAN_2)), `${pub.id} rows`).toEqual(pub.rows);
      expect(view.notes, `${pub.id} notes`).toEqual(pub.notes);
    }
  });

  it('passes every 强制 check', () => {
    expect(hard(engine)).toEqual([]);
  });

  it('reports the soft defects the reference is known to have (tables.md §3.4), and no others', () => {
    const soft = engine.failures().filter((f) => f.severity === '提示');
    // S-1: the two 表11 projects without 表14 targets.
    const s1 = soft.filter((f) => f.ruleId === 'S-1').map((f) => f.row);
    expect(s1).toHaveLength(2);
    expect(s1.some((r) => r?.endsWith('省级政务信息系统运维经费'))).toBe(true);
    expect(s1.some((r) => r?.endsWith('省级政务信息系统运维经费(第二批)'))).toBe(true);
    // S-7: 定性 indicators carrying a unit (回访率 %, the swapped 定点医疗机构… row, 维护社会稳定 % twice).
    const s7 = soft.filter((f) => f.ruleId === 'S-7');
    expect(s7.map((f) => f.row?.split(' ').pop()).sort()).toEqual(['回访率', '定点医疗机构医保服务更加规范', '维护社会稳定', '维护社会稳定'].sort());
    expect(soft).toHaveLength(6);
  });
});

describe('one leaf changed by 0.01 fails exactly the checks that depend on it', () => {
  // With every derived table following the leaves, what can fail is an equality between two sides fed by
  // different leaves: income (表2) against expenditure (表10/表11 → 表3). A 0.01 change on one side breaks:
  //   I-7  表1 收入总计 = 支出总计          I-27 表4 收入总计 = 支出总计
  //   X-11 表2 收入总计 = 表3 支出总计      X-17 表5 合计 = 表4 一般公共预算 + 表2 上年结转 一般公共预算
  //   X-28 that unit's income = its expenditure   X-29 that unit's 一般公共预算 income = expenditure
  const balanceRules = (unit: string) => ['I-7@/', 'I-27@/', 'X-11@/', 'X-17@/', `X-28@/${unit}`, `X-29@/${unit}`].sort();
  const benji = '261001贵州省医疗保障局本级';
  const office = '261101贵州省卫生项目管理办公室';

  const cases: { what: string; dataset: string; match: Record<string, string>; field: string; unit: string }[] = [
    { what: 'a basic line (本级 2101501 行政运行 / 30101 基本工资)', dataset: 'basic', match: { unit: '261001', func: '2101501', econ: '30101' }, field: 'gpb', unit: benji },
    { what: 'a project line (卫生项目管理办公室 财政对职工基本医疗保险基金的补助)', dataset: 'projectLines', match: { func: '2101201' }, field: 'gpb', unit: office },
    { what: 'an income figure (本级 一般公共预算拨款)', dataset: 'income', match: { unit: '261001' }, field: 'gpb', unit: benji },
    { what: 'a carry-over figure (本级 上年结转 一般公共预算拨款)', dataset: 'income', match: { unit: '261001' }, field: 'carryGpb', unit: benji },
  ];

  for (const c of cases) {
    it(`${c.what}: on reload and incrementally`, () => {
      const record = findRecord(book, c.dataset, c.match);
      const changed = withField(book, c.dataset, record.id, c.field, plus(record[c.field]!, '0.01'));
      const reloaded = run(changed);
      expect(places(hard(reloaded))).toEqual(balanceRules(c.unit));
      for (const f of hard(reloaded)) expect(Math.abs(f.differenceFen!)).toBe(CENT);

      const incremental = run(book);
      const value = parseStoredAmount(plus(record[c.field]!, '0.01'), WAN_YUAN_2);
      if (!value.ok) throw new Error('bad');
      incremental.setAmount(c.dataset, record.id, c.field, value.value);
      expect(incremental.failures()).toEqual(reloaded.failures());
    });
  }

  it('a leaf no identity links to another side (表13, 表12, prior-year 三公) breaks nothing', () => {
    const transfer = findRecord(book, 'transfers', { name: '医疗救助资金' });
    const procurement = findRecord(book, 'procurement', { unit: '261001' });
    const sanGong = findRecord(book, 'sanGongPrior', { item: '公务接待费' });
    let edited = withField(book, 'transfers', transfer.id, 'gpb', '67000.01');
    edited = withField(edited, 'procurement', procurement.id, 'goods', plus(procurement['goods']!, '0.01'));
    edited = withField(edited, 'sanGongPrior', sanGong.id, 'gpb', '2.39');
    const engine = run(edited);
    expect(hard(engine)).toEqual([]);
    // …while the derived figures did follow: 表13 合计 and 表9's change and rate columns.
    const views = allViews(engine);
    expect(plainCells(views[12]!.rows[0]!, WAN_YUAN_2)[2]).toBe(460024.64);
    // 公务接待费: 2.65 this year against 2.39 last year: change 0.26, rate 0.26 / 2.39 = 10.878…% → 10.88%.
    const reception = views[8]!.rows.find((r) => r.id === 'reception')!;
    expect(plainCells(reception, WAN_YUAN_2).slice(9, 14)).toEqual([0.26, 0.26, 0, 0, '10.88%']);
  });

  it('a balanced addition (年终结转结余 line plus the same 单位资金 carry-over) keeps every check passing', () => {
    const edited = structuredClone(book);
    edited.data['carryover'] = [{ id: 'co1', unit: '261001', func: '2101501', amount: '1.00' }];
    findRecord(edited, 'income', { unit: '261001' })['carryUnit'] = '1.00';
    const engine = run(edited);
    expect(hard(engine)).toEqual([]);
    const t1 = allViews(engine)[0]!;
    const totals = t1.rows.at(-1)!;
    expect(plainCells(totals, WAN_YUAN_2)).toEqual(['收入总计', 47882.17, '支出总计', 47882.17]);
    expect(plainCells(t1.rows.at(-2)!, WAN_YUAN_2)).toEqual(['二、上年结转结余', 1726.02, '二、年终结转结余（非财政拨款）', 1]);
  });
});

describe('rule families', () => {
  it('S-6 flags a project code used twice in one unit, not across units', () => {
    const edited = structuredClone(book);
    const projects = edited.data['projects']!;
    const [a, b] = projects.filter((p) => p['unit'] === '261001');
    b!['code'] = a!['code']!;
    const s6 = run(edited).failures().filter((f) => f.ruleId === 'S-6');
    expect(s6).toHaveLength(1);
    expect(s6[0]!.record?.id).toBe(b!.id);
    // The reference itself uses 52000021S3Y9RL09DAPWF in both units: no S-6 there.
    expect(run(book).failures().filter((f) => f.ruleId === 'S-6')).toEqual([]);
  });

  it('S-5 warns when a unit procures more than its income', () => {
    // 261101: goods 14.01 + works 0.00 + services 35,300.00 = 35,314.01 > income 35,224.83.
    const procurement = findRecord(book, 'procurement', { unit: '261101' });
    const edited = withField(book, 'procurement', procurement.id, 'services', '35300.00');
    const s5 = run(edited).failures().filter((f) => f.ruleId === 'S-5');
    expect(s5.map((f) => [f.severity, f.row, f.actual, f.expected])).toEqual([
      ['提示', '261101贵州省卫生项目管理办公室', '35,314.01', '35,224.83'],
    ]);
  });
});

/** The book with tables switched to 手工填报 and filled with the published rows. */
function manualFromPublished(ids: string[], edit?: (rows: Record<string, (string | number)[][]>) => void): BookFile {
  const copy = structuredClone(book);
  const manual: Record<string, (string | number)[][]> = {};
  for (const id of ids) {
    const caption = `表${id.slice(1)}`;
    manual[id] = structuredClone(published.find((t) => t.id === caption)!.rows);
  }
  edit?.(manual);
  copy.manual = manual;
  return copy;
}

describe('手工填报: a derived table entered by hand is checked by its own formulas', () => {
  it('every derived table (表1–表13) filled with the published figures passes', () => {
    const ids = Array.from({ length: 13 }, (_, i) => `T${i + 1}`);
    const engine = run(manualFromPublished(ids));
    expect(engine.model.tables.filter((t) => t.manual).length).toBe(13);
    expect(hard(engine)).toEqual([]);
  });

  it('one wrong figure in 表3 fails its 栏次, its roll-up, its derivation, and 表5 which reads it', () => {
    // 表3 row 2101501 行政运行, 第6栏 (一般公共预算 基本支出) 1,527.11 → 1,527.12 (index 7: code, name, then 第1栏…).
    const file = manualFromPublished(['T3'], (m) => {
      const row = m['T3']!.find((r) => r[0] === '2101501')!;
      expect(row[7]).toBe(1527.11);
      row[7] = 1527.12;
    });
    const failures = hard(run(file));
    expect(places(failures)).toEqual(
      [
        'I-18@T3/2101501', // 3 = 6 + 9 + 12 + 15 + 18 on that row
        'I-20@T3/2101501', // 5 = 6 + 7
        'I-22@T3/21015', //   款 21015 = Σ its 项, 第6栏
        'X-24@T3/2101501', //        the cell against Σ 表10 lines of 2101501
        'I-28@T5/2101501', //        表5 reads 表3: its 1 = 2 + 3 no longer holds on that row
        'I-29@T5/21015', //          and its 款 row (read from 表3's 21015) ≠ Σ its 项 rows
      ].sort(),
    );
    for (const f of failures) expect(Math.abs(f.differenceFen!)).toBe(CENT);
  });

  it('a wrong total in side-by-side 表1 fails I-4, I-7 and its derivation X-1', () => {
    const file = manualFromPublished(['T1'], (m) => {
      const totals = m['T1']!.at(-1)!;
      expect(totals[0]).toBe('收入总计');
      totals[1] = 47881.18;
    });
    expect(places(hard(run(file)))).toEqual(['I-4@/', 'I-7@/', 'X-1@T1/totalIn']);
  });

  it('a row missing from an entered 表10 is reported, and so is an invented one', () => {
    const file = manualFromPublished(['T10'], (m) => {
      const rows = m['T10']!;
      const i = rows.findIndex((r) => r[4] === '30302'); // 卫生项目管理办公室 退休费 7.22
      rows.splice(i, 1);
      rows.push(['', '', '2101501', '行政运行', '30999', '虚构科目', 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    });
    const failures = hard(run(file));
    const missing = failures.filter((f) => f.name === '表10 手工填报表缺少推导结果中的行');
    expect(missing.map((f) => f.rowId)).toEqual(['261101/人员类项目支出/2080501/30302']);
    const invented = failures.filter((f) => f.name === '表10 手工填报的行在推导结果中不存在');
    expect(invented.map((f) => f.row)).toEqual(['2101501 行政运行 30999 虚构科目']);
  });
});

describe('incremental recompute', () => {
  it('after many random amount edits, equals a full recompute of the edited book', () => {
    const random = seededRandom(20241);
    const engine = run(book);
    const edited = structuredClone(book);
    const amountFields: Record<string, string[]> = {
      income: ['gpb', 'gfb', 'special', 'biz', 'carryGpb', 'carryUnit'],
      basic: ['gpb', 'gfb', 'soe', 'special', 'other'],
      projectLines: ['gpb', 'gfb', 'soe', 'upper'],
      sanGongPrior: ['gpb', 'gfb'],
      procurement: ['goods', 'works', 'services'],
      transfers: ['gpb', 'soe'],
    };
    for (let round = 0; round < 4; round++) {
      editAmountsAtRandom(engine, edited, amountFields, random, 60);
      const full = run(edited);
      expect(engine.failures()).toEqual(full.failures());
      const cells = (e: Engine) => allViews(e).map((v) => v.rows.map((r) => plainCells(r, WAN_YUAN_2)));
      expect(cells(engine)).toEqual(cells(full));
    }
  });
});
