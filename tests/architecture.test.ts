import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkSource, checkTree, formatViolation } from './architecture';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const check = (file: string, text: string) => checkSource(file, text).map(formatViolation);

describe('architecture: shared/ is pure domain code', () => {
  it('no file under shared/ imports UI, Dexie, Electron, renderer/, electron/, the DOM or (outside shared/cli) Node', () => {
    expect(checkTree(repoRoot).map(formatViolation)).toEqual([]);
  });
});

describe('architecture checker', () => {
  it('reports a forbidden import with file:line', () => {
    const src = ["import Decimal from 'decimal.js';", '', "import { useState } from 'react';", ''].join('\n');
    expect(check('shared/engine/derive.ts', src)).toEqual([
      "shared/engine/derive.ts:3: imports 'react': no UI, Dexie or Electron code in shared/",
    ]);
  });

  it('reports every kind of import of a forbidden module', () => {
    const src = [
      "import type { MantineTheme } from '@mantine/core';",
      "export { db } from '../../renderer/db';",
      "const m = await import('dexie');",
      "const e = require('electron');",
      "type R = import('react-dom').Root;",
      "import '../../electron/main';",
      "import jsx from 'react/jsx-runtime';",
    ].join('\n');
    const lines = checkSource('shared/engine/x.ts', src).map((v) => v.line);
    expect(lines).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('allows shared/, templates/ and plain libraries', () => {
    const src = [
      "import Decimal from 'decimal.js';",
      "import { z } from 'zod';",
      "import { add } from '../money/money';",
      "import tables from '../../templates/guizhou-2024/tables.json';",
      "import ExcelJS from 'exceljs';",
    ].join('\n');
    expect(check('shared/engine/x.ts', src)).toEqual([]);
  });

  it('reports relative imports that leave shared/', () => {
    expect(check('shared/a.ts', "import { x } from '../tests/helpers';")).toEqual([
      "shared/a.ts:1: imports '../tests/helpers' (resolves to tests/helpers): shared/ may import only shared/ and templates/",
    ]);
  });

  it('reports DOM globals, but not comments, strings, property names or local names', () => {
    const src = [
      '// window.print() is called by the renderer, not here',
      "const s = 'document.title';",
      'const o = { window: 1, navigator: 2 };',
      'const w = o.window;',
      'localStorage.setItem("k", "v");',
      'const db = indexedDB.open("x");',
      'const t = globalThis.document;',
      'export function f(navigator: string) { return navigator; }',
    ].join('\n');
    expect(check('shared/a.ts', src)).toEqual([
      "shared/a.ts:5: uses the DOM global 'localStorage': shared/ must run in Node too",
      "shared/a.ts:6: uses the DOM global 'indexedDB': shared/ must run in Node too",
      "shared/a.ts:7: uses the DOM global 'globalThis.document': shared/ must run in Node too",
    ]);
    expect(check('shared/b.tsx', 'export const t = window.innerWidth;')).toHaveLength(1);
  });

  it('reports Node built-ins outside shared/cli/** and test files', () => {
    const src = ["import { readFileSync } from 'node:fs';", "import path from 'path';", "import cp from 'child_process';",
      "import os from 'os';", "import { readFile } from 'fs/promises';"].join('\n');
    expect(checkSource('shared/book/io.ts', src).map((v) => v.line)).toEqual([1, 2, 3, 4, 5]);
    expect(check('shared/cli/main.ts', src)).toEqual([]);
    expect(check('shared/cli/commands/check.ts', src)).toEqual([]);
    expect(check('shared/engine/derive.test.ts', src)).toEqual([]);
    // the exemption covers Node only, not UI or DOM
    expect(check('shared/cli/main.ts', "import React from 'react';")).toHaveLength(1);
  });

  it('walks a tree and finds the bad file', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'arch-'));
    try {
      mkdirSync(path.join(root, 'shared/engine/deep'), { recursive: true });
      mkdirSync(path.join(root, 'shared/node_modules/x'), { recursive: true });
      writeFileSync(path.join(root, 'shared/engine/ok.ts'), "export const a = 1;\n");
      writeFileSync(path.join(root, 'shared/engine/deep/bad.tsx'), "\nimport { Button } from '@mantine/core';\n");
      writeFileSync(path.join(root, 'shared/engine/notes.md'), "import React from 'react';\n");
      writeFileSync(path.join(root, 'shared/node_modules/x/index.ts'), "import React from 'react';\n");
      expect(checkTree(root).map(formatViolation)).toEqual([
        "shared/engine/deep/bad.tsx:2: imports '@mantine/core': no UI, Dexie or Electron code in shared/",
      ]);
      expect(checkTree(root, 'nonexistent')).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
