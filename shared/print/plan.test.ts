import { describe, expect, it } from 'vitest';
import { guizhouBook, run } from '../../tests/support/books';
import { generateNarrative } from '../narrative/generate';
import { buildPrintDocument, tocEntries } from './document';
import { blockEntry, blockWeight, type JobBlock, JOB_CELLS, planJobs, printModel } from './plan';

const engine = run(guizhouBook());
const doc = buildPrintDocument(engine, generateNarrative(engine), new Date(2024, 0, 1));

/** Every table's row ranges in job order, by table. */
function slices(blocks: readonly JobBlock[]): Map<string, [number, number][]> {
  const out = new Map<string, [number, number][]>();
  for (const b of blocks) if (b.kind === 'table') out.set(b.entry.id, [...(out.get(b.entry.id) ?? []), [b.from, b.to]]);
  return out;
}

describe('planJobs', () => {
  it('prints the reference book in one job: it is far below the size limit', () => {
    const jobs = planJobs(doc);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.entries.map((e) => e.id)).toEqual(tocEntries(doc).map((e) => e.id));
  });

  it('with a small limit, cuts the body into jobs under the limit, each table into slices that cover its rows once', () => {
    const limit = 300;
    const jobs = planJobs(doc, limit);
    const blocks = jobs.flatMap((j) => j.blocks);
    for (const job of jobs) {
      // A job goes over the limit only when a single block does (a paragraph cannot be cut).
      if (job.blocks.length > 1) expect(job.weight).toBeLessThanOrEqual(limit);
      expect(job.weight).toBe(job.blocks.reduce((n, b) => n + blockWeight(b), 0));
    }
    // 表6 has 149 rows of 3 columns: 447 cells, so two slices of 75 and 74 rows.
    expect(slices(blocks).get('T6')).toEqual([
      [0, 75],
      [75, 149],
    ]);
    for (const c of doc.parts[1]!.content) {
      if (c.kind !== 'table') continue;
      const ranges = slices(blocks).get(c.entry.id)!;
      expect(ranges[0]![0]).toBe(0);
      expect(ranges.at(-1)![1]).toBe(c.view.rows.length);
      ranges.slice(1).forEach(([from], i) => expect(from).toBe(ranges[i]![1]));
    }
  });

  it('starts a job with every later slice of a table, so the table continues at the top of a page', () => {
    for (const job of planJobs(doc, 300)) {
      job.blocks.slice(1).forEach((b) => expect(b.kind === 'table' && b.from > 0).toBe(false));
    }
  });

  it('names each 目录 entry in exactly one job, in document order', () => {
    const jobs = planJobs(doc, 300);
    expect(jobs.flatMap((j) => j.entries.map((e) => e.id))).toEqual(tocEntries(doc).map((e) => e.id));
    for (const job of jobs) expect(job.entries).toEqual(job.blocks.flatMap((b) => blockEntry(b) ?? []));
  });

  it('marks the last rows of every slice but a table’s last, and says which jobs continue a cut table', () => {
    const model = printModel(doc, 300);
    const t6 = model.jobs.flatMap((j) => j.blocks).filter((b) => b.kind === 'table' && b.entry.id === 'T6');
    // 表6's first slice (rows 0–74) is shorter than the 150 marked rows: all of it is marked; its last slice is not.
    expect(t6.map((b) => b.kind === 'table' && [b.from, b.to, b.markFrom])).toEqual([
      [0, 75, 0],
      [75, 149, 149],
    ]);
    const second = model.jobs.findIndex((j) => j.blocks[0]!.kind === 'table' && j.blocks[0]!.entry.id === 'T6' && j.blocks[0]!.from === 75);
    expect(model.info.jobs[second]!.continues).toBe(true);
    expect(model.info.jobs[second - 1]!.markFrom).toBe(0);
    expect(model.info.jobs[0]!.continues).toBe(false);
  });

  it('gives the driver plain data: entry ids and weights per job', () => {
    const model = printModel(doc, 300);
    expect(JSON.parse(JSON.stringify(model.info))).toEqual(model.info);
    expect(model.info.jobs.map((j) => j.weight)).toEqual(model.jobs.map((j) => j.weight));
    expect(JOB_CELLS).toBeGreaterThan(300);
  });
});
