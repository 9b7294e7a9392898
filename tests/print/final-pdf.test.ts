/**
 * The 决算 book's disclosure document as the command line prints it, read back with poppler: the cover, the 目录 and
 * the part headings are those of 《贵州省卫生项目管理办公室2023年度部门决算》 (final-accounts.md §0.2, §5.1: 第一部分
 * {单位名称}概况 … 第五部分 附件 with the 自评表), each 目录 number is the page its part starts on, and no title of
 * the budget document is printed anywhere.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPdfCommand } from '../../shared/cli/pdf-export';
import { type PublishedTable, readJson } from '../support/books';
import { pageTexts, squash } from './poppler';
import { expectPublishedFigures, firstPageWith, readToc } from './published';

const dir = mkdtempSync(path.join(tmpdir(), 'final-pdf-'));
const file = path.join(dir, '决算.pdf');
let pages: string[] = [];

const published = readJson<{ tables: PublishedTable[] }>('tests/fixtures/guizhou-health-office-2023-final.json').tables;

const PARTS = ['第一部分 贵州省卫生项目管理办公室概况', '第二部分 2023年度部门决算表', '第三部分 2023年度部门决算情况说明', '第四部分　名词解释', '第五部分 附件'];

beforeAll(async () => {
  const result = await runPdfCommand(['export', 'examples/guizhou-health-office-2023-final.budget.json', '--pdf', file]);
  expect(result.stderr).toBe('');
  expect(result).toMatchObject({ code: 0 });
  pages = pageTexts(file);
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the 决算 disclosure PDF', () => {
  it('has the 决算 cover title, the department on its own line', () => {
    const cover = pages[0]!.split('\n').map((l) => l.trim()).filter(Boolean);
    expect(cover.slice(0, 3)).toEqual(['贵州省卫生项目管理办公室', '2023年度部门决算', '贵州省卫生项目管理办公室']);
  });

  it('lists the five 决算 parts in its 目录, each with the page its heading is on', () => {
    const toc = readToc(pages[1]!);
    expect([...toc.keys()].filter((t) => t.startsWith('第'))).toEqual(PARTS.map(squash));
    for (const part of PARTS) expect(firstPageWith(pages, part), part).toBe(toc.get(squash(part)));
    expect(toc.get('一、收入支出决算总表')).toBe(toc.get(squash(PARTS[1]!)));
    expect(toc.get('一、项目支出绩效目标自评表（资金）')).toBe(toc.get(squash(PARTS[4]!)));
  });

  it('prints no title of the budget document', () => {
    expect(pages.join('\n')).not.toMatch(/部门预算公开|第二部分：|第五部分：/);
  });

  it('prints exactly the published figures of 公开01表–公开09表, table by table, in order', () => {
    // After the cover and the 目录, whose lines repeat the (undated) table titles.
    expectPublishedFigures(pages.slice(2), published.filter((t) => t.id.startsWith('公开')), PARTS[2]);
  });

  it('prints the 自评表 funds in 元 as the published form does: each line’s figures, in order', () => {
    const lines = pages.join('\n').split('\n');
    let at = -1;
    for (const [project, label, ...figures] of published.find((t) => t.id === '自评表-资金')!.rows) {
      at = lines.findIndex((l, i) => i > at && l.includes(String(project)) && l.includes(String(label)));
      expect(at, `${project} ${label}`).toBeGreaterThan(0);
      const printed = lines[at]!.slice(lines[at]!.indexOf(String(label)) + String(label).length).trim().split(/\s+/);
      expect(printed.map((p) => (p === '-' ? p : Number(p))), `${project} ${label}`).toEqual(figures);
    }
  });
});
