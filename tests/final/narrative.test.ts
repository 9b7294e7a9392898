/**
 * The 决算 narrative (templates/guizhou-final-2023/narrative.json) written for the reference book. Expected sentences
 * are final-accounts.md §5.2's templates with the published figures (its seed quotes where it gives them); rates
 * are hand arithmetic on the printed figures, so 十(一) says 1.63% where the seed printed 1.64% (N-13).
 */
import { describe, expect, it } from 'vitest';
import type { BookFile } from '../../shared/book/schema';
import { generateNarrative } from '../../shared/narrative/generate';
import { readJson, run } from '../support/books';

const book = readJson<BookFile>('examples/guizhou-health-office-2023-final.budget.json');
const REASONS = {
  'reason.total': '退休老干人员有所减少',
  'reason.fiscal': '公费医疗费用减少',
  'reason.general': '医疗保障经办事务增加',
  'reason.sanGong': '接待检查工作增加',
  'reason.running': '厉行节约',
};

describe('the 决算 narrative of the reference book', () => {
  const doc = generateNarrative(run(book), REASONS);
  const section = (part: string, id: string) => doc.parts.find((p) => p.id === part)!.sections.find((s) => s.id === id)!;
  const texts = (part: string, id: string) => section(part, id).paragraphs.map((p) => p.text);

  it('titles its parts with the unit and the year', () => {
    expect(doc.parts.map((p) => p.title)).toEqual(['第一部分 贵州省卫生项目管理办公室概况', '第三部分 2023年度部门决算情况说明', '第四部分　名词解释']);
  });

  it('一 to 四: totals, parts with their shares, and the change against {prev}', () => {
    // 577.07 / (17,912.75 − (−577.07)) = 577.07 / 18,489.82 = 3.1210% → 3.12% (N-1).
    expect(texts('part3', 'total')).toEqual(['2023年度收、支总计均为17,912.75万元，与2022年度相比，收、支总计各减少577.07万元，下降3.12%，主要原因是：退休老干人员有所减少。']);
    expect(texts('part3', 'income')).toEqual([
      '2023年度本年收入合计12,366.72万元，其中：财政拨款收入12,308.79万元，占99.53%；上级补助收入0.00万元，占0.00%；事业收入0.00万元，占0.00%；经营收入0.00万元，占0.00%；附属单位上缴收入0.00万元，占0.00%；其他收入57.93万元，占0.47%。',
    ]);
    // 648.29 / 14,250.23 = 4.549…% → 4.55%; 13,601.95 / 14,250.23 = 95.450…% → 95.45%.
    expect(texts('part3', 'expense')).toEqual([
      '2023年度本年支出合计14,250.23万元，其中：基本支出648.29万元，占4.55%；项目支出13,601.95万元，占95.45%；上缴上级支出0.00万元，占0.00%；经营支出0.00万元，占0.00%；对附属单位补助支出0.00万元，占0.00%。',
    ]);
    // 635 / 17,942.85 = 3.5390% → 3.54% (N-4).
    expect(texts('part3', 'fiscal')).toEqual(['2023年度财政拨款收、支总计均为17,307.85万元。与2022年度相比，收、支总计各减少635.00万元，下降3.54%，主要原因是：公费医疗费用减少。']);
  });

  it('五: the total against 本年支出合计 and {prev}, then each 类 of 公开05表 with its share', () => {
    // 1,334.87 / 12,915.36 = 10.3355% → 10.34%; 357.80 / 14,250.23 = 2.51%, 13,844.54 → 97.15%, 47.89 → 0.34% (N-5, N-6).
    // （三）, the 年初预算 of each 项, is tested in narrative-items.test.ts.
    expect(texts('part3', 'general').slice(0, 2)).toEqual([
      '（一）2023年度一般公共预算财政拨款支出14,250.23万元，占本年支出合计的100.00%。与2022年度相比，增加1,334.87万元，增长10.34%，主要原因是：医疗保障经办事务增加。',
      '（二）2023年度一般公共预算财政拨款支出主要用于以下方面：社会保障和就业支出（类）357.80万元，占2.51%；卫生健康支出（类）13,844.54万元，占97.15%；住房保障支出（类）47.89万元，占0.34%。',
    ]);
  });

  it('六: 人员经费 and 公用经费 with the non-zero 款 of 公开06表, in table order, without amounts', () => {
    expect(texts('part3', 'basic')).toEqual([
      '2023年度一般公共预算财政拨款基本支出648.29万元，其中：',
      '（一）人员经费571.14万元，主要包括：基本工资、津贴补贴、奖金、机关事业单位基本养老保险缴费、职业年金缴费、职工基本医疗保险缴费、公务员医疗补助缴费、其他社会保障缴费、住房公积金、退休费。',
      '（二）公用经费77.14万元，主要包括：办公费、邮电费、差旅费、公务接待费、工会经费、福利费、其他交通费用、其他商品和服务支出。',
    ]);
  });

  it('九 and 十: 三公 预算 against 决算 and 上年, 机关运行经费 against {prev}', () => {
    // 0.46 / 0.46 = 100.00%; 0.46 − 0.12 = 0.34 (N-11). 1.28 / 78.42 = 1.6322% → 1.63% (N-13). 九(二) and the rest of 十
    // are tested in narrative-other.test.ts.
    // Worded as final-accounts.md §5.2 九(一): `…；较上年增加A万元。决算数较上年增加的主要原因是：{free}`.
    expect(texts('part3', 'sanGong').slice(0, 1)).toEqual([
      '（一）2023年度“三公”经费财政拨款支出预算为0.46万元，支出决算为0.46万元，完成预算的100.00%；较上年增加0.34万元。决算数较上年增加的主要原因是：接待检查工作增加。',
    ]);
    expect(texts('part3', 'other')[0]).toBe('（一）2023年度机关运行经费支出77.14万元。与2022年度相比，减少1.28万元，下降1.63%，主要原因是：厉行节约。');
  });

  it('第四部分: the sixteen 决算 terms, verbatim', () => {
    const terms = texts('part4', 'glossary');
    expect(terms).toHaveLength(16);
    expect(terms[0]).toBe('一、财政拨款收入：指同级财政当年拨付的资金。');
    expect(terms[8]).toBe('九、结余分配：指事业单位按照会计制度规定缴纳的所得税、提取的专用结余以及转入非财政拨款结余的金额等。');
    expect(terms[15]!.startsWith('十六、机关运行经费：为保障行政单位（含参照公务员法管理的事业单位）运行')).toBe(true);
  });

  it('asks for what the officer has not written: 第一部分, each reason for a change, each 项’s 年初预算数', () => {
    const count = (d: typeof doc) => Object.fromEntries(['N-17', 'N-18'].map((r) => [r, d.failures.filter((f) => f.ruleId === r).length]));
    // N-18: 部门职责 and 机构设置, the 年初预算数 of the twelve 项 of 公开05表 and of their total (see narrative-items.test.ts),
    // and the typed values of narrative-other.test.ts: 九(二) 3 {prev} 决算 + 4 counts + 7 接待 figures, 十(二) 6 amounts,
    // 十(三) 10 counts, 十一 覆盖率 and 附件.
    const typed = 14 + 6 + 10 + 2;
    expect(count(generateNarrative(run(book), {}))).toEqual({ 'N-17': 5, 'N-18': 2 + 12 + 1 + typed });
    expect(count(doc)).toEqual({ 'N-17': 0, 'N-18': 2 + 12 + 1 + typed });
  });
});
