/**
 * The Guizhou 2024 narrative, generated from the reference book (its tables, prior-year figures and the officer's
 * texts copied from the published document), compared paragraph by paragraph with the published text cut from
 * tests/fixtures/guizhou-2024-disclosure.txt. Where the published text is wrong, the difference is listed below
 * with its reason; everywhere else the words are the same.
 */
import { describe, expect, it } from 'vitest';
import { generateNarrative } from '../shared/narrative/generate';
import { publishedParagraphs } from './support/disclosure';
import { guizhouBook, run } from './support/books';

interface Difference {
  /** The published words, found exactly once in the published paragraph. */
  readonly published: string;
  readonly generated: string;
  readonly why: string;
}

const A = 'A(): every generated amount has a thousands separator and two decimals (tables.md §4.2)';
const AS_IN_TABLE11 = 'a project is named as 表11 prints it; the published text retyped the name with other punctuation';

const DIFFERENCES: Readonly<Record<string, readonly Difference[]>> = {
  'part3.projects.large': [
    {
      published:
        '分别是离休人员及遗孀医疗补助资金2033.70万元、中央财政医疗服务与保障能力提升补助资金3785万元、省级政务信息系统运维经费5147.96万元、行政单位医疗4789万元、事业单位医疗5269.16万元、占比',
      // The seven projects of N-9 (tables.md §3.3), merged by name across units, in 表11 order.
      generated:
        '分别是离休人员及遗孀医疗补助资金2,033.70万元、省级政务信息系统运维经费(第二批)1,702.81万元、政务信息系统运维3,422.98万元、中央财政医疗服务与保障能力提升补助资金3,785.00万元、财政对职工基本医疗保险基金的补助24,027.84万元、事业单位医疗5,269.16万元、行政单位医疗4,789.00万元；占比',
      why:
        'N-9: the published sentence counts 7 projects of ≥ 500万元 but names 6 (three IT projects merged into 5147.96, which pulls in the 22.17 one below 500, and the ≥ 20% one left out); the app lists all 7, then the ≥ 20% clause',
    },
    { published: '财政对职工基本医疗保险基金的补助24027.84万元', generated: '财政对职工基本医疗保险基金的补助24,027.84万元', why: A },
  ],
  'part3.performance.count': [{ published: '涉及预算资金47881.17万元', generated: '涉及预算资金47,881.17万元', why: A }],
  'part4.assets.text': [{ published: '拟购置固定资产6万元', generated: '拟购置固定资产6.00万元', why: A }],
  'part4.keyProjects.text': [
    { published: '省级政务信息系统运维经费（第二批）', generated: '省级政务信息系统运维经费(第二批)', why: AS_IN_TABLE11 },
    { published: '药品、医用耗材集中采购，新增', generated: '药品、医用耗材集中采购,新增', why: AS_IN_TABLE11 },
    { published: '（占预算总支出10%）', generated: '（占预算总支出10.00%）', why: 'N-16: P() prints two decimals (4,789.00 / 47,881.17 = 10.0018%)' },
    { published: '（占预算总支出0.01%）', generated: '（占预算总支出0.00%）', why: 'N-16: 0.36 / 47,881.17 = 0.00075%, which rounds to 0.00%, not 0.01%' },
  ],
};

const doc = generateNarrative(run(guizhouBook()));

describe('Guizhou 2024 narrative equals the published text', () => {
  for (const part of doc.parts) {
    for (const section of part.sections) {
      describe(`${part.title} ${section.title}`, () => {
        const published = publishedParagraphs(part.title, section.title);
        const printed = section.paragraphs.filter((p) => p.printed);

        it('has as many paragraphs as the published section', () => {
          expect(printed.map((p) => p.id)).toHaveLength(published.length);
        });

        printed.forEach((paragraph, i) => {
          it(`${paragraph.id}`, () => {
            let expected = published[i] ?? '';
            for (const d of DIFFERENCES[paragraph.id] ?? []) {
              expect(expected.split(d.published), `“${d.published}” appears once (${d.why})`).toHaveLength(2);
              expected = expected.replace(d.published, d.generated);
            }
            expect(paragraph.text).toBe(expected);
          });
        });
      });
    }
  }

  it('every listed difference belongs to a generated paragraph', () => {
    const ids = new Set(doc.parts.flatMap((p) => p.sections.flatMap((s) => s.paragraphs.map((x) => x.id))));
    expect(Object.keys(DIFFERENCES).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('covers 第一部分, 第三部分 (7 sections) and 第四部分 (4 sections)', () => {
    expect(doc.parts.map((p) => [p.title, p.sections.length])).toEqual([
      ['第一部分：部门概况', 4],
      ['第三部分：部门预算安排说明', 7],
      ['第四部分：其他重要事项说明', 4],
    ]);
  });

  it('raises no 提示 for the complete reference book', () => {
    expect(doc.failures).toEqual([]);
  });
});
