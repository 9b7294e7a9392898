import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFString, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { producePdf, type PrintSurface, type PrintView } from './assemble';
import { headingHref, rowHref, tocHref } from './links';
import type { PlanInfo } from './plan';

const entry = (id: string, level: 1 | 2) => ({ id, title: `目录:${id}`, heading: `标题:${id}`, level });

/** A plan of four jobs: 3 pages (headings p1 on its 1st page, s1 on its 2nd), 2 pages (T1), 4 pages (no heading), 1 page (p3). */
const info: PlanInfo = {
  title: '某部门2024年部门预算公开信息',
  department: '某部门',
  toc: [entry('p1', 1), entry('s1', 2), entry('T1', 1), entry('p3', 1)],
  jobs: [
    { entries: ['p1', 's1'], weight: 30, continues: false, markFrom: null },
    { entries: ['T1'], weight: 20, continues: false, markFrom: null },
    { entries: [], weight: 40, continues: false, markFrom: null },
    { entries: ['p3'], weight: 10, continues: false, markFrom: null },
  ],
};

interface FakeJob {
  readonly pages: number;
  readonly headings: Readonly<Record<string, number>>;
  /** Row markers on the job's last page. */
  readonly lastPageRows?: readonly number[];
}
const JOB_PAGES: readonly FakeJob[] = [
  { pages: 3, headings: { p1: 0, s1: 1 } },
  { pages: 2, headings: { T1: 0 } },
  { pages: 4, headings: {} },
  { pages: 1, headings: { p3: 0 } },
];

function link(doc: PDFDocument, pageIndex: number, href: string): void {
  const page = doc.getPage(pageIndex);
  const annotation = doc.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [10, 10, 50, 20], A: { S: 'URI', URI: PDFString.of(href) } });
  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray) ?? doc.context.obj([]);
  annots.push(doc.context.register(annotation));
  page.node.set(PDFName.of('Annots'), annots);
}

/** A surface that "prints" PDFs made with pdf-lib, as Chromium would: heading and 目录 markers as link annotations. */
function fakeSurface(delayMs = 0, jobs: readonly FakeJob[] = JOB_PAGES): PrintSurface & { views: PrintView[] } {
  let shown: PrintView | undefined;
  const views: PrintView[] = [];
  return {
    views,
    async show(view) {
      shown = view;
      views.push(view);
    },
    async print() {
      const view = shown!;
      const doc = await PDFDocument.create();
      const font = await doc.embedFont(StandardFonts.Helvetica);
      if (view.kind === 'front') {
        doc.addPage();
        doc.addPage();
        for (const e of info.toc) link(doc, 1, tocHref(e.id));
      } else if (view.kind === 'content') {
        const job = jobs[view.job]!;
        for (let i = 0; i < job.pages; i++) doc.addPage([842, 595]);
        for (const [id, page] of Object.entries(job.headings)) link(doc, page, headingHref(id));
        for (const row of job.lastPageRows ?? []) link(doc, job.pages - 1, rowHref(row));
        await new Promise((r) => setTimeout(r, delayMs * (4 - view.job)));
      } else {
        for (const label of view.labels) doc.addPage([340, 28]).drawText(label.replace(/[^\x20-\x7e]/g, '#'), { font, size: 10 });
      }
      return doc.save();
    },
  };
}

function destPage(doc: PDFDocument, annotation: PDFDict): number {
  const dest = annotation.lookup(PDFName.of('Dest'), PDFArray);
  return doc.getPages().findIndex((p) => p.ref === dest.get(0));
}

describe('producePdf', () => {
  it('numbers the 目录 from the pages printed: front (2) + jobs of 3, 2, 4 and 1 pages', async () => {
    const surface = fakeSurface();
    const result = await producePdf(info, [surface], { footer: '第 {page} 页 / 共 {pages} 页' });
    expect(result.pages).toBe(12);
    // p1 opens the first job (page 3), s1 is on its second page, T1 opens the second job after 3 pages, p3 the last.
    expect(result.tocPages).toEqual({ p1: 3, s1: 4, T1: 6, p3: 12 });
    expect(surface.views.filter((v) => v.kind === 'front')).toEqual([
      { kind: 'front', pages: null },
      { kind: 'front', pages: { p1: 3, s1: 4, T1: 6, p3: 12 } },
    ]);
    const footers = surface.views.find((v) => v.kind === 'footers');
    expect(footers?.kind === 'footers' && footers.labels).toEqual(Array.from({ length: 11 }, (_, i) => `第 ${i + 2} 页 / 共 12 页`));
  });

  it('puts the front first and the jobs in order, whichever surface finishes first', async () => {
    const result = await producePdf(info, [fakeSurface(5), fakeSurface(0)], { footer: '' });
    const doc = await PDFDocument.load(result.bytes);
    // The front pages are A4 portrait (pdf-lib's default size), the jobs' pages landscape.
    expect(doc.getPages().map((p) => p.getWidth() > p.getHeight())).toEqual([false, false, ...Array(10).fill(true)]);
    expect(result.tocPages).toEqual({ p1: 3, s1: 4, T1: 6, p3: 12 });
  });

  it('turns the 目录 markers into jumps to their pages and drops the heading markers', async () => {
    const doc = await PDFDocument.load((await producePdf(info, [fakeSurface()], { footer: '' })).bytes);
    const annotations = (page: number) => {
      const annots = doc.getPage(page).node.lookupMaybe(PDFName.of('Annots'), PDFArray);
      return Array.from({ length: annots?.size() ?? 0 }, (_, i) => annots!.lookup(i, PDFDict));
    };
    expect(annotations(1).map((a) => destPage(doc, a))).toEqual([2, 3, 5, 11]);
    expect(annotations(1).every((a) => a.get(PDFName.of('A')) === undefined)).toBe(true);
    for (let p = 2; p < 12; p++) expect(annotations(p)).toEqual([]);
  });

  it('lays a number label onto every page but the cover', async () => {
    const doc = await PDFDocument.load((await producePdf(info, [fakeSurface()], { footer: '- {page} -' })).bytes);
    const xObjects = (page: number) => doc.getPage(page).node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict)?.keys().length ?? 0;
    expect(xObjects(0)).toBe(0);
    for (let p = 1; p < 12; p++) expect(xObjects(p)).toBe(1);
  });

  it('writes bookmarks for the 目录 (sections under their part), the title and the department', async () => {
    const doc = await PDFDocument.load((await producePdf(info, [fakeSurface()], { footer: '' })).bytes, { updateMetadata: false });
    expect(doc.getTitle()).toBe('某部门2024年部门预算公开信息');
    expect(doc.getAuthor()).toBe('某部门');
    const outline = doc.catalog.lookup(PDFName.of('Outlines'), PDFDict);
    const titles: string[] = [];
    const walk = (first: PDFDict | undefined, depth: number) => {
      for (let item = first; item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
        const dest = item.lookup(PDFName.of('Dest'), PDFArray).get(0) as PDFRef;
        titles.push(`${'  '.repeat(depth)}${(item.lookup(PDFName.of('Title')) as PDFString).decodeText()} → ${doc.getPages().findIndex((p) => p.ref === dest) + 1}`);
        walk(item.lookupMaybe(PDFName.of('First'), PDFDict), depth + 1);
      }
    };
    walk(outline.lookupMaybe(PDFName.of('First'), PDFDict), 0);
    expect(titles).toEqual(['目录:p1 → 3', '  目录:s1 → 4', '目录:T1 → 6', '目录:p3 → 12']);
  });

  it('says which heading is missing when a job printed without it', async () => {
    const broken: PlanInfo = { ...info, jobs: [{ entries: ['p1', 's1', 'T1'], weight: 1, continues: false, markFrom: null }, ...info.jobs.slice(2)] };
    await expect(producePdf(broken, [fakeSurface()], { footer: '' })).rejects.toThrow('排版结果中找不到标题“标题:T1”');
  });

  describe('a table cut between jobs 2 and 3 (its rows from 100 on marked in job 2)', () => {
    const cut: PlanInfo = {
      ...info,
      jobs: [info.jobs[0]!, { ...info.jobs[1]!, markFrom: 100 }, { ...info.jobs[2]!, continues: true }, info.jobs[3]!],
    };

    it('drops job 2’s part-filled last page and starts job 3 with the row that page began with', async () => {
      const surface = fakeSurface(0, [JOB_PAGES[0]!, { ...JOB_PAGES[1]!, lastPageRows: [131, 130, 140] }, JOB_PAGES[2]!, JOB_PAGES[3]!]);
      const result = await producePdf(cut, [surface], { footer: '' });
      expect(surface.views.filter((v) => v.kind === 'content')).toEqual([
        { kind: 'content', job: 0 },
        { kind: 'content', job: 1 },
        { kind: 'content', job: 2, start: 130 },
        { kind: 'content', job: 3 },
      ]);
      // Job 2 keeps one of its two pages: p3 moves up a page.
      expect(result).toMatchObject({ pages: 11, tocPages: { p1: 3, s1: 4, T1: 6, p3: 11 } });
    });

    it('keeps the page when it may begin with unmarked rows (its first marked row is the first marked one)', async () => {
      const surface = fakeSurface(0, [JOB_PAGES[0]!, { ...JOB_PAGES[1]!, lastPageRows: [100, 101] }, JOB_PAGES[2]!, JOB_PAGES[3]!]);
      const result = await producePdf(cut, [surface], { footer: '' });
      expect(surface.views).toContainEqual({ kind: 'content', job: 2 });
      expect(result.pages).toBe(12);
    });

    it('prints the continuing job only after the job before it, on two surfaces as on one', async () => {
      const surfaces = [fakeSurface(3, [JOB_PAGES[0]!, { ...JOB_PAGES[1]!, lastPageRows: [130] }, JOB_PAGES[2]!, JOB_PAGES[3]!]), fakeSurface(0, [JOB_PAGES[0]!, { ...JOB_PAGES[1]!, lastPageRows: [130] }, JOB_PAGES[2]!, JOB_PAGES[3]!])];
      const result = await producePdf(cut, surfaces, { footer: '' });
      expect(surfaces.flatMap((s) => s.views)).toContainEqual({ kind: 'content', job: 2, start: 130 });
      expect(result.pages).toBe(11);
    });
  });
});
