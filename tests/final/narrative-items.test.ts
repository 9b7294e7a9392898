/**
 * 五(三) of the 决算 narrative: the 年初预算 against the 决算 of 一般公共预算财政拨款, then one paragraph per 项 of 公开05表
 * with its completion rate and the officer's reason for a difference. The published paragraphs come from
 * tests/fixtures/guizhou-health-office-2023-final-narrative.json (final-accounts.md's template and the figures it
 * quotes from the seed; the seed's text itself is not available, and its reasons are elided there). The 年初预算数
 * are the example book's texts. Where the reference is wrong or prints amounts differently, DIFFERENCES says so.
 */
import { describe, expect, it } from 'vitest';
import type { BookFile } from '../../shared/book/schema';
import type { Paragraph } from '../../shared/narrative/document';
import { parseAmount, WAN_YUAN_2 } from '../../shared/money/money';
import { generateNarrative } from '../../shared/narrative/generate';
import { readJson, run } from '../support/books';

interface Published {
  readonly budget: { readonly published: string; readonly sumOfItems: string };
  readonly notGiven: readonly string[];
  readonly items: readonly { readonly code: string; readonly initial: string; readonly published: string }[];
}

interface Difference {
  readonly published: string;
  readonly generated: string;
  readonly why: string;
}

const published = readJson<Published>('tests/fixtures/guizhou-health-office-2023-final-narrative.json');
const book = readJson<BookFile>('examples/guizhou-health-office-2023-final.budget.json');

const A = 'A(): every generated amount has a thousands separator and two decimals (final-accounts.md §5.2 lists the seed’s unformatted ones)';
const DIFFERENCES: Readonly<Record<string, readonly Difference[]>> = {
  budget: [
    // Σ of the twelve 项's 年初预算: 18,169.78 (N-7); 14,250.23 / 18,169.78 = 78.428…% → 78.43%.
    { published: '年初预算为14,667.18万元', generated: '年初预算为18,169.78万元', why: 'N-7: the printed total is not the sum of the 项 listed below it (−3,502.60)' },
    { published: '完成年初预算的97.16%', generated: '完成年初预算的78.43%', why: 'N-7: the rate of the true total' },
  ],
  // 8.62 / 8.87 = 97.1815…% → 97.18%.
  '2080506': [{ published: '完成年初预算的97.19%', generated: '完成年初预算的97.18%', why: 'N-8: the seed’s rate is 0.01 point too high' }],
  // 6,364.39 / 5,186.82 = 122.7031…% → 122.70%.
  '2101101': [
    { published: '年初预算为5186.82万元', generated: '年初预算为5,186.82万元', why: A },
    { published: '完成年初预算的122.71%', generated: '完成年初预算的122.70%', why: 'N-8: the seed’s rate is 0.01 point too high' },
  ],
  '2101102': [{ published: '年初预算为9225.35万元', generated: '年初预算为9,225.35万元', why: A }],
  '2101103': [{ published: '年初预算为2640万元', generated: '年初预算为2,640.00万元', why: A }],
  // 39.91 / 43.13 = 92.5342…% → 92.53%.
  '2101502': [{ published: '完成年初预算的92.54%', generated: '完成年初预算的92.53%', why: 'N-8: the seed’s rate is 0.01 point too high' }],
};

function expected(id: string, text: string): string {
  let out = text;
  for (const d of DIFFERENCES[id] ?? []) {
    expect(out.split(d.published), `“${d.published}” appears once (${d.why})`).toHaveLength(2);
    out = out.replace(d.published, d.generated);
  }
  return out;
}

const REASON = '人员和政策调整。';
const reasons = Object.fromEntries(published.items.map((i) => [`reason.initial.${i.code}`, REASON]));
const general = (text: Record<string, string>): readonly Paragraph[] =>
  generateNarrative(run(book), text)
    .parts.find((p) => p.id === 'part3')!
    .sections.find((s) => s.id === 'general')!.paragraphs;

describe('五(三): each 项 of 公开05表 against its 年初预算', () => {
  const paragraphs = general({ ...book.text, ...reasons });
  const byCode = new Map(paragraphs.filter((p) => p.id.startsWith('part3.general.items.')).map((p) => [p.id.split('.').pop()!, p]));

  it('one paragraph per 项 with 决算 in 公开05表, in table order, keyed by its code', () => {
    expect([...byCode.keys()]).toEqual(['2080501', '2080505', '2080506', '2089999', '2101101', '2101102', '2101103', '2101501', '2101502', '2101505', '2101506', '2210201']);
  });

  it('the example book holds the 年初预算数 the reference gives', () => {
    const fen = (text: string | undefined) => parseAmount(text, WAN_YUAN_2);
    for (const i of published.items) expect(fen(book.text?.[`initial.${i.code}`]), i.code).toEqual(fen(i.initial));
    for (const code of published.notGiven) expect(book.text?.[`initial.${code}`]).toBeUndefined();
  });

  for (const item of published.items) {
    it(`${item.code}: the published paragraph`, () => {
      // Equal figures print no reason clause; otherwise the wording the comparison chose, then the officer's reason.
      const text = item.published.endsWith('：') ? item.published + REASON : item.published;
      expect(byCode.get(item.code)!.text).toBe(expected(item.code, text));
    });
  }

  it('a 项 whose 年初预算 the reference does not give asks for it, and so does the total', () => {
    for (const code of published.notGiven) expect(byCode.get(code)!.text).toContain(`年初预算数】万元，支出决算为`);
    // The total names the first 项 still missing, in table order.
    expect(paragraphs.find((p) => p.id === 'part3.general.budget')!.text).toBe(
      '（三）2023年度一般公共预算财政拨款支出年初预算为【待填写：行政运行（2101501）年初预算数】万元，支出决算为14,250.23万元，完成年初预算的【待填写：行政运行（2101501）年初预算数】%。其中：',
    );
  });

  it('the total: Σ of every 项’s 年初预算 against 公开05表 合计', () => {
    // The reference does not give the three missing 年初预算数, only their sum: 18,169.78 − 17,622.72 = 547.06 (N-7).
    // Any split of it gives the same total; this one is for the arithmetic, not from the reference.
    const rest = { 'initial.2101501': '499.06', 'initial.2101506': '0.00', 'initial.2210201': '48.00' };
    const budget = general({ ...book.text, ...reasons, ...rest }).find((p) => p.id === 'part3.general.budget')!;
    expect(budget.text).toBe(expected('budget', published.budget.published));
  });
});

describe('the comparison chooses the wording and asks for the reason', () => {
  const item = (text: Record<string, string>, code: string) => {
    const doc = generateNarrative(run(book), text);
    const paragraph = doc.parts.flatMap((p) => p.sections.flatMap((s) => s.paragraphs)).find((p) => p.id === `part3.general.items.${code}`)!;
    return { text: paragraph.text, failures: doc.failures.filter((f) => f.key.startsWith(`narrative:part3.general.items.${code}:`)) };
  };

  it('a difference without a reason prints a placeholder and raises N-17 naming the 项', () => {
    const { text, failures } = item(book.text ?? {}, '2080505');
    expect(text.endsWith('决算数大于预算数的主要原因是：【待填写：机关事业单位基本养老保险缴费支出（2080505）决算数与年初预算数差异的主要原因】。')).toBe(true);
    expect(failures.map((f) => [f.ruleId, f.severity, f.name, f.row, f.column])).toEqual([
      ['N-17', '提示', '决算数增减变动或与预算数的差异应说明原因', '五、一般公共预算财政拨款支出决算情况说明 第5段', '机关事业单位基本养老保险缴费支出（2080505）决算数与年初预算数差异的主要原因'],
    ]);
  });

  it('小于 below the budget, 大于 above it, no clause when equal, no rate when the budget is zero', () => {
    const at = (initial: string) => item({ 'initial.2080501': initial, 'reason.initial.2080501': '退休人员减少' }, '2080501');
    expect(at('7.22')).toMatchObject({ failures: [] });
    expect(at('7.22').text.endsWith('年初预算为7.22万元，支出决算为7.22万元，完成年初预算的100.00%。')).toBe(true);
    // 7.22 / 8.00 = 90.25%; 7.22 / 7.00 = 103.142…% → 103.14%.
    expect(at('8.00').text.endsWith('年初预算为8.00万元，支出决算为7.22万元，完成年初预算的90.25%。决算数小于预算数的主要原因是：退休人员减少。')).toBe(true);
    expect(at('7').text.endsWith('完成年初预算的103.14%。决算数大于预算数的主要原因是：退休人员减少。')).toBe(true);
    expect(at('0').text.endsWith('年初预算为0.00万元，支出决算为7.22万元，决算数大于预算数的主要原因是：退休人员减少。')).toBe(true);
  });
});
