/**
 * The Guizhou book's disclosure document as the command line prints it (`export FILE --pdf OUT.pdf`, the system
 * Chromium through playwright-core), read back with poppler as a reader would: every table's title and every
 * published figure in table order, embedded bundled fonts, a 目录 whose numbers are the pages its headings are on,
 * page numbers, orientation, repeated headers and notes kept under their tables.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPdfCommand } from '../../shared/cli/pdf-export';
import { fonts, pageSizes, pageTexts, squash } from './poppler';
import { expectPublishedFigures, expectTocMatchesHeadings, firstPageWith, readToc } from './published';
const dir = mkdtempSync(path.join(tmpdir(), 'budget-pdf-'));
const file = path.join(dir, '公开文件.pdf');
let pages: string[] = [];
let toc: Map<string, number>;

/** The first page after the 目录 whose text holds `heading` (1-based), or 0. */
const firstPage = (heading: string) => firstPageWith(pages, heading);

beforeAll(async () => {
  const result = await runPdfCommand(['export', 'examples/guizhou-2024.budget.json', '--pdf', file]);
  expect(result.stderr).toBe('');
  expect(result).toMatchObject({ code: 0 });
  pages = pageTexts(file);
  toc = readToc(pages[1]!);
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the Guizhou disclosure PDF', () => {
  it('has every table title and exactly the published figures of each table, in order', () => {
    expectPublishedFigures(pages);
  });

  it('embeds every font, and they are the bundled Noto fonts as CID TrueType (no Type 3)', () => {
    const list = fonts(file);
    expect(list.length).toBeGreaterThan(0);
    for (const f of list) {
      expect(f, f.name).toMatchObject({ embedded: true, type: 'CID TrueType' });
      expect(f.name).toMatch(/^[A-Z]{6}\+Noto(Serif|Sans)SC/);
    }
  });

  it('prints the published 目录 with a page number for every line', () => {
    const titles = [...toc.keys()];
    expect(titles[0]).toBe('第一部分：部门概况');
    expect(titles).toContain('十四、项目支出绩效目标表');
    expect(titles.at(-1)).toBe('第五部分：附件');
    expect(titles).toHaveLength(34);
  });

  it('numbers the 目录 with the pages where the parts, sections and tables start', () => {
    expectTocMatchesHeadings(pages, toc);
  });

  it('numbers every page but the cover: 第 X 页 / 共 Y 页', () => {
    expect(squash(pages[0]!)).not.toMatch(/第\d+页/);
    pages.slice(1).forEach((text, i) => expect(squash(text)).toContain(`第${i + 2}页/共${pages.length}页`));
  });

  it('prints wide tables on landscape pages and the others on portrait ones', () => {
    const sizes = pageSizes(file);
    const landscape = (title: string) => {
      const [w, h] = sizes[firstPage(title) - 1]!;
      return w > h;
    };
    expect(landscape('2024年部门收支预算总表')).toBe(false);
    expect(landscape('2024年部门收入预算总表')).toBe(true);
    expect(landscape('2024年基本支出预算总表')).toBe(true);
    expect(landscape('2024年一般公共预算基本支出明细表（按经济分类）')).toBe(false);
  });

  it('repeats the header rows with the 栏次 row on every page of a long table', () => {
    const from = toc.get('十、基本支出预算总表')!;
    const to = toc.get('十一、项目支出预算总表')!;
    expect(to - from).toBeGreaterThan(1);
    for (let p = from; p < to; p++) {
      expect(squash(pages[p - 1]!), `page ${p}`).toContain('栏次');
      expect(squash(pages[p - 1]!), `page ${p}`).toContain('功能分类科目');
    }
  });

  it('prints an empty table with its note', () => {
    const page = squash(pages[toc.get('七、政府性基金预算支出表')! - 1]!);
    expect(page).toContain('2024年政府性基金预算支出表');
    expect(page).toContain(squash('2. 本部门无政府性基金预算，本表为空表列示。'));
  });

  it('never leaves a note alone at the top of a page', () => {
    pages.forEach((text, i) => expect(text.trim().startsWith('注：'), `page ${i + 1}`).toBe(false));
  });

  it('prints the narrative: 第一部分 from the book, 第三部分 generated from the tables', () => {
    const text = squash(pages.join(''));
    expect(text).toContain(squash('贵州省医疗保障局的主要职能是：'));
    expect(text).toContain(squash('2024年部门收入预算总额47,881.17万元，其中：本年收入46,156.15万元，上年结转结余1,725.02万元。'));
    expect(text).toContain(squash('17. 支出经济分类科目：分为类、款'));
  });
});
