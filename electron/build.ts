/**
 * Builds what the desktop program runs: the renderer (vite build → dist/renderer) and the main process and
 * preload (tsc → dist/electron, CommonJS). `npm run build:electron` runs it; electron-builder packs the result.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export async function buildRenderer(outDir = path.join(PROJECT_ROOT, 'dist', 'renderer')): Promise<void> {
  await build({
    configFile: path.join(PROJECT_ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
}

export function buildElectron(outDir = path.join(PROJECT_ROOT, 'dist', 'electron')): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const project = path.join(PROJECT_ROOT, 'tsconfig.electron.json');
  const result = spawnSync(process.execPath, [tsc, '-p', project, '--outDir', outDir], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`tsc -p tsconfig.electron.json 失败（退出码 ${result.status}）`);
  // The project's package.json says "type": "module"; this marker makes Electron load the output as CommonJS,
  // which a sandboxed preload requires.
  writeFileSync(path.join(outDir, 'package.json'), '{ "type": "commonjs" }\n');
}

/** True when the module at `moduleUrl` is the script that node/tsx was asked to run. */
export function isEntryPoint(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(moduleUrl);
}

if (isEntryPoint(import.meta.url)) {
  await buildRenderer();
  buildElectron();
}
