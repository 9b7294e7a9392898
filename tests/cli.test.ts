import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { serializeBook } from '../shared/book/export';
import { run } from '../shared/cli/commands';

const root = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLE = path.join(root, 'examples/guizhou-2024.budget.json');
const EXAMPLE_TEXT = readFileSync(EXAMPLE, 'utf8');
const PUBLISHED = JSON.parse(readFileSync(path.join(root, 'tests/fixtures/guizhou-2024-published.json'), 'utf8'));

const dir = mkdtempSync(path.join(tmpdir(), 'budget-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a book file to the temp directory and returns its path. */
function bookFile(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text, 'utf8');
  return file;
}

/** The example with one edit, written to a temp file. */
function editedBook(name: string, edit: (book: any) => void): string {
  const book = JSON.parse(EXAMPLE_TEXT);
  edit(book);
  return bookFile(name, JSON.stringify(book, null, 1));
}

const lastLine = (text: string) => text.trimEnd().split('\n').at(-1);

describe('cli check', () => {
  it('passes the example: exit 0, 0 强制 and 6 提示', async () => {
    const r = await run(['check', EXAMPLE]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(lastLine(r.stdout)).toBe('审核结果：强制性错误 0 条，提示 6 条。');
    const failureLines = r.stdout.trimEnd().split('\n').slice(0, -1);
    expect(failureLines).toHaveLength(6);
    for (const line of failureLines) expect(line.startsWith('[提示] ')).toBe(true);
  });

  it('--json gives the summary and the failures', async () => {
    const r = await run(['check', EXAMPLE, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.summary).toEqual({ 强制: 0, 提示: 6 });
    expect(out.failures).toHaveLength(6);
    for (const f of out.failures) expect(f.severity).toBe('提示');
  });

  it('a basic line changed by 0.01 万元 fails a 强制 check: exit 1', async () => {
    const file = editedBook('off-by-a-cent.budget.json', (b) => {
      expect(b.data.basic[0].gpb).toBe('123.53');
      b.data.basic[0].gpb = '123.54';
    });
    const r = await run(['check', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^\[强制\] /m);
    expect(lastLine(r.stdout)).toMatch(/^审核结果：强制性错误 [1-9]\d* 条，提示 \d+ 条。$/);
    // Somewhere the difference of exactly 0.01 is shown.
    expect(r.stdout).toContain('差额');
    expect(r.stdout).toMatch(/差额 -?0\.01/);

    const json = JSON.parse((await run(['check', file, '--json'])).stdout);
    expect(json.summary.强制).toBeGreaterThan(0);
  });

  it('a missing file: exit 2 with a Chinese message naming the file', async () => {
    const missing = path.join(dir, 'no-such-file.budget.json');
    const r = await run(['check', missing]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('无法读取');
    expect(r.stderr).toContain('找不到文件或无法读取');
    expect(r.stderr).toContain(missing);
  });

  it('a file changed after export (its checksum no longer matches): exit 2, naming the checksum', async () => {
    const exported = await serializeBook(JSON.parse(EXAMPLE_TEXT));
    const tampered = exported.replace('"gpb": "123.53"', '"gpb": "123.54"');
    expect(tampered).not.toBe(exported);
    const r = await run(['check', bookFile('tampered.budget.json', tampered)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('checksum');
    expect(r.stderr).toContain('校验码与文件内容不符');
    expect((await run(['check', bookFile('exported.budget.json', exported)])).code).toBe(0);
  });

  it('a file of format version 0 (amounts as JSON numbers) is migrated and checked like the current one', async () => {
    const old = editedBook('version0.budget.json', (book) => {
      book.formatVersion = 0;
      for (const records of Object.values(book.data) as Record<string, string>[][]) {
        for (const r of records) for (const [k, v] of Object.entries(r)) if (/^-?\d+\.\d+$/.test(v)) (r as Record<string, unknown>)[k] = Number(v);
      }
    });
    expect(readFileSync(old, 'utf8')).toContain('"gpb": 123.53');
    const r = await run(['check', old]);
    expect(r.code).toBe(0);
    expect(lastLine(r.stdout)).toBe(lastLine((await run(['check', EXAMPLE])).stdout));
  });

  it('a truncated file: exit 2, reported as incomplete', async () => {
    const file = bookFile('truncated.budget.json', EXAMPLE_TEXT.slice(0, Math.floor(EXAMPLE_TEXT.length / 2)));
    const r = await run(['check', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('文件不完整，可能在复制或保存时被截断');
  });

  it('a book with an invalid record: exit 2, the problem and its place listed', async () => {
    const file = editedBook('bad-code.budget.json', (b) => {
      b.data.basic[0].func = '2109999';
    });
    const r = await run(['check', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('data.basic[0]（记录 b001）');
    expect(r.stderr).toContain('“2109999”');
  });

  it('an amount too large to be exact: exit 2 with a message, not a crash', async () => {
    const file = editedBook('huge.budget.json', (b) => {
      b.data.income[0].gpb = '99999999999';
    });
    const r = await run(['check', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('超出可处理的金额范围');
  });
});

describe('cli derive', () => {
  it('--json gives the 14 tables 表1…表14 with the published 表1 totals', async () => {
    const r = await run(['derive', EXAMPLE, '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.department).toBe('贵州省医疗保障局');
    expect(out.year).toBe(2024);
    expect(out.tables.map((t: { id: string }) => t.id)).toEqual(Array.from({ length: 14 }, (_, i) => `表${i + 1}`));
    // First row of 表1 as published: 一、本年收入 46 156.15, 一、本年支出 47 881.17.
    expect(PUBLISHED.tables[0].rows[0]).toEqual(['一、本年收入', 46156.15, '一、本年支出', 47881.17]);
    expect(out.tables[0].rows[0]).toEqual(PUBLISHED.tables[0].rows[0]);
  });

  it('prints the tables as text', async () => {
    const r = await run(['derive', EXAMPLE]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('表1\n')).toBe(true);
    expect(r.stdout).toContain('46,156.15');
  });
});

describe('cli usage', () => {
  it('an unknown command: exit 2 with the usage text', async () => {
    const r = await run(['print', EXAMPLE]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('用法');
    expect(r.stderr).toContain('derive');
    expect(r.stderr).toContain('check');
  });

  it('no command or no file: exit 2 with the usage text', async () => {
    for (const argv of [[], ['check'], ['derive']]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr, argv.join(' ')).toContain('用法');
    }
  });
});
