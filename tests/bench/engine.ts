/**
 * The engine's part of `npm run bench`, for one book per process: file size, load (JSON parse + readBookText), full
 * derive + check (Engine.run), incremental recompute after single-amount edits (engine.setAmount on seeded random
 * records and amount fields; median / p95 / p99 / max), rendering every view (allViews), and memory (rss, heapUsed
 * after gc, peak rss). main.ts bundles this module as the app ships its code (vite, no source transform at run time)
 * and runs it with node --expose-gc, one process per book, so memory figures and JIT state do not leak from one book
 * into the other. Its one output is the book's figures as JSON on stdout.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadedBook } from '../../shared/book/load';
import { readBookText } from '../../shared/book/read';
import { buildModel } from '../../shared/engine/build';
import { Engine } from '../../shared/engine/engine';
import { allViews } from '../../shared/engine/view';
import type { Fen } from '../../shared/money/money';
import { findTemplate } from '../../shared/template/registry';
import { generateBook, mulberry32, scaleOptions } from './generate';

/** What main.ts passes on: `--which guizhou|generated --root DIR --scale N --seed N --edits N [--quick]`. */
export interface EngineArgs {
  scale: number;
  seed: number;
  edits: number;
  quick: boolean;
}


const gc = (globalThis as { gc?: () => void }).gc;
function collect(): void {
  if (gc) {
    gc();
    gc();
  }
}

const now = () => performance.now();

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
}

/**
 * Runs `f` several times: wall-clock ms per run, and the process's CPU ms (user + system, all threads: GC helpers
 * included), which is less disturbed than wall time when other work competes for the CPUs.
 */
function timed<T>(runs: number, f: () => T, between?: () => void): { ms: number[]; cpuMs: number[]; last: T } {
  const ms: number[] = [];
  const cpuMs: number[] = [];
  let last!: T;
  for (let i = 0; i < runs; i++) {
    between?.();
    const c0 = process.cpuUsage();
    const t0 = now();
    last = f();
    ms.push(now() - t0);
    const c = process.cpuUsage(c0);
    cpuMs.push((c.user + c.system) / 1000);
  }
  return { ms, cpuMs, last };
}

const MB = 1024 * 1024;
function memory() {
  const m = process.memoryUsage();
  return { rssMB: m.rss / MB, heapUsedMB: m.heapUsed / MB };
}

/** How many check evaluations a full check performs, counted from the model as Checker does them. */
function countChecks(engine: Engine) {
  let equations = 0;
  let rollups = 0;
  for (const t of engine.model.tables) {
    const amountColumns = t.columns.filter((c) => c.type === 'amount').length;
    for (const row of t.rows) {
      for (const c of t.columns) {
        if (c.colNo?.kind === 'rate') equations++;
        else if (c.colNo?.kind === 'sum') equations += c.colNo.equations.length;
      }
      if (row.children.length > 0 && row.rollupRule) rollups += amountColumns;
    }
  }
  let ruleInstances = 0;
  let recordChecks = 0;
  const book = engine.book;
  for (const rule of book.template.rules) {
    if (rule.kind === 'compare') {
      if (!rule.forEach) ruleInstances++;
      else if ('unit' in rule.forEach) ruleInstances += book.units.length;
      else ruleInstances += book.records.get(rule.forEach.records)?.length ?? 0;
    } else recordChecks += book.records.get(rule.dataset)?.length ?? 0;
  }
  return { total: equations + rollups + ruleInstances + recordChecks, equations, rollups, ruleInstances, recordChecks };
}

/** Every derived value of every row, to compare an incrementally updated engine with a fresh one. */
function snapshot(engine: Engine): string {
  return JSON.stringify(engine.model.tables.map((t) => t.rows.map((r) => [r.id, r.visible, r.values, r.rates])));
}

export interface BookResult {
  name: string;
  fileBytes: number;
  generateMs?: number;
  records: Record<string, number>;
  templateLoadMs: number;
  jsonParseMs: number;
  load: { medianMs: number; cpuMedianMs: number; runsMs: number[] };
  derive: { medianMs: number; minMs: number; cpuMedianMs: number; runsMs: number[]; buildModelMedianMs: number };
  rows: { model: number; visible: number; viewRows: number; viewCells: number };
  checks: ReturnType<typeof countChecks>;
  failures: { 强制: number; 提示: number };
  /** Edits each made on the balanced book and undone (only the edit is timed). */
  cleanEdits: { count: number; medianMs: number; p95Ms: number; p99Ms: number; maxMs: number; failuresAfterUndo: { 强制: number; 提示: number } };
  /** Edits that accumulate. */
  edits: {
    count: number;
    warmup: number;
    medianMs: number;
    p95Ms: number;
    p99Ms: number;
    maxMs: number;
    meanMs: number;
    /** Process CPU time per edit (mean; includes the loop's PRNG and bookkeeping). */
    cpuMeanMs: number;
    failuresAfter: { 强制: number; 提示: number };
    failuresListMs: number;
    consistentWithFullRun: boolean;
  };
  views: { medianMs: number; cpuMedianMs: number; runsMs: number[] };
  memory: {
    gcExposed: boolean;
    baseline: { rssMB: number; heapUsedMB: number };
    afterLoad: { rssMB: number; heapUsedMB: number };
    afterDerive: { rssMB: number; heapUsedMB: number };
    afterViews: { rssMB: number; heapUsedMB: number };
    peakRssMB: number;
  };
}

function measure(which: string, root: string, args: EngineArgs): BookResult {
  const log = (s: string) => process.stderr.write(`bench[${which}]: ${s}\n`);
  const big = which !== 'guizhou';
  const reps = { load: args.quick ? 1 : 3, derive: big ? (args.quick ? 3 : 7) : 25, views: big ? (args.quick ? 1 : 3) : 10 };

  let t0 = now();
  findTemplate('guizhou-budget-2024', 1);
  const templateLoadMs = now() - t0;

  let text: string;
  let generateMs: number | undefined;
  let name: string;
  if (big) {
    t0 = now();
    const book = generateBook(scaleOptions(args.scale, args.seed));
    generateMs = now() - t0;
    text = `${JSON.stringify(book, null, 1)}\n`;
    name = `generated ${args.scale}× (seed ${args.seed})`;
  } else {
    text = readFileSync(`${root}examples/guizhou-2024.budget.json`, 'utf8');
    name = 'Guizhou 2024 (reference)';
  }
  collect();
  const baseline = memory();

  log('load');
  const jsonParseMs = median(timed(reps.load, () => JSON.parse(text) as unknown).ms);
  const load = timed(reps.load, () => readBookText(text, findTemplate), collect);
  const loaded: LoadedBook = load.last;
  collect();
  const afterLoad = memory();

  log('derive');
  const buildModelMs = timed(Math.min(reps.derive, 3), () => buildModel(loaded), collect).ms;
  const derive = timed(reps.derive, () => Engine.run(loaded), collect);
  const engine = derive.last;
  collect();
  const afterDerive = memory();

  const failures = engine.summary();
  const checks = countChecks(engine);
  const modelRows = engine.model.tables.reduce((a, t) => a + t.rows.length, 0);
  const visibleRows = engine.model.tables.reduce((a, t) => a + t.rows.filter((r) => r.visible).length, 0);

  log('views');
  const views = timed(reps.views, () => allViews(engine), collect);
  const viewRows = views.last.reduce((a, v) => a + v.rows.length, 0);
  const viewCells = views.last.reduce((a, v) => a + v.rows.length * v.columns.length, 0);
  const afterViews = memory();

  log(`${args.edits} edits`);
  // Seeded random edits over every record that has amounts, and any of its dataset's amount fields.
  const random = mulberry32(args.seed * 7919 + (big ? 1 : 2));
  const targets: { dataset: string; id: string; fields: readonly string[]; record: { amounts: Fen[] } }[] = [];
  for (const [dataset, shape] of loaded.shapes) {
    if (shape.amountFields.length === 0) continue;
    for (const r of loaded.records.get(dataset) ?? []) targets.push({ dataset, id: r.id, fields: shape.amountFields, record: r });
  }
  /** One seeded edit; returns its setAmount time in ms, and a function that reverts it (untimed). */
  const edit = (): [number, () => void] => {
    const t = targets[Math.floor(random() * targets.length)]!;
    const field = t.fields[Math.floor(random() * t.fields.length)]!;
    const index = loaded.shapes.get(t.dataset)!.amountIndex.get(field)!;
    const old = t.record.amounts[index]!;
    // ±0.01 … ±100.00 万元 (1 万元 = 1,000,000 分), never negative, always a change.
    let delta = (1 + Math.floor(random() * 10_000)) * 10_000;
    if (random() < 0.5 && old - delta >= 0) delta = -delta;
    const t0 = process.hrtime.bigint();
    engine.setAmount(t.dataset, t.id, field, (old + delta) as Fen);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    return [ms, () => engine.setAmount(t.dataset, t.id, field, old)];
  };
  const warmup = 200;
  for (let i = 0; i < warmup; i++) edit()[1]();
  collect();
  // (a) Each edit starts from the balanced book: edit, time it, undo it.
  const cleanMs: number[] = [];
  for (let i = 0; i < args.edits; i++) {
    const [ms, undo] = edit();
    cleanMs.push(ms);
    undo();
  }
  const cleanAfter = engine.summary();
  collect();
  // (b) Edits accumulate, as when an officer types many figures: the book drifts out of balance and failing checks
  // are re-evaluated and re-reported on every edit.
  const editMs: number[] = [];
  const editCpu0 = process.cpuUsage();
  for (let i = 0; i < args.edits; i++) editMs.push(edit()[0]);
  const editCpu = process.cpuUsage(editCpu0);
  const editCpuMeanMs = (editCpu.user + editCpu.system) / 1000 / args.edits;
  t0 = now();
  engine.failures();
  const failuresListMs = now() - t0;
  const failuresAfter = engine.summary();

  log('consistency (incremental = full)');
  const fresh = Engine.run(loaded); // the loaded book's records now hold the edited amounts
  const consistentWithFullRun =
    JSON.stringify(engine.failures()) === JSON.stringify(fresh.failures()) && snapshot(engine) === snapshot(fresh);

  const records: Record<string, number> = {};
  for (const [ds, list] of loaded.records) records[ds] = list.length;

  return {
    name,
    fileBytes: Buffer.byteLength(text),
    ...(generateMs !== undefined ? { generateMs } : {}),
    records,
    templateLoadMs,
    jsonParseMs,
    load: { medianMs: median(load.ms), cpuMedianMs: median(load.cpuMs), runsMs: load.ms },
    derive: {
      medianMs: median(derive.ms),
      minMs: Math.min(...derive.ms),
      cpuMedianMs: median(derive.cpuMs),
      runsMs: derive.ms,
      buildModelMedianMs: median(buildModelMs),
    },
    rows: { model: modelRows, visible: visibleRows, viewRows, viewCells },
    checks,
    failures,
    cleanEdits: {
      count: cleanMs.length,
      medianMs: median(cleanMs),
      p95Ms: quantile(cleanMs, 0.95),
      p99Ms: quantile(cleanMs, 0.99),
      maxMs: Math.max(...cleanMs),
      failuresAfterUndo: cleanAfter,
    },
    edits: {
      count: editMs.length,
      warmup,
      medianMs: median(editMs),
      p95Ms: quantile(editMs, 0.95),
      p99Ms: quantile(editMs, 0.99),
      maxMs: Math.max(...editMs),
      meanMs: editMs.reduce((a, b) => a + b, 0) / editMs.length,
      cpuMeanMs: editCpuMeanMs,
      failuresAfter,
      failuresListMs,
      consistentWithFullRun,
    },
    views: { medianMs: median(views.ms), cpuMedianMs: median(views.cpuMs), runsMs: views.ms },
    memory: {
      gcExposed: Boolean(gc),
      baseline,
      afterLoad,
      afterDerive,
      afterViews,
      peakRssMB: process.resourceUsage().maxRSS / 1024,
    },
  };
}

/** Run as a script: `node engine.mjs guizhou|generated ROOT '{"scale":100,…}'`. */
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [which, root, options] = process.argv.slice(2) as [string, string, string];
  process.stdout.write(JSON.stringify(measure(which, root, JSON.parse(options) as EngineArgs)));
}
