import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The launcher must decide without loading 'electron', whose first require downloads the binary.
vi.mock('electron', () => {
  throw new Error('the launcher loaded the electron package');
});

const { electronBinary } = await import('../../electron/start');

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'launcher-'));
  mkdirSync(path.join(root, 'node_modules', 'electron'), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('npm start launcher', () => {
  it('finds no binary in a package installed without its download (no path.txt)', () => {
    expect(electronBinary(root)).toBeUndefined();
  });

  it('finds no binary when path.txt names a file that is not there', () => {
    writeFileSync(path.join(root, 'node_modules', 'electron', 'path.txt'), 'electron');
    expect(electronBinary(root)).toBeUndefined();
  });

  it('finds the downloaded binary through path.txt', () => {
    const dist = path.join(root, 'node_modules', 'electron', 'dist');
    mkdirSync(dist);
    writeFileSync(path.join(dist, 'electron'), '#!/bin/sh\n');
    chmodSync(path.join(dist, 'electron'), 0o755);
    writeFileSync(path.join(root, 'node_modules', 'electron', 'path.txt'), 'electron');
    expect(electronBinary(root)).toBe(path.join(dist, 'electron'));
  });
});
