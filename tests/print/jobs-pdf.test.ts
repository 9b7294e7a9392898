/**
 * The document printed in many small jobs, as a large department is (here the Guizhou book with a tiny job size,
 * so that tables are cut into slices and parts into several print calls, two pages printing side by side): the
 * joined PDF has the same figures in the same order and a 目录 that still points at the right pages.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printBookPdf } from '../../shared/cli/pdf-export';
import { pageTexts, squash } from './poppler';
import { expectPublishedFigures, expectTocMatchesHeadings, readToc } from './published';

const dir = mkdtempSync(path.join(tmpdir(), 'budget-pdf-jobs-'));
const file = path.join(dir, 'jobs.pdf');
let pages: string[] = [];
let producedPages = 0;

beforeAll(async () => {
  const text = readFileSync('examples/guizhou-2024.budget.json', 'utf8');
  const result = await printBookPdf(text, { jobCells: 400, pages: 2, footer: '- {page} -' });
  writeFileSync(file, result.bytes);
  producedPages = result.pages;
  pages = pageTexts(file);
}, 240_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a document printed in many jobs', () => {
  it('has every table title and exactly the published figures of each table, in order', () => {
    expectPublishedFigures(pages);
  });

  it('numbers its 目录 with the pages where the headings are', () => {
    expectTocMatchesHeadings(pages, readToc(pages[1]!));
  });

  it('continues a table cut into slices under its repeated header rows', () => {
    // 表6 (149 rows × 3 columns) is cut into two slices; the second starts a page with the header again.
    const slicePages = pages.filter((t) => squash(t).includes('部门预算经济分类科目'));
    expect(slicePages.length).toBeGreaterThan(2);
  });

  it('numbers its pages in the chosen style', () => {
    expect(pages).toHaveLength(producedPages);
    pages.slice(1).forEach((text, i) => expect(text).toMatch(new RegExp(`-\\s*${i + 2}\\s*-`)));
  });
});
