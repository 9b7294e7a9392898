import { describe, expect, it } from 'vitest';
import type { BookFile } from '../book/schema';
import { guizhouBook, load, readJson } from '../../tests/support/books';
import { documentOutline } from './outline';

const finalBook = () => readJson<BookFile>('examples/guizhou-health-office-2023-final.budget.json');

describe('the outline of a book’s document, from its template', () => {
  it('budget: the published cover title and five parts; the tables part holds every table in template order', () => {
    const outline = documentOutline(load(guizhouBook()));
    expect(outline.title).toBe('贵州省医疗保障局2024年部门预算公开信息');
    expect(outline.parts).toEqual([
      { kind: 'narrative', id: 'part1', title: '第一部分：部门概况' },
      { kind: 'tables', id: 'part2', title: '第二部分：部门预算公开报表', tables: Array.from({ length: 14 }, (_, i) => `T${i + 1}`) },
      { kind: 'narrative', id: 'part3', title: '第三部分：部门预算安排说明' },
      { kind: 'narrative', id: 'part4', title: '第四部分：其他重要事项说明' },
      { kind: 'text', id: 'part5', title: '第五部分：附件', key: 'annex', empty: '无。' },
    ]);
  });

  // final-accounts.md §0.2 and §5.1: 《贵州省卫生项目管理办公室2023年度部门决算》, its five parts, the 自评表 in 附件.
  it('决算: its own cover title and parts, titles filled with the department and the year', () => {
    const outline = documentOutline(load(finalBook()));
    expect(outline.title).toBe('贵州省卫生项目管理办公室2023年度部门决算');
    expect(outline.parts.map((p) => [p.kind, p.title])).toEqual([
      ['narrative', '第一部分 贵州省卫生项目管理办公室概况'],
      ['tables', '第二部分 2023年度部门决算表'],
      ['narrative', '第三部分 2023年度部门决算情况说明'],
      ['narrative', '第四部分　名词解释'],
      ['tables', '第五部分 附件'],
    ]);
    expect(outline.parts[1]).toMatchObject({ tables: ['G01', 'G02', 'G03', 'G04', 'G05', 'G06', 'G07', 'G08', 'G09'] });
    expect(outline.parts[4]).toMatchObject({ tables: ['EvalFunds', 'EvalIndicators', 'EvalForms'] });
  });

  it('fills the titles for the book it is asked for', () => {
    const file = finalBook();
    file.department = { ...file.department, name: '某某中心' };
    const outline = documentOutline(load(file));
    expect(outline.title).toBe('某某中心2023年度部门决算');
    expect(outline.parts[0]!.title).toBe('第一部分 某某中心概况');
  });
});
