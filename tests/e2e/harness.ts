/**
 * The browser tests' harness: the built renderer served over http://127.0.0.1 by Vite's preview server, and the
 * system Chromium (Debian package `chromium`) driven by playwright-core.
 *
 * The renderer is built at most once per change of its sources: dist/renderer is reused while it is newer than every
 * file it is built from, and a build is done under a lock so that test files (and other engineers' test runs in the
 * same tree) never build at the same time. Each server serves a private copy of the build, so a rebuild started
 * elsewhere never pulls files from under a page that is loading.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type LaunchOptions, type Page } from 'playwright-core';
import { preview } from 'vite';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = path.join(ROOT, 'dist/renderer');
const LOCK = path.join(ROOT, 'dist/.renderer-build.lock');
/** What the renderer bundle is built from; test files are left out (they are not bundled). */
const SOURCES = ['renderer', 'shared', 'templates', 'vite.config.ts', 'package.json'];

export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic'];
/** Wide enough for the navigation, a table and the checks panel side by side, as on an office monitor. */
export const VIEWPORT = { width: 1600, height: 900 };

function newestSource(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return /\.test\.tsx?$/.test(p) ? 0 : st.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(p)) newest = Math.max(newest, newestSource(path.join(p, name)));
  return newest;
}

function isFresh(): boolean {
  const built = path.join(DIST, 'index.html');
  if (!existsSync(built)) return false;
  const sources = Math.max(...SOURCES.map((s) => newestSource(path.join(ROOT, s))));
  return statSync(built).mtimeMs > sources;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Takes the build lock (a directory: creating it is atomic); a lock older than the longest build is left over. */
async function withBuildLock<T>(f: () => T): Promise<T> {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      const held = statSync(LOCK, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 180_000) rmSync(LOCK, { recursive: true, force: true });
      await sleep(200);
    }
  }
  try {
    return f();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Builds dist/renderer unless it is fresh. */
export async function ensureBuilt(): Promise<void> {
  if (isFresh()) return;
  await withBuildLock(() => {
    if (isFresh()) return;
    const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');
    const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'error'], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`vite build failed (status ${r.status}):\n${r.stdout}\n${r.stderr}`);
  });
}

export interface App {
  /** The app's address, e.g. http://127.0.0.1:41234/ */
  readonly url: string;
  close(): Promise<void>;
}

/** Builds if needed and serves a copy of the build on a free port of 127.0.0.1. */
export async function serveApp(): Promise<App> {
  await ensureBuilt();
  const copy = mkdtempSync(path.join(tmpdir(), 'budget-e2e-app-'));
  cpSync(DIST, copy, { recursive: true });
  const server = await preview({
    configFile: false,
    root: copy,
    logLevel: 'silent',
    build: { outDir: copy },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview gave no address');
  return {
    url,
    async close() {
      await server.close();
      rmSync(copy, { recursive: true, force: true });
    },
  };
}

function chromiumOptions(): LaunchOptions {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing (${CHROMIUM}): install the Debian package "chromium" (sudo apt-get install chromium); npm test installs it when run as root`);
  }
  return { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS };
}

/** A headless Chromium with a fresh temporary profile (each context gets its own empty IndexedDB). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch(chromiumOptions());
}

/**
 * Functions handed to page.evaluate travel as their source text. Under tsx (the benchmark) esbuild's keepNames wraps
 * named inner functions in a call to its helper __name, which the page does not have: give it one that does nothing.
 */
async function prepare(context: BrowserContext): Promise<BrowserContext> {
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  return context;
}

/** A page in a new context of the browser: its own empty storage, the office-monitor viewport. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await prepare(await browser.newContext({ viewport: VIEWPORT }));
  return context.newPage();
}

/** A headless Chromium on a profile directory that outlives the browser (for restarts). */
export async function launchProfile(profileDir: string): Promise<BrowserContext> {
  return prepare(await chromium.launchPersistentContext(profileDir, { ...chromiumOptions(), viewport: VIEWPORT }));
}

/** A fresh temporary directory, removed by the returned function. */
export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Running {
  readonly url: string;
  readonly browser: Browser;
  close(): Promise<void>;
}

/** The served app and a browser for it: what most browser tests start with. */
export async function startApp(): Promise<Running> {
  const [app, browser] = await Promise.all([serveApp(), launchBrowser()]);
  return {
    url: app.url,
    browser,
    async close() {
      await browser.close();
      await app.close();
    },
  };
}
