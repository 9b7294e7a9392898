import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BookFile } from '../book/schema';
import { guizhouBook, type PublishedTable, readJson, run } from '../../tests/support/books';
import { generateNarrative } from '../narrative/generate';
import { buildPrintDocument, coverDate, coverLines, tocEntries } from './document';

/** The 目录 of the published document: the lines between `目 录` and the body's first part (a copy of the seed). */
function publishedToc(): string[] {
  const lines = readFileSync(new URL('../../tests/fixtures/guizhou-2024-disclosure.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((l) => l.replace(/^- /, '').trim())
    .filter(Boolean);
  const start = lines.indexOf('目 录') + 1;
  return lines.slice(start, lines.indexOf('第一部分：部门概况', start + 1));
}

describe('the print document of the Guizhou book', () => {
  const engine = run(guizhouBook());
  const doc = buildPrintDocument(engine, generateNarrative(engine), new Date(2024, 0, 15));

  it('has the published cover title, on the cover in two lines', () => {
    expect(doc.title).toBe('贵州省医疗保障局2024年部门预算公开信息');
    expect(coverLines(doc)).toEqual(['贵州省医疗保障局', '2024年部门预算公开信息']);
    expect(doc.department).toBe('贵州省医疗保障局');
    expect(doc.date).toBe('2024年1月');
  });

  it('lists in its 目录 exactly the published 目录, in order', () => {
    expect(tocEntries(doc).map((e) => e.title)).toEqual(publishedToc());
  });

  it('has the five parts in order, with the 14 tables in the second', () => {
    expect(doc.parts.map((p) => p.entry.title)).toEqual([
      '第一部分：部门概况',
      '第二部分：部门预算公开报表',
      '第三部分：部门预算安排说明',
      '第四部分：其他重要事项说明',
      '第五部分：附件',
    ]);
    const tables = doc.parts[1]!.content.flatMap((c) => (c.kind === 'table' ? [c.view.caption] : []));
    expect(tables).toEqual(Array.from({ length: 14 }, (_, i) => `表${i + 1}`));
  });

  it('heads a table with its printed title and lists it under its 目录 name', () => {
    const t3 = doc.parts[1]!.content[2]!;
    expect(t3.kind === 'table' && [t3.entry.title, t3.entry.heading]).toEqual(['三、部门支出预算总表', '2024年部门支出预算总表']);
  });

  it('prints the officer’s texts of 第一部分, one paragraph a line', () => {
    const functions = doc.parts[0]!.content[0]!;
    expect(functions.kind === 'section' && functions.paragraphs[0]).toBe('贵州省医疗保障局的主要职能是：');
    expect(functions.kind === 'section' && functions.paragraphs[1]).toMatch(/^（一）贯彻执行国家医疗保障法律法规/);
  });
});

describe('第五部分 附件', () => {
  const annexOf = (text: Record<string, string>) => {
    const file = guizhouBook();
    file.text = { ...file.text, ...text };
    const engine = run(file);
    const part = buildPrintDocument(engine, generateNarrative(engine), new Date(2024, 0, 15)).parts.find((p) => p.entry.id === 'part5')!;
    return part.content.flatMap((c) => (c.kind === 'text' ? c.paragraphs : []));
  };

  it('prints the officer’s 附件 text one paragraph a line, or 无。 when there is none', () => {
    expect(annexOf({ annex: '城乡医疗救助资金项目情况说明\n\n一、项目概述' })).toEqual(['城乡医疗救助资金项目情况说明', '一、项目概述']);
    expect(annexOf({ annex: '' })).toEqual(['无。']);
  });
});

/**
 * 《贵州省卫生项目管理办公室2023年度部门决算》: its five parts as final-accounts.md §0.2/§5.1 lists them, the 公开表 of
 * 第二部分 headed by their published titles (tests/fixtures), the 自评表 in 第五部分 附件.
 */
describe('the print document of the 决算 book', () => {
  const engine = run(readJson<BookFile>('examples/guizhou-health-office-2023-final.budget.json'));
  const doc = buildPrintDocument(engine, generateNarrative(engine), new Date(2024, 4, 20));
  const published = readJson<{ tables: PublishedTable[] }>('tests/fixtures/guizhou-health-office-2023-final.json').tables;
  const tablesOf = (i: number) => doc.parts[i]!.content.flatMap((c) => (c.kind === 'table' ? [c] : []));

  it('has the 决算 cover title, department first', () => {
    expect(doc.title).toBe('贵州省卫生项目管理办公室2023年度部门决算');
    expect(coverLines(doc)).toEqual(['贵州省卫生项目管理办公室', '2023年度部门决算']);
  });

  it('has the five parts of the 决算 document, in order', () => {
    expect(doc.parts.map((p) => p.entry.title)).toEqual([
      '第一部分 贵州省卫生项目管理办公室概况',
      '第二部分 2023年度部门决算表',
      '第三部分 2023年度部门决算情况说明',
      '第四部分　名词解释',
      '第五部分 附件',
    ]);
  });

  it('prints 公开01表–公开09表 in 第二部分 under their published titles, numbered from 一 in the 目录', () => {
    const tables = tablesOf(1);
    expect(tables.map((t) => t.view.caption)).toEqual(Array.from({ length: 9 }, (_, i) => `公开0${i + 1}表`));
    expect(tables.map((t) => t.entry.heading)).toEqual(published.slice(0, 9).map((t) => t.title));
    expect(tables[0]!.entry.title).toBe('一、收入支出决算总表');
    expect(tables[8]!.entry.title).toBe('九、财政拨款“三公”经费支出决算表');
  });

  it('prints the 项目支出绩效目标自评表 in 第五部分 附件', () => {
    expect(tablesOf(4).map((t) => t.view.caption)).toEqual(['自评表-资金', '自评表-指标', '自评表-概况']);
    expect(tocEntries(doc).at(-3)!.title).toBe('一、项目支出绩效目标自评表（资金）');
  });
});

describe('coverDate', () => {
  it('writes year and month', () => {
    expect(coverDate(new Date(2025, 10, 26))).toBe('2025年11月');
  });
});
