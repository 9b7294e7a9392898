/**
 * How the document is cut into print calls. One Chromium print call of a very large department needs more memory
 * than an office PC has, and a table of 20,000 rows cannot be printed in one call at all (notes/performance.md), so
 * the body is printed in jobs of bounded size: small parts and tables share a job, a large table is cut into row
 * slices. The front matter (cover and 目录) is a job of its own, printed last, once every page number is known.
 *
 * A slice rarely ends at the foot of a page. So that a long table does not show a half-empty page at every cut, the
 * last rows of a slice carry row markers (links.ts): the slice's part-filled last page is dropped, and the next
 * slice starts with the first row of that page. A later slice therefore waits for the one before it.
 */
import type { TableView } from '../engine/view';
import { type PrintDocument, type TocEntry, tocEntries } from './document';

export type JobBlock =
  | { readonly kind: 'part'; readonly entry: TocEntry }
  | { readonly kind: 'section'; readonly entry: TocEntry; readonly paragraphs: readonly string[] }
  | { readonly kind: 'text'; readonly paragraphs: readonly string[] }
  /**
   * Rows [from, to) of a table. The first slice prints the table's heading lines; later slices continue it on new
   * pages under the repeated header rows. The last prints the notes. Rows from `markFrom` on carry row markers
   * (`to` when none do: the last slice, and a table printed whole).
   */
  | {
      readonly kind: 'table';
      readonly entry: TocEntry;
      readonly view: TableView;
      readonly from: number;
      readonly to: number;
      readonly markFrom: number;
    };

export interface ContentJob {
  readonly blocks: readonly JobBlock[];
  /** The 目录 entries whose headings this job prints, in document order. */
  readonly entries: readonly TocEntry[];
  /** Cells laid out (a paragraph counts a cell per 20 characters): the job's cost, for batching and progress. */
  readonly weight: number;
}

/** What the side driving the print calls needs to know of a job (plain data: it crosses into Node). */
export interface JobInfo {
  readonly entries: readonly string[];
  readonly weight: number;
  /** The job continues a table cut in the job before: it starts where that job's kept pages end. */
  readonly continues: boolean;
  /** The job ends in a cut table: its rows from this one on carry markers, and its part-filled last page goes. */
  readonly markFrom: number | null;
}

export interface PlanInfo {
  readonly title: string;
  readonly department: string;
  readonly toc: readonly TocEntry[];
  readonly jobs: readonly JobInfo[];
}

/**
 * A job's size limit in cells. About 12,000 cells (660 rows of an 18-column table, some 50 landscape pages) print
 * in about 1.5 s with the renderer under 0.6 GB; larger calls grow slower than linearly.
 */
export const JOB_CELLS = 12_000;

const CHARS_PER_CELL = 20;

/** Rows marked at the end of a slice: more than any page holds (a landscape page takes about 40 one-line rows). */
export const MARKED_ROWS = 150;

export function blockWeight(block: JobBlock): number {
  switch (block.kind) {
    case 'part':
      return 1;
    case 'section':
    case 'text':
      return 1 + Math.ceil(block.paragraphs.reduce((n, p) => n + p.length, 0) / CHARS_PER_CELL);
    case 'table':
      return Math.max(1, block.to - block.from) * block.view.columns.length;
  }
}

/** The blocks of the document body in order, a table cut into slices that each fit a job (whole by default). */
export function bodyBlocks(doc: PrintDocument, jobCells = Infinity): JobBlock[] {
  const blocks: JobBlock[] = [];
  for (const part of doc.parts) {
    blocks.push({ kind: 'part', entry: part.entry });
    for (const c of part.content) {
      if (c.kind !== 'table') {
        blocks.push(c);
        continue;
      }
      const rows = c.view.rows.length;
      const perSlice = Math.max(1, Math.floor(jobCells / c.view.columns.length));
      // Equal slices, so the last one is not a sliver.
      const slices = Math.max(1, Math.ceil(rows / perSlice));
      const size = Math.ceil(rows / slices);
      for (let i = 0; i < slices; i++) {
        const from = i * size;
        const to = Math.min(rows, (i + 1) * size);
        const markFrom = i < slices - 1 ? Math.max(from, to - MARKED_ROWS) : to;
        blocks.push({ kind: 'table', entry: c.entry, view: c.view, from, to, markFrom });
      }
    }
  }
  return blocks;
}

/** The entry whose heading a block prints (a table's later slices print none). */
export function blockEntry(block: JobBlock): TocEntry | undefined {
  if (block.kind === 'text') return undefined;
  if (block.kind === 'table') return block.from === 0 ? block.entry : undefined;
  return block.entry;
}

/**
 * Greedy batching in document order: a job takes blocks until the next would take it over the limit. A table's
 * later slice always opens a job, so it continues the table at the top of a page.
 */
export function planJobs(doc: PrintDocument, jobCells = JOB_CELLS): ContentJob[] {
  const jobs: ContentJob[] = [];
  let blocks: JobBlock[] = [];
  let weight = 0;
  const close = () => {
    if (blocks.length === 0) return;
    jobs.push({ blocks, entries: blocks.flatMap((b) => blockEntry(b) ?? []), weight });
    blocks = [];
    weight = 0;
  };
  for (const block of bodyBlocks(doc, jobCells)) {
    const w = blockWeight(block);
    if (weight + w > jobCells || (block.kind === 'table' && block.from > 0)) close();
    blocks.push(block);
    weight += w;
  }
  close();
  return jobs;
}

export function planInfo(doc: PrintDocument, jobs: readonly ContentJob[]): PlanInfo {
  return {
    title: doc.title,
    department: doc.department,
    toc: tocEntries(doc),
    jobs: jobs.map((j) => {
      const [first, last] = [j.blocks[0]!, j.blocks.at(-1)!];
      return {
        entries: j.entries.map((e) => e.id),
        weight: j.weight,
        continues: first.kind === 'table' && first.from > 0,
        markFrom: last.kind === 'table' && last.markFrom < last.to ? last.markFrom : null,
      };
    }),
  };
}

/** The document, its jobs and what the driver needs to know of them, for the given book's figures and texts. */
export interface PrintModel {
  readonly doc: PrintDocument;
  readonly jobs: readonly ContentJob[];
  readonly info: PlanInfo;
}

export function printModel(doc: PrintDocument, jobCells = JOB_CELLS): PrintModel {
  const jobs = planJobs(doc, jobCells);
  return { doc, jobs, info: planInfo(doc, jobs) };
}
