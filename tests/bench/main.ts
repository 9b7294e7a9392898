/**
 * Benchmark (npm run bench): the Guizhou reference book and a generated "100×" book (tests/bench/generate.ts).
 *
 * The engine (engine.ts) per book: file size, load, full derive + check, rows and checks, incremental recompute after
 * single-amount edits, rendering every view, memory; then the workbook, the PDF and the editor in Chromium (ui.ts).
 * The engine runs from a bundle built here the way the app is built (vite), not through tsx: tsx's transform keeps
 * function names by wrapping every function it creates, a cost the shipped code does not have.
 *
 *   npm run bench                 table on stdout
 *   npm run bench -- --json       one JSON object (one line) on stdout, nothing else from this program; progress
 *                                 goes to stderr. npm itself prints a "> budget-disclosure bench" banner on stdout
 *                                 unless run silently: `npm run -s bench -- --json > bench.json`.
 *   options: --scale 100  --seed 1  --edits 1000  --quick (fewer repetitions)
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { BookResult, EngineArgs } from './engine';
import { pdfBenchmark, pdfLines } from './pdf';
import { uiBenchmark, uiLines } from './ui';
import { workbookBenchmark, workbookLines } from './workbook';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MB = 1024 * 1024;

/** Targets: the brief's, and the stricter ones of shared/notes/performance.md (100× book). */
const TARGETS = {
  brief: { incrementalP95Ms: 2, fullDeriveMs: 300 },
  notes: { incrementalP95Ms: 0.2, fullDeriveMs: 50 },
};

interface Args extends EngineArgs {
  json: boolean;
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
  };
}

/**
 * Bundles engine.ts for node as the app's code is bundled (inside node_modules/.cache so that its imports of
 * packages resolve from the project); returns the bundle's path.
 */
async function bundleEngine(): Promise<string> {
  const outDir = path.join(ROOT, 'node_modules', '.cache', 'bench');
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    build: {
      ssr: path.join(ROOT, 'tests', 'bench', 'engine.ts'),
      outDir,
      emptyOutDir: true,
      minify: false,
      rollupOptions: { output: { entryFileNames: 'engine.mjs' } },
    },
  });
  return path.join(outDir, 'engine.mjs');
}

function runChild(bundle: string, which: string, args: EngineArgs): BookResult {
  const options = JSON.stringify({ scale: args.scale, seed: args.seed, edits: args.edits, quick: args.quick });
  const r = spawnSync(process.execPath, ['--expose-gc', bundle, which, ROOT, options], {
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
  const loadBefore = os.loadavg()[0]!;
  const t0 = performance.now();
  const bundle = await bundleEngine();
  const results = [runChild(bundle, 'guizhou', args), runChild(bundle, 'generated', args)];
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
    totalSeconds: (performance.now() - t0) / 1000,
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
