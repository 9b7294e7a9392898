/**
 * A generated department (3× the reference: 6 units, 600 lines) printed with small jobs, so that 表10, 表11 and 表14
 * are each cut into several slices: the PDF holds exactly the figures of the engine's table views (the same views
 * the editor and the workbook show), none lost and none printed twice where a slice's last page was dropped and the
 * next slice started over; the pages of a cut table are all full but its last; the 目录 still points right.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printBookPdf } from '../../shared/cli/pdf-export';
import { allViews } from '../../shared/engine/view';
import { generateBook, scaleOptions } from '../bench/generate';
import { run } from '../support/books';
import { pageTexts, squash } from './poppler';
import { expectPublishedFigures, type PrintedTable, readToc } from './published';

const book = generateBook(scaleOptions(3, 7));
const tables: PrintedTable[] = allViews(run(book)).map((v) => ({
  id: v.caption,
  title: v.title,
  rows: v.rows.map((r) => r.cells.map((c) => (c.kind === 'blank' ? '' : c.text))),
}));
const dir = mkdtempSync(path.join(tmpdir(), 'budget-pdf-large-'));
let pages: string[] = [];

beforeAll(async () => {
  const result = await printBookPdf(JSON.stringify(book), { jobCells: 3000 });
  const file = path.join(dir, 'large.pdf');
  writeFileSync(file, result.bytes);
  pages = pageTexts(file);
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a larger department printed in cut tables', () => {
  it('is large enough to cut 表11 into several slices', () => {
    const t11 = tables[10]!;
    expect(t11.rows.length * 18).toBeGreaterThan(2 * 3000);
  });

  it('holds exactly the figures of every table view, in order', () => {
    expectPublishedFigures(pages, tables);
  });

  it('fills every page of 表11 to the foot but its last: no half-empty page where a slice ends', () => {
    const toc = readToc(pages[1]!);
    const from = toc.get('十一、项目支出预算总表')!;
    const to = toc.get('十二、部门政府采购预算表')!;
    // A full landscape page of 表11 holds well over 20 rows; a row is a line of pdftotext's layout output.
    for (let p = from; p < to - 1; p++) {
      const rows = pages[p - 1]!.split('\n').filter((l) => /\d\.\d\d\s*$/.test(l)).length;
      expect(rows, `page ${p}`).toBeGreaterThan(20);
    }
    expect(squash(pages[to - 2]!)).toContain('注：保留两位小数。');
  });
});
