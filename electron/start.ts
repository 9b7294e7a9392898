/**
 * `npm start`: builds the renderer, then runs the desktop program when an Electron binary is installed, and
 * otherwise serves the same build in the browser (vite preview on 127.0.0.1). It never loads the 'electron'
 * package: that would start Electron's download of its binary, which fails offline.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { preview } from 'vite';
import { buildElectron, buildRenderer, isEntryPoint, PROJECT_ROOT } from './build';

export const WEB_MODE_NOTICE = '未找到 Electron 程序，改用浏览器模式 / Electron binary not found, serving web mode:';

/** The Electron executable that node_modules/electron would run, if its binary was ever downloaded. */
export function electronBinary(projectRoot: string): string | undefined {
  const packageDir = path.join(projectRoot, 'node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

async function serveWebMode(): Promise<void> {
  const server = await preview({ configFile: path.join(PROJECT_ROOT, 'vite.config.ts'), logLevel: 'warn' });
  const address = server.resolvedUrls?.local[0] ?? '';
  console.log(`${WEB_MODE_NOTICE} ${address}`);
}

function runElectron(binary: string): void {
  buildElectron();
  const child = spawn(binary, [PROJECT_ROOT], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

if (isEntryPoint(import.meta.url)) {
  await buildRenderer();
  const binary = electronBinary(PROJECT_ROOT);
  if (binary) runElectron(binary);
  else await serveWebMode();
}
