/**
 * The renderer build the command line prints with. It is built on first use and again whenever a source it is
 * made of changes, into node_modules/.cache (never over dist/, which the desktop build owns), so `export --pdf`
 * works right after `npm ci`. Concurrent runs each build into their own folder and keep whichever lands first.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SOURCE_DIRS = ['renderer', 'shared', 'templates'];
const SOURCE_FILES = ['vite.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json'];
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'budget-print');

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && !/\.test\.tsx?$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/** A key of every source's path, size and time: a changed, added or removed file gives another key. */
export function sourceKey(root = ROOT): string {
  const files = [...SOURCE_DIRS.flatMap((d) => sourceFiles(path.join(root, d))), ...SOURCE_FILES.map((f) => path.join(root, f))]
    .filter((f) => existsSync(f))
    .sort();
  const hash = createHash('sha256');
  for (const f of files) {
    const s = statSync(f);
    hash.update(`${path.relative(root, f)}\0${s.size}\0${s.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

/** The folder of an up-to-date renderer build (index.html and assets/), building it first when needed. */
export async function rendererBuild(): Promise<string> {
  const key = sourceKey();
  const dir = path.join(CACHE, key);
  if (existsSync(path.join(dir, 'index.html'))) return dir;
  mkdirSync(CACHE, { recursive: true });
  const tmp = path.join(CACHE, `tmp-${process.pid}-${Date.now()}`);
  const { build } = await import('vite');
  // The production bundle the app ships, whoever asks. Vite and the React plugin choose React's build and JSX runtime
  // from NODE_ENV, which Vitest sets to `test`: that gave the development build (several times slower, and the
  // benchmark measured it instead of the app). NODE_ENV says production for the build's duration only.
  const nodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await build({
      configFile: path.join(ROOT, 'vite.config.ts'),
      root: path.join(ROOT, 'renderer'),
      logLevel: 'warn',
      mode: 'production',
      build: { outDir: tmp, emptyOutDir: true },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = nodeEnv;
  }
  try {
    renameSync(tmp, dir);
  } catch (e) {
    // Another run finished the same build first: use theirs.
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(path.join(dir, 'index.html'))) throw e;
  }
  removeStale(key);
  return dir;
}

/** Builds of older sources, left by earlier runs (an hour's grace for a run still printing with one). */
function removeStale(current: string): void {
  const hourAgo = Date.now() - 3_600_000;
  for (const name of readdirSync(CACHE)) {
    const dir = path.join(CACHE, name);
    if (name !== current && statSync(dir).mtimeMs < hourAgo) rmSync(dir, { recursive: true, force: true });
  }
}
