/**
 * Checks of a printed disclosure PDF against its tables (the published Guizhou document of tests/fixtures, or the
 * engine's table views): the figures of each table in order, and the 目录 against the pages its headings are on.
 */
import { expect } from 'vitest';
import { type PublishedTable, publishedGuizhou } from '../support/books';
import { squash } from './poppler';

export const published = publishedGuizhou().tables;

/** A table as the checks need it: its title and its cells (numbers are amounts, strings as printed). */
export type PrintedTable = Pick<PublishedTable, 'id' | 'title' | 'rows'>;

/** A fixture number as printed: two decimals, thousands separators (`47,881.17`, `0.00`). */
function printed(n: number): string {
  return n.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A printed figure: an amount (`47,881.17`, `0.00`, `2033.70`, `-25.43`) or a rate (`3.06%`, `-68.56%`). */
const FIGURE = /(?<![\d,.-])-?\d{1,3}(?:,\d{3})*(?:\d*)\.\d{2}%?(?![\d])/g;

/**
 * Each table's page run (from its title to the next table's, or to 第三部分) holds exactly the figures of that table,
 * in order: none missing, none twice, none extra (repeated header rows hold no figures).
 */
export function expectPublishedFigures(
  pages: readonly string[],
  tables: readonly PrintedTable[] = published,
  /** The heading that follows the last table. */
  next = '第三部分：部门预算安排说明',
): void {
  const text = pages.join('\n');
  const starts = tables.map((t) => text.indexOf(t.title));
  starts.forEach((at, i) => expect(at, `title of ${tables[i]!.id}`).toBeGreaterThan(starts[i - 1] ?? -1));
  const end = text.indexOf(next, starts.at(-1));
  tables.forEach((table, i) => {
    const run = text.slice(starts[i]!, starts[i + 1] ?? end);
    const expected = table.rows.flatMap((row) =>
      row.flatMap((cell) => (typeof cell === 'number' ? [printed(cell)] : new RegExp(`^${FIGURE.source}$`).test(cell) ? [cell] : [])),
    );
    expect([...run.matchAll(FIGURE)].map((m) => m[0]), table.id).toEqual(expected);
  });
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
