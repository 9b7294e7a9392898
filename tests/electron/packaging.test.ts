/**
 * Packs the desktop program with electron-builder --dir, offline: a stub stands in for the Electron binary
 * (notes/stack.md §2). Builds into a temporary copy of the project, so it never touches dist/ or release/.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import asar from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildElectron, buildRenderer, PROJECT_ROOT } from '../../electron/build';

const packageJson = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
  main: string;
  devDependencies: Record<string, string>;
};

let work: string;
let project: string;
let archive: string;
let files: string[];

function requiredModules(dir: string): Set<string> {
  const modules = new Set<string>();
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    for (const [, id] of readFileSync(path.join(dir, name), 'utf8').matchAll(/require\("([^"]+)"\)/g)) {
      if (id && !id.startsWith('.')) modules.add(id);
    }
  }
  return modules;
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'packaging-'));
  project = path.join(work, 'project');
  mkdirSync(project);
  for (const entry of ['package.json', 'electron-builder.yml', 'build']) {
    cpSync(path.join(PROJECT_ROOT, entry), path.join(project, entry), { recursive: true });
  }
  symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  await buildRenderer(path.join(project, 'dist', 'renderer'));
  buildElectron(path.join(project, 'dist', 'electron'));

  const stub = path.join(work, 'electron-stub');
  mkdirSync(stub);
  writeFileSync(path.join(stub, 'electron'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  writeFileSync(path.join(stub, 'version'), '45.4.1');
  writeFileSync(path.join(stub, 'LICENSE'), 'MIT');

  const builder = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'electron-builder');
  execFileSync(builder, ['--dir', '--linux', '--x64', '--publish', 'never', `-c.electronDist=${stub}`], {
    cwd: project,
    stdio: 'pipe',
    env: { ...process.env, CI: 'true' },
  });
  archive = path.join(project, 'release', 'linux-unpacked', 'resources', 'app.asar');
  files = asar.listPackage(archive, { isPack: false }).map((f) => f.split(path.sep).join('/'));
  const size = statSync(archive).size;
  console.log(`app.asar: ${(size / 1024 / 1024).toFixed(2)} MB, ${files.length} entries`);
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('electron-builder --dir with a stub Electron', () => {
  it('packs the built main, preload and renderer, and the package.json that points at main', () => {
    for (const file of [
      '/package.json',
      '/dist/electron/main.js',
      '/dist/electron/preload.js',
      '/dist/electron/package.json',
      '/dist/renderer/index.html',
    ]) {
      expect(files, file).toContain(file);
    }
    const packed = JSON.parse(asar.extractFile(archive, 'package.json').toString()) as { main: string };
    expect(packed.main).toBe('dist/electron/main.js');
    const html = asar.extractFile(archive, 'dist/renderer/index.html').toString();
    const assets = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((m) => `/dist/renderer/${m[1]}`);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) expect(files).toContain(asset);
  });

  it('holds no devDependency and exactly the packages the main process requires at run time', () => {
    const packages = new Set(files.filter((f) => /^\/node_modules\/[^/]+$/.test(f)).map((f) => f.split('/')[2]));
    for (const dev of Object.keys(packageJson.devDependencies)) expect(packages.has(dev), dev).toBe(false);
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'electron']);
    const needed = [...requiredModules(path.join(project, 'dist', 'electron'))].filter((m) => !builtins.has(m));
    expect([...packages].sort()).toEqual(needed.sort());
  });

  it('runs the packed main-process modules with only what is packed: zod resolves from the archive', () => {
    const extracted = path.join(work, 'extracted');
    asar.extractAll(archive, extracted);
    const load = createRequire(path.join(extracted, 'dist', 'electron', 'contract.js'));
    const { channelArgs } = load('./contract.js') as typeof import('../../electron/contract');
    expect(channelArgs['budget:backup-list'].safeParse({ bookId: 'b1' }).success).toBe(true);
    expect(channelArgs['budget:backup-list'].safeParse({ bookId: '../x' }).success).toBe(false);
    expect(load.resolve('zod')).toContain(path.join(extracted, 'node_modules', 'zod'));
    // ipc.ts switches zod's messages to Chinese; the locale must be packed too.
    const { z } = load('zod') as typeof import('zod');
    z.config(z.locales.zhCN());
    expect(z.string().safeParse(1).error?.issues[0]?.message).toBe('无效输入：期望 string，实际接收 数字');
  });

  it('compiles a preload that requires nothing but electron (a sandboxed preload can load nothing else)', () => {
    const preload = path.join(project, 'dist', 'electron', 'preload.js');
    expect(requiredModules(path.dirname(preload)).has('electron')).toBe(true);
    const ids = [...readFileSync(preload, 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(ids).toEqual(['electron']);
  });

  it('names the Linux executable in ASCII', () => {
    expect(existsSync(path.join(project, 'release', 'linux-unpacked', 'budget-disclosure'))).toBe(true);
  });
});
