/**
 * The browser tests' harness: the built renderer served over http://127.0.0.1 by Vite's preview server, and the
 * system Chromium (Debian package `chromium`) driven by playwright-core.
 *
 * The renderer build is the command line's (shared/cli/renderer-build.ts): built once per change of its sources into
 * a folder of its own that is never rebuilt in place, so test files running side by side (and other test runs in the
 * same tree) share it and a page never loads half of one build and half of another.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type LaunchOptions, type Page } from 'playwright-core';
import { preview } from 'vite';
import { findChromium } from '../../shared/cli/chromium';
import { rendererBuild } from '../../shared/cli/renderer-build';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic'];
/** Wide enough for the navigation, a table and the checks panel side by side, as on an office monitor. */
export const VIEWPORT = { width: 1600, height: 900 };

export interface App {
  /** The app's address, e.g. http://127.0.0.1:41234/ */
  readonly url: string;
  close(): Promise<void>;
}

/** Serves a renderer build (by default the current sources', built when they changed) on a free port of 127.0.0.1. */
export async function serveApp(build?: string): Promise<App> {
  const dir = build ?? (await rendererBuild());
  const server = await preview({
    configFile: false,
    root: dir,
    logLevel: 'silent',
    build: { outDir: dir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview gave no address');
  return { url, close: () => server.close() };
}

/** The system Chromium; never skipped: without it the tests fail saying what to install. */
function chromiumOptions(): LaunchOptions & { executablePath: string } {
  const executablePath = findChromium();
  if (!executablePath) {
    throw new Error('Chromium is missing: install the Debian package "chromium" (sudo apt-get install chromium; npm test installs it when run as root), or set CHROME_PATH');
  }
  return { executablePath, headless: true, args: CHROMIUM_ARGS };
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

export interface KillableBrowser {
  /** The profile's default context (pages opened in it use the profile's storage). */
  readonly context: BrowserContext;
  /** SIGKILL to the browser and every process it started: a crash, nothing is flushed or closed. */
  kill(): Promise<void>;
}

/**
 * A headless Chromium on a profile directory, started as our own process (in its own process group) and driven over
 * the DevTools protocol, so that it can be killed the hard way. Playwright's persistent contexts do not expose their
 * process.
 */
export async function launchKillable(profileDir: string): Promise<KillableBrowser> {
  const options = chromiumOptions();
  const child = spawn(options.executablePath, [...CHROMIUM_ARGS, '--headless', `--window-size=${VIEWPORT.width},${VIEWPORT.height}`, `--user-data-dir=${profileDir}`, '--remote-debugging-port=0', 'about:blank'], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = await new Promise<string>((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`${options.executablePath} exited (${code}) before listening:\n${err}`)));
  });
  const browser = await chromium.connectOverCDP(endpoint);
  const context = await prepare(browser.contexts()[0]!);
  return {
    context,
    async kill() {
      process.kill(-child.pid!, 'SIGKILL');
      await exited;
    },
  };
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
export async function startApp(build?: string): Promise<Running> {
  const [app, browser] = await Promise.all([serveApp(build), launchBrowser()]);
  return {
    url: app.url,
    browser,
    async close() {
      await browser.close();
      await app.close();
    },
  };
}
