/**
 * Checks of a printed disclosure PDF against the published Guizhou document (tests/fixtures): its figures in table
 * order, and its 目录 against the pages its headings are on.
 */
import { expect } from 'vitest';
import { publishedGuizhou } from '../support/books';
import { squash } from './poppler';

export const published = publishedGuizhou().tables;

/** A fixture number as printed: two decimals, thousands separators (`47,881.17`, `0.00`). */
function printed(n: number): string {
  return n.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Every table title and every published figure (amounts and rates) occur in `text` in the published order. */
export function expectPublishedFiguresInOrder(text: string): void {
  let at = 0;
  const find = (token: string, where: string) => {
    // A figure stands alone: 0.00 must not be found inside 10.00.
    const re = new RegExp(`(?<![\\d,.])${token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\d])`, 'g');
    re.lastIndex = at;
    const m = re.exec(text);
    expect(m, `${where}: “${token}” after position ${at}`).not.toBeNull();
    at = m!.index + token.length;
  };
  for (const table of published) {
    const title = text.indexOf(table.title, at);
    expect(title, `title of ${table.id}`).toBeGreaterThanOrEqual(0);
    at = title + table.title.length;
    table.rows.forEach((row, r) =>
      row.forEach((cell) => {
        if (typeof cell === 'number') find(printed(cell), `${table.id} row ${r + 1}`);
        else if (/^\d+(\.\d+)?%$/.test(cell)) find(cell, `${table.id} row ${r + 1}`);
      }),
    );
  }
}

/** The 目录 as printed on its page: each line's title (spaces removed) and page number (the leader is drawn, not text). */
export function readToc(text: string): Map<string, number> {
  return new Map(
    text.split('\n').flatMap((l) => {
      const m = /^\s*(\S.*?)\s+(\d+)\s*$/.exec(l);
      return m ? [[squash(m[1]!), Number(m[2])] as const] : [];
    }),
  );
}

/** The first page after the cover and the 目录 (pages 1–2) whose text holds `heading`; 0 when none does. */
export function firstPageWith(pages: readonly string[], heading: string): number {
  return pages.findIndex((text, i) => i >= 2 && squash(text).includes(squash(heading))) + 1;
}

const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四'];

/** Each 目录 line's number is the first page showing its heading (a table's page shows its full, dated title). */
export function expectTocMatchesHeadings(pages: readonly string[], toc: ReadonlyMap<string, number>): void {
  const tableTitles = new Map(published.map((t, i) => [squash(`${ORDINALS[i]}、${t.title.replace(/^2024年/, '')}`), t.title]));
  expect(toc.size).toBe(34);
  for (const [title, page] of toc) expect(firstPageWith(pages, tableTitles.get(title) ?? title), title).toBe(page);
}
