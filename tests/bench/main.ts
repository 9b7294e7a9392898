/**
 * Engine benchmark (npm run bench): the Guizhou reference book and a generated "100×" book (tests/bench/generate.ts).
 *
 * For each book: file size, load (JSON parse + readBookText), full derive + check (Engine.run, median of several),
 * rows and checks, incremental recompute after single-amount edits (engine.setAmount on seeded random records and
 * amount fields; median / p95 / p99 / max), rendering every view (allViews), and memory (rss, heapUsed after gc,
 * peak rss). Each book runs in its own child process (node --expose-gc with tsx's loader), so memory figures and
 * JIT state do not leak from one book into the other.
 *
 *   npm run bench                 table on stdout
 *   npm run bench -- --json       one JSON object (one line) on stdout, nothing else from this program; progress
 *                                 goes to stderr. npm itself prints a "> budget-disclosure bench" banner on stdout
 *                                 unless run silently: `npm run -s bench -- --json > bench.json`.
 *   options: --scale 100  --seed 1  --edits 1000  --quick (fewer repetitions)
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { LoadedBook } from '../../shared/book/load';
import { readBookText } from '../../shared/book/read';
import { buildModel } from '../../shared/engine/build';
import { Engine } from '../../shared/engine/engine';
import { allViews } from '../../shared/engine/view';
import type { Fen } from '../../shared/money/money';
import { findTemplate } from '../../shared/template/registry';
import { generateBook, mulberry32, scaleOptions } from './generate';
import { pdfBenchmark, pdfLines } from './pdf';
import { uiBenchmark, uiLines } from './ui';
import { workbookBenchmark, workbookLines } from './workbook';

const SELF = fileURLToPath(import.meta.url);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Targets: the brief's, and the stricter ones of shared/notes/performance.md (100× book). */
const TARGETS = {
  brief: { incrementalP95Ms: 2, fullDeriveMs: 300 },
  notes: { incrementalP95Ms: 0.2, fullDeriveMs: 50 },
};

interface Args {
  json: boolean;
  scale: number;
  seed: number;
  edits: number;
  quick: boolean;
  child?: string;
}

function parseArgs(argv: string[]): Args {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    json: argv.includes('--json'),
    scale: Number(value('scale') ?? 100),
    seed: Number(value('seed') ?? 1),
    edits: Math.max(500, Number(value('edits') ?? 1000)),
    quick: argv.includes('--quick'),
    ...(value('child') ? { child: value('child')! } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Measurements (child process)

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

function measure(which: string, args: Args): BookResult {
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
    text = readFileSync(`${ROOT}examples/guizhou-2024.budget.json`, 'utf8');
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

// ---------------------------------------------------------------------------------------------------------------
// Driver (parent process)

function runChild(which: string, argv: string[]): BookResult {
  const r = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', SELF, ...argv, '--child', which], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * MB,
  });
  if (r.status !== 0) throw new Error(`bench child for ${which} failed (status ${r.status}): ${r.stdout}`);
  return JSON.parse(r.stdout) as BookResult;
}

const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
const f3 = (x: number) => x.toFixed(3);
const us = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;

function table(results: BookResult[]): string {
  const rows: [string, (r: BookResult) => string][] = [
    ['file size', (r) => `${f2(r.fileBytes / MB)} MiB`],
    ['records (basic / projectLines / indicators)', (r) => `${r.records['basic']} / ${r.records['projectLines']} / ${r.records['indicators']}`],
    ['generate (book object)', (r) => (r.generateMs === undefined ? '—' : `${f1(r.generateMs)} ms`)],
    ['template load (once per process)', (r) => `${f1(r.templateLoadMs)} ms`],
    ['JSON.parse alone', (r) => `${f1(r.jsonParseMs)} ms`],
    ['load: readBookText (parse + validate)', (r) => `${f1(r.load.medianMs)} ms (cpu ${f1(r.load.cpuMedianMs)})`],
    ['full derive + check: Engine.run (median)', (r) => `${f1(r.derive.medianMs)} ms (min ${f1(r.derive.minMs)}, cpu ${f1(r.derive.cpuMedianMs)}, n=${r.derive.runsMs.length})`],
    ['  of which buildModel alone (median)', (r) => `${f1(r.derive.buildModelMedianMs)} ms`],
    ['rows (model / visible / in views)', (r) => `${r.rows.model} / ${r.rows.visible} / ${r.rows.viewRows}`],
    ['checks evaluated by a full check', (r) => `${r.checks.total} (栏次 ${r.checks.equations}, roll-up ${r.checks.rollups}, rules ${r.checks.ruleInstances}, records ${r.checks.recordChecks})`],
    ['failures after load (强制 / 提示)', (r) => `${r.failures.强制} / ${r.failures.提示}`],
    ['edit on balanced book: median / p95', (r) => `${us(r.cleanEdits.medianMs)} / ${us(r.cleanEdits.p95Ms)}`],
    ['edit on balanced book: p99 / max', (r) => `${us(r.cleanEdits.p99Ms)} / ${f2(r.cleanEdits.maxMs)} ms`],
    ['accumulated edits: median / p95', (r) => `${us(r.edits.medianMs)} / ${us(r.edits.p95Ms)}`],
    ['accumulated edits: p99 / max', (r) => `${us(r.edits.p99Ms)} / ${f2(r.edits.maxMs)} ms`],
    ['accumulated edits: mean wall / mean cpu', (r) => `${us(r.edits.meanMs)} / ${us(r.edits.cpuMeanMs)}`],
    ['edits timed, each scenario (warm-up)', (r) => `${r.edits.count} (+${r.edits.warmup})`],
    ['failures after edits (强制 / 提示)', (r) => `${r.edits.failuresAfter.强制} / ${r.edits.failuresAfter.提示}`],
    ['engine.failures() list after edits', (r) => `${f1(r.edits.failuresListMs)} ms`],
    ['incremental = fresh full run', (r) => (r.edits.consistentWithFullRun ? 'yes' : 'NO')],
    ['render all views: allViews (median)', (r) => `${f1(r.views.medianMs)} ms (cpu ${f1(r.views.cpuMedianMs)}; ${r.rows.viewCells} cells)`],
    ['heapUsed baseline → load → derive → views', (r) => [r.memory.baseline, r.memory.afterLoad, r.memory.afterDerive, r.memory.afterViews].map((m) => f1(m.heapUsedMB)).join(' → ') + ' MiB'],
    ['rss baseline → load → derive → views', (r) => [r.memory.baseline, r.memory.afterLoad, r.memory.afterDerive, r.memory.afterViews].map((m) => f1(m.rssMB)).join(' → ') + ' MiB'],
    ['peak rss (process)', (r) => `${f1(r.memory.peakRssMB)} MiB${r.memory.gcExposed ? '' : ' (no --expose-gc)'}`],
  ];
  const header = ['', ...results.map((r) => r.name)];
  const body = rows.map(([label, f]) => [label, ...results.map(f)]);
  const widths = header.map((_, i) => Math.max(...[header, ...body].map((r) => width(r[i]!))));
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(widths[i]! - width(c))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** Display width: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1;
  return w;
}

/** Verdicts on the worse of the two edit scenarios' p95. */
function verdicts(big: BookResult) {
  const p95 = Math.max(big.edits.p95Ms, big.cleanEdits.p95Ms);
  const full = big.derive.medianMs;
  return {
    brief: { incrementalP95: p95 < TARGETS.brief.incrementalP95Ms, fullDerive: full < TARGETS.brief.fullDeriveMs },
    notes: { incrementalP95: p95 <= TARGETS.notes.incrementalP95Ms, fullDerive: full <= TARGETS.notes.fullDeriveMs },
  };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const args = parseArgs(argv);
  if (args.child) {
    process.stdout.write(JSON.stringify(measure(args.child, args)));
    return;
  }
  const passOn = argv.filter((a) => a !== '--json');
  const loadBefore = os.loadavg()[0]!;
  const t0 = now();
  const results = [runChild('guizhou', passOn), runChild('generated', passOn)];
  const workbook = await workbookBenchmark(args.scale, args.seed, args.quick ? 1 : 3);
  const pdf = await pdfBenchmark(args.scale, args.seed, args.quick ? 1 : 3);
  const ui = await uiBenchmark(args.scale, args.seed, { opens: args.quick ? 1 : 3 });
  const big = results[1]!;
  const verdict = verdicts(big);
  const report = {
    machine: {
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? '',
      /** 1-minute load average before and after: above the number of CPUs, other work was competing. */
      loadavg: { before: loadBefore, after: os.loadavg()[0]! },
    },
    options: { scale: args.scale, seed: args.seed, edits: args.edits, quick: args.quick },
    targets: TARGETS,
    verdict,
    books: results,
    workbook,
    pdf,
    ui,
    totalSeconds: (now() - t0) / 1000,
  };
  if (args.json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  const mark = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const p95 = Math.max(big.edits.p95Ms, big.cleanEdits.p95Ms);
  process.stdout.write(
    [
      `Engine benchmark — node ${process.version}, ${os.cpus().length} × ${report.machine.cpu}`,
      '',
      table(results),
      '',
      ...workbookLines(workbook),
      '',
      ...pdfLines(pdf),
      '',
      ...uiLines(ui),
      '',
      `Targets for the ${args.scale}× book (p95: the worse edit scenario; derive: median):`,
      `  brief:                 incremental p95 < ${TARGETS.brief.incrementalP95Ms} ms: ${mark(verdict.brief.incrementalP95)} (${f3(p95)} ms); full derive + check < ${TARGETS.brief.fullDeriveMs} ms: ${mark(verdict.brief.fullDerive)} (${f1(big.derive.medianMs)} ms)`,
      `  notes/performance.md:  incremental p95 ≤ ${TARGETS.notes.incrementalP95Ms} ms: ${mark(verdict.notes.incrementalP95)} (${f3(p95)} ms); full derive + check ≤ ${TARGETS.notes.fullDeriveMs} ms: ${mark(verdict.notes.fullDerive)} (${f1(big.derive.medianMs)} ms)`,
      `Total ${f1(report.totalSeconds)} s. Load average ${f2(report.machine.loadavg.before)} → ${f2(report.machine.loadavg.after)} on ${report.machine.cpus} CPUs${
        Math.max(report.machine.loadavg.before, report.machine.loadavg.after) > report.machine.cpus ? ' — the machine was busy; timings are inflated, run again when idle' : ''
      }.`,
      '',
    ].join('\n'),
  );
}

await main();
