import { describe, expect, it } from 'vitest';
import { guizhouBook, run } from '../../tests/support/books';
import type { BookFile } from '../book/schema';
import type { Engine } from '../engine/engine';
import { type Fen, parseStoredAmount, WAN_YUAN_2 } from '../money/money';
import { withNarrativeFailures, withNarrativeSummary } from './checks';
import type { NarrativeDoc, Paragraph, Segment } from './document';
import { generateNarrative } from './generate';
import { narrativeLines, narrativeText } from './render';

const book = guizhouBook();
const text = book.text ?? {};

function wan(amount: string): Fen {
  const p = parseStoredAmount(amount, WAN_YUAN_2);
  if (!p.ok) throw new Error(p.message);
  return p.value;
}

function paragraph(doc: NarrativeDoc, id: string): Paragraph {
  const p = doc.parts.flatMap((x) => x.sections.flatMap((s) => s.paragraphs)).find((x) => x.id === id);
  if (!p) throw new Error(`no paragraph ${id}`);
  return p;
}

function paragraphTexts(doc: NarrativeDoc): Map<string, string> {
  return new Map(doc.parts.flatMap((x) => x.sections.flatMap((s) => s.paragraphs.map((p) => [p.id, p.text] as const))));
}

/** The book's texts with some keys replaced (undefined removes the key). */
function texts(changes: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = { ...text };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

function withoutRecord(file: BookFile, dataset: string, id: string): BookFile {
  const copy = structuredClone(file);
  copy.data[dataset] = copy.data[dataset]!.filter((r) => r.id !== id);
  return copy;
}

const reception = (engine: Engine, t: Record<string, string> = text) => paragraph(generateNarrative(engine, t), 'part3.sanGong.item.reception').text;
const incomeChange = (engine: Engine, t: Record<string, string> = text) =>
  paragraph(generateNarrative(engine, t), 'part3.overall.change').text.split('；2024年部门支出')[0];

describe('every figure follows the engine', () => {
  it('an edit changes exactly the sentences that use the figure, and nothing else', () => {
    const engine = run(book);
    const before = paragraphTexts(generateNarrative(engine));
    // 办公费 of 本级 (basic line b011) 14.32 → 1,014.32: +1,000.00 to 公用经费, 基本支出 and 支出总计.
    engine.setAmount('basic', 'b011', 'gpb', wan('1014.32'));
    const doc = generateNarrative(engine);
    const after = paragraphTexts(doc);
    const changed = [...after.keys()].filter((id) => after.get(id) !== before.get(id));
    expect(changed).toEqual([
      'part3.overall.expense',
      'part3.overall.change',
      'part3.fiscal.expense',
      'part3.basic.text',
      'part3.performance.count',
      'part4.running.text',
      'part4.keyProjects.text',
    ]);
    // Hand arithmetic: 47,881.17 + 1,000.00; 办公费 1,014.32 + 14.01; 公用经费 246.51 + 1,000.00;
    // 运行经费 change 1,246.51 − 231.67 = 1,014.84 = 438.05% of 231.67; 24,027.84 / 48,881.17 = 49.16%.
    expect(after.get('part3.overall.expense')).toContain('2024年部门支出预算总额48,881.17万元，其中：本年支出48,881.17万元');
    expect(after.get('part3.overall.expense')).toContain('卫生健康支出46,194.68万元');
    expect(after.get('part3.overall.change')).toContain('2024年部门支出预算总额比2023年预算减少5,811.72万元，下降10.63%');
    expect(after.get('part3.basic.text')).toContain('基本支出预算总额为3,038.85万元，其中：人员经费1,792.34万元，公用经费1,246.51万元');
    expect(after.get('part3.basic.text')).toContain('公用经费包含办公费1,028.33万元、水费0.60万元');
    expect(after.get('part4.running.text')).toContain('运行经费预算为1,246.51万元，其中：办公费1,028.33万元');
    expect(after.get('part4.running.text')).toContain('比2023年预算增加1,014.84万元，增长438.05%');
    expect(after.get('part4.keyProjects.text')).toContain('金额24,027.84万元（占预算总支出49.16%）');
    expect(after.get('part3.performance.count')).toContain('涉及预算资金48,881.17万元');
  });

  it('a figure carries its binding: the formula and every cell it read', () => {
    const doc = generateNarrative(run(book));
    const figures = paragraph(doc, 'part3.overall.income').segments.filter((s) => s.kind === 'figure');
    expect(figures[0]).toMatchObject({
      text: '47,881.17',
      value: { format: 'amount', fen: wan('47881.17') },
      binding: { formula: 'T1[totalIn].in', cells: [{ table: 'T1', row: 'totalIn', column: 'in' }] },
    });
    // 医疗保障业务经费 is one item made of the projects of two units.
    const keyProjects = paragraph(doc, 'part4.keyProjects.text').segments;
    const merged = keyProjects.find((s) => s.kind === 'figure' && s.text === '252.01');
    expect(merged).toMatchObject({
      binding: {
        formula: 'T11[261001/p09].c1 + T11[261101/p16].c1',
        cells: [
          { table: 'T11', row: '261001/p09', column: 'c1' },
          { table: 'T11', row: '261101/p16', column: 'c1' },
        ],
      },
    });
  });
});

describe('year-on-year wording', () => {
  it('increase: 比上年增加…，增长…% (表9 公务接待费 2.38 → 2.65)', () => {
    expect(reception(run(book))).toContain('2024年公务接待费2.65万元，比2023年预算增加0.27万元，增长11.34%，其中一般公共预算安排2.65万元，同比增加0.27万元，增长11.34%');
  });

  it('decrease: 减少…，下降…% (prior 3.00: 0.35 / 3.00 = 11.67%)', () => {
    const engine = run(book);
    engine.setAmount('sanGongPrior', 'sg2', 'gpb', wan('3.00'));
    expect(reception(engine)).toContain('2024年公务接待费2.65万元，比2023年预算减少0.35万元，下降11.67%，其中一般公共预算安排2.65万元，同比减少0.35万元，下降11.67%');
  });

  it('unchanged: 持平, and no reason clause once the reason is cleared', () => {
    const engine = run(book);
    engine.setAmount('sanGongPrior', 'sg2', 'gpb', wan('2.65'));
    expect(reception(engine, texts({ 'reason.sanGong.reception': undefined }))).toBe(
      '2024年公务接待费2.65万元，与2023年预算数持平，无增减变动，其中一般公共预算安排2.65万元，与2023年预算数持平，无增减变动，政府性基金预算安排0.00万元，与2023年预算数持平，无增减变动，国有资本经营预算安排0.00万元，与2023年预算数持平，无增减变动。',
    );
    // A reason the officer wrote is still printed when the figures are level.
    expect(reception(engine)).toContain('无增减变动，主要原因是：工作事务增加');
  });

  it('a reason the officer ended with a full stop is not followed by a second stop where the sentence goes on', () => {
    const printed = paragraph(generateNarrative(run(book), texts({ 'reason.income': '人员减少。' })), 'part3.overall.change').text;
    expect(printed).toContain('主要原因是：人员减少。2024年部门支出预算总额');
    expect(printed).not.toMatch(/。[，。；]/);
  });

  it('zero base: prior year 0 gives the increase without a rate', () => {
    const engine = run(book);
    engine.setAmount('sanGongPrior', 'sg2', 'gpb', wan('0'));
    expect(reception(engine)).toContain('2024年公务接待费2.65万元，比2023年预算增加2.65万元，其中一般公共预算安排2.65万元，同比增加2.65万元，政府性基金预算安排0.00万元');
  });

  it('the same four forms for a total against an entered prior-year figure', () => {
    const engine = run(book);
    expect(incomeChange(engine)).toMatch(/^2024年部门收入预算总额比2023年预算减少6,811\.72万元，下降12\.45%，主要原因是：/);
    engine.setAmount('narrativeFigures', 'nf1', 'amount', wan('40000.00'));
    expect(incomeChange(engine)).toMatch(/^2024年部门收入预算总额比2023年预算增加7,881\.17万元，增长19\.70%，主要原因是：/);
    engine.setAmount('narrativeFigures', 'nf1', 'amount', wan('47881.17'));
    expect(incomeChange(engine, texts({ 'reason.income': '' }))).toBe('2024年部门收入预算总额与2023年预算持平');
    engine.setAmount('narrativeFigures', 'nf1', 'amount', wan('0'));
    expect(incomeChange(engine)).toMatch(/^2024年部门收入预算总额比2023年预算增加47,881\.17万元，主要原因是：/);
  });
});

describe('提示 checks of the narrative', () => {
  it('a change without a written reason: a placeholder and N-17', () => {
    const doc = generateNarrative(run(book), texts({ 'reason.sanGong.reception': '  ' }));
    expect(paragraph(doc, 'part3.sanGong.item.reception').text).toMatch(/无增减变动，主要原因是：【待填写：公务接待费增减变动的主要原因】。$/);
    expect(doc.failures).toEqual([
      {
        key: 'narrative:part3.sanGong.item.reception:missing:reason.sanGong.reception',
        ruleId: 'N-17',
        severity: '提示',
        name: '预算增减变动应说明原因',
        table: '第三部分：部门预算安排说明',
        row: '三、财政拨款“三公”经费支出情况 第3段',
        column: '公务接待费增减变动的主要原因',
      },
    ]);
  });

  it('a required field left empty: a placeholder in the text and N-18', () => {
    const doc = generateNarrative(run(book), texts({ 'performance.projects': undefined }));
    expect(paragraph(doc, 'part3.performance.count').text).toContain('本部门实行绩效管理的项目【待填写：实行绩效管理的项目个数】个（含基本支出');
    expect(doc.failures.map((f) => [f.ruleId, f.row, f.column])).toEqual([['N-18', '七、项目支出绩效目标情况 第1段', '实行绩效管理的项目个数']]);
  });

  it('a prior-year figure not entered: its placeholder instead of the change, no reason required', () => {
    const engine = run(withoutRecord(book, 'narrativeFigures', 'nf4'));
    const doc = generateNarrative(engine, texts({ 'reason.procurement': undefined }));
    const p = paragraph(doc, 'part3.procurement.text');
    expect(p.text).toMatch(/2024年政府采购预算总额【待填写：2023年政府采购预算总额】。$/);
    expect(p.segments.find((s) => s.kind === 'placeholder')).toMatchObject({
      missing: { kind: 'input', dataset: 'narrativeFigures', where: { item: '上年政府采购预算总额' } },
    });
    expect(doc.failures.map((f) => [f.ruleId, f.column])).toEqual([['N-18', '2023年政府采购预算总额']]);
  });

  it('an unfinished mark (XX) in an officer text: N-18', () => {
    const doc = generateNarrative(run(book), texts({ 'purpose.p03': '培养、引进XX名高层次人才' }));
    expect(doc.failures.map((f) => [f.ruleId, f.column, f.actual])).toEqual([['N-18', '高层次人才津贴经费的主要用途', 'XX']]);
  });

  it('an empty required multi-line field and a mark in one of its lines: N-18 at that paragraph', () => {
    const doc = generateNarrative(run(book), texts({ 'part1.staff': undefined, 'part1.organization': '第一段。\n内设XX个机构。' }));
    expect(paragraph(doc, 'part1.staff.text').text).toBe('【待填写：部门人员构成（每行一段）】');
    expect(doc.failures.map((f) => [f.ruleId, f.row, f.actual])).toEqual([
      ['N-18', '二、部门机构设置 第2段', 'XX'],
      ['N-18', '四、部门人员构成 第1段', undefined],
    ]);
  });

  it('a count typed as words: N-19', () => {
    const doc = generateNarrative(run(book), texts({ 'assets.vehicles': '四' }));
    expect(doc.failures.map((f) => [f.ruleId, f.column, f.expected, f.actual])).toEqual([['N-19', '车辆数（辆）', '不带小数的非负整数', '四']]);
  });

  it('an overridden figure is printed as typed, and flagged once the table no longer says the same', () => {
    const engine = run(book);
    const purchase = (doc: NarrativeDoc) =>
      paragraph(doc, 'part4.assets.text').segments.find((s): s is Extract<Segment, { kind: 'figure' }> => s.kind === 'figure' && s.generated === '6.00');
    const key = purchase(generateNarrative(engine))!.overrideKey;
    // The published text says 6万元: the same figure as 表10's 6.00, so no 提示.
    let doc = generateNarrative(engine, texts({ [key]: '6' }));
    expect(paragraph(doc, 'part4.assets.text').text).toContain('拟购置固定资产6万元');
    expect(purchase(doc)).toMatchObject({ overridden: true, matches: true, text: '6' });
    expect(doc.failures).toEqual([]);
    // 办公设备购置 (b022) becomes 8.00: the typed 6 no longer matches.
    engine.setAmount('basic', 'b022', 'gpb', wan('8.00'));
    doc = generateNarrative(engine, texts({ [key]: '6' }));
    expect(paragraph(doc, 'part4.assets.text').text).toContain('拟购置固定资产6万元');
    expect(doc.failures).toEqual([
      expect.objectContaining({
        ruleId: 'N-14',
        name: '拟购置固定资产应与表10资本性支出一致',
        row: '二、国有资产占有使用情况 第1段',
        column: '表10 2101501 行政运行 31002 办公设备购置 第1栏 本年支出合计',
        expected: '8.00',
        actual: '6',
        difference: '-2.00',
        differenceFen: -wan('2.00'),
      }),
    ]);
  });

  it('the published shares typed over the generated ones: 10% states 10.00, 0.01% is flagged (N-15: 金额和占比)', () => {
    const engine = run(book);
    const shares = paragraph(generateNarrative(engine), 'part4.keyProjects.text').segments.filter(
      (s): s is Extract<Segment, { kind: 'figure' }> => s.kind === 'figure' && s.value.format === 'percent',
    );
    const [administrative, talent] = [shares[12]!, shares[14]!];
    expect([administrative.generated, talent.generated]).toEqual(['10.00', '0.00']);
    const doc = generateNarrative(engine, texts({ [administrative.overrideKey]: '10%', [talent.overrideKey]: '0.01' }));
    expect(paragraph(doc, 'part4.keyProjects.text').text).toContain('金额0.36万元（占预算总支出0.01%）');
    expect(doc.failures.map((f) => [f.ruleId, f.expected, f.actual])).toEqual([['N-15', '0.00', '0.01']]);
  });

  it('an optional paragraph with an empty field is not printed and raises nothing', () => {
    const doc = generateNarrative(run(book), texts({ 'performance.keyProject': undefined }));
    expect(paragraph(doc, 'part3.performance.keyProject').printed).toBe(false);
    expect(narrativeText(doc)).not.toContain('经人代会审议通过');
    expect(doc.failures).toEqual([]);
  });

  it('merges into the checks panel after the engine failures', () => {
    const engine = run(book);
    const doc = generateNarrative(engine, texts({ 'assets.vehicles': '四', 'reason.running': undefined }));
    const merged = withNarrativeFailures(engine.failures(), doc);
    expect(merged.slice(0, engine.failures().length)).toEqual(engine.failures());
    expect(merged.slice(engine.failures().length).map((f) => f.ruleId)).toEqual(['N-17', 'N-19']);
    expect(withNarrativeSummary(engine.summary(), doc)).toEqual({ 强制: 0, 提示: engine.summary().提示 + 2 });
  });
});

describe('outputs', () => {
  const doc = generateNarrative(run(book));

  it('lines: part and section titles, then the printed paragraphs, for the chosen parts', () => {
    const lines = narrativeLines(doc, ['part4']);
    expect(lines.slice(0, 3)).toEqual([
      { kind: 'part', text: '第四部分：其他重要事项说明' },
      { kind: 'section', text: '一、机关（机构）运行经费说明' },
      { kind: 'paragraph', text: expect.stringMatching(/^2024年部门机关（机构）运行经费预算为246\.51万元/) },
    ]);
    expect(lines.filter((l) => l.kind === 'section')).toHaveLength(4);
    expect(lines.at(-1)).toEqual({ kind: 'paragraph', text: expect.stringMatching(/^17\. 支出经济分类科目：/) });
  });

  it('plain text: one line each', () => {
    const plain = narrativeText(doc, ['part3']).split('\n');
    expect(plain[0]).toBe('第三部分：部门预算安排说明');
    expect(plain).toHaveLength(1 + 7 + 17);
  });

  it('名词解释 is the template default until the officer edits it', () => {
    const terms = paragraph(doc, 'part4.glossary.terms.1').segments;
    expect(terms.map((s) => s.kind)).toEqual(['text', 'field']);
    expect(terms[1]).toMatchObject({ key: 'glossary', isDefault: true, multiline: true });
    const edited = generateNarrative(run(book), texts({ glossary: '一般公共预算：本部门的说明。\n\n新名词：说明。' }));
    expect(narrativeLines(edited, ['part4']).slice(-3).map((l) => l.text)).toEqual(['四、名词解释', '1. 一般公共预算：本部门的说明。', '2. 新名词：说明。']);
  });
});
