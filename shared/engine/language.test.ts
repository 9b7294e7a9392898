/**
 * The template constructs a second template set needed, on a small made-up template: 行次 columns, bare 栏次,
 * lines per group, a group row after its children, text where a figure does not apply, `*` and `/`, rules per row
 * and with a condition, and the 尾数误差 tolerance on figures entered by hand. Expected figures are hand arithmetic.
 */
import { describe, expect, it } from 'vitest';
import { resolveBook } from '../book/load';
import type { BookFile } from '../book/schema';
import { type Fen, parseStoredAmount, WAN_YUAN_2 } from '../money/money';
import { loadTemplate } from '../template/load';
import type { Template } from '../template/schema';
import { ValidationError } from '../validation/issues';
import { Engine } from './engine';
import { allViews, headerRows, plainCells, type TableView } from './view';

type Json = any;

const TEMPLATE: Json = {
  id: 'language-test',
  version: 1,
  kind: '预算',
  name: '测试模板',
  year: 2023,
  money: { unit: '万元', decimals: 2 },
  unitKinds: ['行政'],
  catalogues: {},
  tolerance: { amount: '0.01', wording: '尾数误差' },
  document: { title: '{dept.name}{year}年测试文件', parts: [{ kind: 'tables', id: 'tables', title: '报表' }] },
  datasets: {
    lines: {
      label: '明细',
      fields: {
        group: { type: 'text', label: '组' },
        kind: { type: 'enum', label: '类别', values: ['甲', '乙'] },
        x: { type: 'amount', label: '金额' },
      },
    },
  },
  tables: [
    {
      id: 'TA',
      caption: '表A',
      title: '两栏表',
      toc: '两栏表',
      columns: [
        { label: '收入', children: [{ key: 'inItem', label: '项目', type: 'text' }, { key: 'inNo', label: '行次', type: 'text', lineNo: true }, { key: 'c1', label: '金额', type: 'amount', colNo: '1' }] },
        {
          label: '支出',
          children: [
            { key: 'outItem', label: '项目', type: 'text' },
            { key: 'outNo', label: '行次', type: 'text', lineNo: true },
            { key: 'c2', label: '合计', type: 'amount', colNo: '2=3+4', colNoRules: ['A-1'] },
            { key: 'c3', label: '甲', type: 'amount', colNo: '3' },
            { key: 'c4', label: '乙', type: 'amount', colNo: '4' },
          ],
        },
      ],
      colNoRow: { at: ['inItem', 'outItem'], label: '栏次' },
      plainColNo: true,
      panels: [
        {
          columns: ['inItem', 'inNo', 'c1'],
          rows: [{ row: { id: 'in', cells: { inItem: '收入', c1: '=sum(lines.x)' } } }],
          footer: [{ row: { id: 'totalIn', cells: { inItem: '总计', c1: '=TA[in].c1' } } }],
        },
        {
          columns: ['outItem', 'outNo', 'c2', 'c3', 'c4'],
          rows: [
            { row: { id: 'g1', cells: { outItem: '一组', c3: '=sum(lines.x | group = "一", kind = "甲")', c4: '=sum(lines.x | group = "一", kind = "乙")' } } },
            { row: { id: 'g2', cells: { outItem: '二组', c3: '=sum(lines.x | group = "二", kind = "甲")', c4: '=sum(lines.x | group = "二", kind = "乙")' } } },
          ],
          footer: [
            { row: { id: 'blank', blank: true } },
            { row: { id: 'totalOut', cells: { outItem: '总计', c3: '=TA[g1].c3 + TA[g2].c3', c4: '=TA[g1].c4 + TA[g2].c4' }, rules: { c3: 'A-2', c4: 'A-2' } } },
          ],
        },
      ],
      notes: [],
    },
    {
      id: 'TB',
      caption: '表B',
      title: '每组数行',
      toc: '每组数行',
      columns: [
        { key: 'name', label: '组', type: 'text' },
        { key: 'line', label: '项目', type: 'text' },
        { key: 'x', label: '金额', type: 'amount', source: { lines: 'x' } },
        { key: 'rate', label: '甲占比', type: 'amount' },
        { key: 'score', label: '加权', type: 'amount' },
      ],
      rows: [
        {
          group: {
            sources: ['lines'],
            levels: [
              {
                name: '组',
                by: ['group'],
                lines: [
                  {
                    id: '{group}',
                    cells: { name: '{group}', line: '合计', x: '=TB[{group}/a].x + TB[{group}/b].x', rate: '=TB[{group}/a].x / x * 100', score: '=10 * rate / 100' },
                    rules: { x: 'B-1', rate: 'B-2', score: 'B-3' },
                  },
                  { id: '{group}/a', cells: { name: '{group}', line: '甲', rate: '-', score: '-' }, filter: { kind: '甲' } },
                  { id: '{group}/b', cells: { name: '{group}', line: '乙', rate: '-', score: '-' }, filter: { kind: '乙' } },
                ],
              },
            ],
          },
        },
      ],
      notes: [],
      entry: ['lines'],
    },
    {
      id: 'TC',
      caption: '表C',
      title: '小计在后',
      toc: '小计在后',
      columns: [
        { key: 'name', label: '项目', type: 'text' },
        { key: 'x', label: '金额', type: 'amount', source: { lines: 'x' } },
      ],
      rows: [
        {
          group: {
            sources: ['lines'],
            levels: [
              { name: '组', by: ['group'], after: true, cells: { name: '{group}小计' }, rollupRule: 'C-1' },
              { name: '行', by: ['id'], cells: { name: '{group}{kind}' } },
            ],
          },
        },
      ],
      notes: [],
    },
  ],
  rules: [
    { id: 'A-3', severity: '强制', name: '表A 收入总计 = 支出总计', kind: 'compare', lhs: 'TA[totalIn].c1', op: '=', rhs: 'TA[totalOut].c2' },
    {
      id: 'C-2',
      severity: '提示',
      name: '表C 每行不超过 100',
      kind: 'compare',
      lhs: 'TC[$row].x',
      op: '<=',
      rhs: '100',
      forEachRow: { table: 'TC', idPrefix: '一' },
    },
    {
      id: 'C-3',
      severity: '提示',
      name: '乙类明细不超过 100',
      kind: 'compare',
      lhs: 'x',
      op: '<=',
      rhs: '100',
      forEach: { records: 'lines' },
      when: 'kind == "乙"',
    },
  ],
};

const LINES = [
  { id: 'r1', group: '一', kind: '甲', x: '1.00' },
  { id: 'r2', group: '一', kind: '乙', x: '2.00' },
  { id: 'r3', group: '二', kind: '乙', x: '60.00' },
];

function template(edit?: (t: Json) => void): Template {
  const t = structuredClone(TEMPLATE);
  edit?.(t);
  return loadTemplate(t, {});
}

function book(edit?: (b: BookFile) => void): BookFile {
  const b: BookFile = {
    format: 'budget-disclosure-book',
    formatVersion: 1,
    template: { id: 'language-test', version: 1 },
    department: { code: '1', name: '测试单位' },
    year: 2023,
    units: [{ code: '1', name: '测试单位', kind: '行政' }],
    data: { lines: structuredClone(LINES) },
  };
  edit?.(b);
  return b;
}

function run(file: BookFile = book(), t: Template = template()): Engine {
  return Engine.run(resolveBook(structuredClone(file), t));
}

function view(engine: Engine, id: string): TableView {
  return allViews(engine).find((v) => v.id === id)!;
}

const rows = (v: TableView) => v.rows.map((r) => plainCells(r, WAN_YUAN_2));
const places = (engine: Engine) => engine.failures().map((f) => `${f.severity} ${f.ruleId}@${f.tableId ?? ''}/${f.rowId ?? ''}${f.columnKey ? `.${f.columnKey}` : ''}`);

describe('行次 columns and bare 栏次', () => {
  const ta = view(run(), 'TA');

  it('number every printed line, blank ones too, the second panel continuing after the first', () => {
    // Bodies of 1 and 2 lines, footers of 1 and 2 (bottom-aligned): 4 lines, 收入 1–4, 支出 5–8.
    expect(rows(ta)).toEqual([
      ['收入', '1', 63, '一组', '5', 3, 1, 2],
      ['', '2', '', '二组', '6', 60, 0, 60],
      ['', '3', '', '', '7', '', '', ''],
      ['总计', '4', 63, '总计', '8', 63, 1, 62],
    ]);
  });

  it('print the column numbers without their equations, the 栏次 label in each panel', () => {
    expect(headerRows(ta)).toEqual([
      ['收入', '', '', '支出', '', '', '', ''],
      ['项目', '行次', '金额', '项目', '行次', '合计', '甲', '乙'],
    ]);
    expect(ta.columnNumbers).toEqual(['1', '2', '3', '4']);
    expect(ta.colNoRow).toEqual(['栏次', '', '1', '栏次', '', '2', '3', '4']);
  });

  it('still derive and check the columns by their equations', () => {
    // 合计 (栏次 2 = 3 + 4) was derived above; entered by hand with a wrong 合计 it fails A-1.
    const engine = run(
      book((b) => {
        b.manual = { TA: rows(ta).map((r, i) => (i === 0 ? r.map((c, j) => (j === 5 ? 3.5 : c)) : r)) };
      }),
    );
    expect(places(engine)).toEqual(['强制 A-1@TA/g1.c2']);
  });
});

describe('a group printed as several lines', () => {
  const engine = run();

  it('prints each line of each group, summing the records its filter picks, with text where a figure does not apply', () => {
    expect(rows(view(engine, 'TB'))).toEqual([
      // 甲占比 = 1 / 3 × 100 = 33.333… → 33.33 (rounded once: 1 / 3 rounded first would give 33.00);
      // 加权 = 10 × 33.33 / 100 = 3.333 → 3.33.
      ['一', '合计', 3, 33.33, 3.33],
      ['一', '甲', 1, '-', '-'],
      ['一', '乙', 2, '-', '-'],
      // No 甲 record: 0 / 60 = 0.
      ['二', '合计', 60, 0, 0],
      ['二', '甲', 0, '-', '-'],
      ['二', '乙', 60, '-', '-'],
    ]);
  });

  it('a ratio over zero is 0', () => {
    const zero = run(book((b) => (b.data['lines'] = [{ id: 'r1', group: '一', kind: '甲', x: '0' }])));
    expect(rows(view(zero, 'TB'))[0]).toEqual(['一', '合计', 0, 0, 0]);
  });

  it('a line is an entered figure where it holds one record; a line without a filter holds none', () => {
    const tb = engine.model.tableById.get('TB')!;
    expect(engine.model.rowRecords.get(tb.rowById.get('一/a')!)?.map((r) => r.id)).toEqual(['r1']);
    expect(engine.model.rowRecords.get(tb.rowById.get('一')!)).toBeUndefined();
  });

  it('entered by hand with a dash where a figure does not apply, its formulas check the entered lines', () => {
    const printed = rows(view(engine, 'TB'));
    const entered = run(
      book((b) => {
        b.manual = { TB: printed.map((r, i) => (i === 0 ? ['一', '合计', 3, 33.34, 3.33] : r)) };
      }),
    );
    expect(rows(view(entered, 'TB'))[1]).toEqual(['一', '甲', 1, '-', '-']);
    // 0.01 off on figures entered by hand: within the template's tolerance, a 提示 worded 尾数误差.
    const [f, ...rest] = entered.failures();
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ ruleId: 'B-2', severity: '提示', tolerated: '尾数误差', rowId: '一', columnKey: 'rate', differenceFen: 10_000 });
    expect(f!.name).toMatch(/^尾数误差：/);
  });
});

describe('a group row printed after its children', () => {
  it('closes each group', () => {
    expect(rows(view(run(), 'TC'))).toEqual([
      ['一甲', 1],
      ['一乙', 2],
      ['一小计', 3],
      ['二乙', 60],
      ['二小计', 60],
    ]);
  });
});

describe('the 尾数误差 tolerance', () => {
  const printed = rows(view(run(), 'TC'));
  const enter = (subtotal: number) => run(book((b) => (b.manual = { TC: printed.map((r) => (r[0] === '一小计' ? ['一小计', subtotal] : r)) })));

  it('a 0.01 difference in a table entered by hand is a 提示, reported once (its roll-up, not also against the leaves)', () => {
    expect(places(enter(3.01))).toEqual(['提示 C-1@TC/一.x']);
  });

  it('a larger difference stays 强制', () => {
    expect(places(enter(3.02))).toEqual(['强制 C-1@TC/一.x']);
  });

  it('figures the app derives itself are exact: a 0.01 difference between them stays 强制', () => {
    // 收入 (all records) against 支出 (only 甲 and 乙): a record of neither kind makes them differ.
    const engine = run(book((b) => b.data['lines']!.push({ id: 'r4', group: '一', x: '0.01' })));
    expect(places(engine)).toEqual(['强制 A-3@/']);
  });

  it('a template without one reports every difference as declared', () => {
    const strict = template((t) => delete t.tolerance);
    const engine = run(book((b) => (b.manual = { TC: printed.map((r) => (r[0] === '一小计' ? ['一小计', 3.01] : r)) })), strict);
    expect(places(engine)).toEqual(['强制 C-1@TC/一.x']);
  });
});

describe('rules per row of a table, and with a condition', () => {
  it('evaluate once per row whose id has the prefix, and only where the condition holds', () => {
    const engine = run(
      book((b) => {
        b.data['lines']![0]!['x'] = '101.00';
        b.data['lines']![2]!['x'] = '120.00';
      }),
    );
    // C-2 over the rows of 一 (一/r1, 一/r2 and the group row 一): 101 and the subtotal 103 exceed 100; 二 (120) is
    // not one of them. C-3 over 乙 records only: r3 (120) exceeds 100; r1 (甲, 101) is not looked at.
    expect(places(engine)).toEqual(['提示 C-2@/一', '提示 C-2@/一/r1', '提示 C-3@/']);
    expect(engine.failures().find((f) => f.ruleId === 'C-3')!.record).toEqual({ dataset: 'lines', id: 'r3' });
    expect(engine.failures().find((f) => f.rowId === '一/r1')!.row).toBe('一甲');
  });
});

describe('incremental recompute', () => {
  it('after edits, equals a full recompute of the edited book', () => {
    const engine = run();
    const edited = book();
    const edits: [string, string][] = [
      ['r1', '7.77'],
      ['r3', '0.00'],
      ['r2', '101.01'],
      ['r1', '0.00'],
    ];
    for (const [id, value] of edits) {
      edited.data['lines']!.find((r) => r.id === id)!['x'] = value;
      const parsed = parseStoredAmount(value, WAN_YUAN_2);
      if (!parsed.ok) throw new Error(value);
      engine.setAmount('lines', id, 'x', parsed.value as Fen);
      const full = run(edited);
      expect(engine.failures()).toEqual(full.failures());
      expect(allViews(engine).map(rows)).toEqual(allViews(full).map(rows));
    }
  });
});

describe('a broken use fails at load, naming the place', () => {
  const problems = (edit: (t: Json) => void): string[] => {
    try {
      template(edit);
    } catch (e) {
      if (e instanceof ValidationError) return e.problems.map((p) => `${p.where}：${p.message}`);
      throw e;
    }
    throw new Error('expected the template to be rejected');
  };

  it('a 行次 column that is not text', () => {
    expect(problems((t) => (t.tables[0].columns[0].children[2].lineNo = true))).toEqual(['表 TA（表A） 列 c1：行次列应为文本列']);
  });

  it('a 栏次 label in a column that does not exist', () => {
    expect(problems((t) => (t.tables[0].colNoRow.at = ['inItem', 'nope']))).toEqual(['表 TA（表A） 栏次行：不存在的列“nope”']);
  });

  it('lines on a level that is not the last, and a group row after nothing', () => {
    expect(
      problems((t) => {
        const [group, leaf] = t.tables[2].rows[0].group.levels;
        delete group.cells;
        group.lines = [{ id: '{group}' }];
        leaf.after = true;
      }),
    ).toEqual(['表 TC（表C） 层级“组”：lines 只用于最后一个层级', '表 TC（表C） 层级“行”：after 只用于有下级的层级']);
  });

  it('a line filtering on a field the records do not have', () => {
    expect(problems((t) => (t.tables[1].rows[0].group.levels[0].lines[1].filter = { colour: '红' }))).toEqual([
      '表 TB（表B） 层级“组” 行 {group}/a：分组来源没有筛选字段“colour”',
    ]);
  });

  it('a rule over the rows of a table that does not exist, or with a broken condition', () => {
    expect(
      problems((t) => {
        t.rules[1].forEachRow.table = 'TZ';
        t.rules[2].when = 'kind ==';
      }),
    ).toEqual(['规则 C-2（第 2 条）：forEachRow 引用了不存在的表“TZ”', '规则 C-3（第 3 条） 条件：公式“kind ==”第 8 个字符处：公式不完整']);
  });

  it('a tolerance that is not an amount', () => {
    expect(problems((t) => (t.tolerance.amount = '一分'))).toEqual(['tolerance：“一分”不是有效金额']);
  });
});
