/**
 * Produces the whole PDF from a print view, whatever prints it (Playwright's page.pdf for the command line,
 * Electron's printToPDF in the desktop app): each body job is shown and printed, its pages counted and its headings
 * found; then the front matter is printed with the page numbers of the 目录; then the page-number labels; and
 * everything is joined with pdf-lib, each page getting its label, the document its bookmarks and title.
 */
import { PDFDocument } from 'pdf-lib';
import { type FooterFormat, footerLabel, numberedPages } from './footer';
import { type Bookmark, writeOutline } from './bookmarks';
import { firstMarkedRow, headingPages, resolveMarkers } from './links';
import { PAGE_NUMBER_FROM_BOTTOM_MM, PT_PER_MM } from './page';
import type { JobInfo, PlanInfo } from './plan';

/** What the print view shows for one print call. */
export type PrintView =
  /** Cover and 目录; `pages` maps each 目录 entry id to its page (null: numbers not known yet). */
  | { readonly kind: 'front'; readonly pages: Readonly<Record<string, number>> | null }
  /** A body job; `start` moves its first row when the job before it kept fewer rows of a cut table (plan.ts). */
  | { readonly kind: 'content'; readonly job: number; readonly start?: number }
  /** Page-number labels, each on a page of its own (footer.ts). */
  | { readonly kind: 'footers'; readonly labels: readonly string[] };

/** The print view as the producer drives it. */
export interface PrintSurface {
  /** Shows the view; resolves once it is laid out and its fonts are loaded. */
  show(view: PrintView): Promise<void>;
  /** The PDF of what is shown (page.pdf or printToPDF with the options of PAGE_PDF_OPTIONS). */
  print(): Promise<Uint8Array>;
}

export interface Progress {
  /** What is being done, for the officer: `正在排版第 3/12 批（自“十一、项目支出预算总表”起）`. */
  readonly step: string;
  /** 0…1. */
  readonly fraction: number;
}

export interface ProduceOptions {
  readonly footer: FooterFormat;
  readonly onProgress?: (p: Progress) => void;
}

export interface ProducedPdf {
  readonly bytes: Uint8Array;
  readonly pages: number;
  /** Each 目录 entry's page number. */
  readonly tocPages: Readonly<Record<string, number>>;
}

interface PrintedJob {
  readonly pages: number;
  /** Page index within the job of each of its entries. */
  readonly entryPages: ReadonlyMap<string, number>;
}

/** The page within a job of each heading it prints, from the heading markers (links.ts). */
function entryPages(info: PlanInfo, job: JobInfo, doc: PDFDocument): Map<string, number> {
  const found = headingPages(doc);
  const missing = job.entries.find((id) => !found.has(id));
  if (missing !== undefined) throw new Error(`排版结果中找不到标题“${info.toc.find((e) => e.id === missing)?.heading ?? missing}”`);
  return new Map(job.entries.map((id) => [id, found.get(id)!]));
}

/** Prints a view on a surface and reads the PDF back. */
async function printView(surface: PrintSurface, view: PrintView): Promise<PDFDocument> {
  await surface.show(view);
  return PDFDocument.load(await surface.print(), { updateMetadata: false });
}

/**
 * The pages of a printed job to keep. A job that ends in a cut table drops its last, part-filled page when it can
 * tell the row that page starts with; the next job, which continues the table, then starts with that row. The page
 * starts with its first marked row when the row before it is marked too (and so is on an earlier page).
 */
function keptPages(job: JobInfo, doc: PDFDocument): { pages: number; nextStart?: number } {
  const pages = doc.getPageCount();
  if (job.markFrom === null || pages < 2) return { pages };
  const first = firstMarkedRow(doc.getPage(pages - 1));
  return first !== undefined && first > job.markFrom ? { pages: pages - 1, nextStart: first } : { pages };
}

/**
 * Prints every body job, the surfaces taking jobs in turn (two surfaces print about 1.5 times as fast on two cores;
 * a job that continues a cut table waits for the job before it), and appends each job's kept pages to `out` in
 * document order as soon as the jobs before it are in.
 */
async function printBody(
  info: PlanInfo,
  surfaces: readonly (PrintSurface | Promise<PrintSurface>)[],
  out: PDFDocument,
  progress: (job: number) => void,
): Promise<PrintedJob[]> {
  const jobs = info.jobs;
  const printed: PrintedJob[] = [];
  const waiting = new Map<number, { doc: PDFDocument; pages: number }>();
  const started = new Set<number>();
  const finished = new Set<number>();
  const starts = new Map<number, number>();
  let wakeUp: (() => void)[] = [];
  let appended = Promise.resolve();

  const appendInOrder = async () => {
    for (let job = waiting.get(printed.length); job; job = waiting.get(printed.length)) {
      const index = printed.length;
      waiting.delete(index);
      printed.push({ pages: job.pages, entryPages: entryPages(info, jobs[index]!, job.doc) });
      const kept = job.doc.getPageIndices().slice(0, job.pages);
      for (const page of await out.copyPages(job.doc, kept)) out.addPage(page);
    }
  };
  const nextJob = () => jobs.findIndex((job, i) => !started.has(i) && (!job.continues || finished.has(i - 1)));

  const work = async (surface: PrintSurface) => {
    while (started.size < jobs.length) {
      const index = nextJob();
      if (index < 0) {
        // Every job left continues one still printing: wait for a job to finish.
        await new Promise<void>((resolve) => wakeUp.push(resolve));
        continue;
      }
      started.add(index);
      progress(index);
      const start = starts.get(index);
      const doc = await printView(surface, { kind: 'content', job: index, ...(start === undefined ? {} : { start }) });
      const kept = keptPages(jobs[index]!, doc);
      if (kept.nextStart !== undefined) starts.set(index + 1, kept.nextStart);
      finished.add(index);
      waiting.set(index, { doc, pages: kept.pages });
      const woken = wakeUp;
      wakeUp = [];
      woken.forEach((resolve) => resolve());
      // One append at a time; it takes what is ready and leaves the rest to the job that completes the order.
      appended = appended.then(appendInOrder);
      await appended;
    }
  };
  // A surface still opening joins when it is ready.
  await Promise.all(surfaces.map(async (surface) => work(await surface)));
  return printed;
}

/**
 * The front matter with the 目录's page numbers. Its own length does not depend on the numbers in it, but should
 * it ever, the numbers are worked out again for the new length.
 */
async function printFront(
  surface: PrintSurface,
  printed: readonly PrintedJob[],
  firstGuess: number,
): Promise<{ front: PDFDocument; tocPages: Record<string, number> }> {
  for (let frontPages = firstGuess, attempt = 0; ; attempt++) {
    const tocPages: Record<string, number> = {};
    let start = frontPages + 1;
    for (const job of printed) {
      for (const [id, page] of job.entryPages) tocPages[id] = start + page;
      start += job.pages;
    }
    const front = await printView(surface, { kind: 'front', pages: tocPages });
    if (front.getPageCount() === frontPages) return { front, tocPages };
    if (attempt > 2) throw new Error('目录页数无法确定');
    frontPages = front.getPageCount();
  }
}

/** Lays each page's number label (printed by the surface) onto the page, centred in the bottom margin. */
async function stampNumbers(surface: PrintSurface, out: PDFDocument, footer: FooterFormat): Promise<void> {
  const pageCount = out.getPageCount();
  const numbers = numberedPages(pageCount);
  const labels = await printView(surface, { kind: 'footers', labels: numbers.map((n) => footerLabel(footer, n, pageCount)) });
  if (labels.getPageCount() !== numbers.length) throw new Error(`页码排版有误：${numbers.length} 个页码排成了 ${labels.getPageCount()} 页`);
  const embedded = await out.embedPages(labels.getPages());
  numbers.forEach((n, i) => {
    const page = out.getPage(n - 1);
    const label = embedded[i]!;
    page.drawPage(label, { x: (page.getWidth() - label.width) / 2, y: PAGE_NUMBER_FROM_BOTTOM_MM * PT_PER_MM - label.height / 2 });
  });
}

/**
 * The whole document as one PDF. `surfaces` are print views of the same document (at least one; those still opening
 * join the body's jobs when ready); the first also prints the front matter and the page numbers.
 */
export async function producePdf(
  info: PlanInfo,
  surfaces: readonly (PrintSurface | Promise<PrintSurface>)[],
  options: ProduceOptions,
): Promise<ProducedPdf> {
  const main = await surfaces[0];
  if (!main) throw new Error('没有可用的打印页面');
  const totalWeight = info.jobs.reduce((n, j) => n + j.weight, 0) || 1;
  let doneWeight = 0;
  const report = (step: string) => options.onProgress?.({ step, fraction: Math.min(1, doneWeight / totalWeight) * 0.9 });

  report('正在排版封面和目录');
  const firstGuess = (await printView(main, { kind: 'front', pages: null })).getPageCount();
  const out = await PDFDocument.create();
  const printed = await printBody(info, surfaces, out, (index) => {
    if (index > 0) doneWeight += info.jobs[index - 1]!.weight;
    const first = info.toc.find((e) => e.id === info.jobs[index]!.entries[0]);
    report(`正在排版第 ${index + 1}/${info.jobs.length} 批（${first ? `自“${first.title}”起` : '表格续页'}）`);
  });
  doneWeight = totalWeight;

  report('正在填写目录页码');
  const { front, tocPages } = await printFront(main, printed, firstGuess);
  (await out.copyPages(front, front.getPageIndices())).forEach((page, i) => out.insertPage(i, page));

  if (options.footer !== '') {
    report('正在加印页码');
    await stampNumbers(main, out, options.footer);
  }
  resolveMarkers(out, tocPages);
  writeOutline(out, info.toc.map((e): Bookmark => ({ title: e.title, page: tocPages[e.id]! - 1, level: e.level })));
  out.setTitle(info.title, { showInWindowTitleBar: true });
  out.setAuthor(info.department);
  out.setSubject(info.title);
  out.setCreator('部门预算公开编制器');
  out.setLanguage('zh-CN');
  report('正在保存 PDF');
  const bytes = await out.save({ useObjectStreams: false });
  options.onProgress?.({ step: '完成', fraction: 1 });
  return { bytes, pages: out.getPageCount(), tocPages };
}
