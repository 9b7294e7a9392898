/** `npm run cli -- export FILE --pdf OUT.pdf`: what it says when it cannot print, before any browser starts. */
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { findChromium, NO_CHROMIUM } from '../../shared/cli/chromium';
import { isPdfCommand, runPdfCommand } from '../../shared/cli/pdf-export';

const dir = mkdtempSync(path.join(tmpdir(), 'budget-pdf-cli-'));
const out = path.join(dir, 'out.pdf');
const savedChromePath = process.env.CHROME_PATH;

afterEach(() => {
  if (savedChromePath === undefined) delete process.env.CHROME_PATH;
  else process.env.CHROME_PATH = savedChromePath;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('export --pdf', () => {
  it('is the PDF export only with --pdf (export --xlsx is the workbook’s)', () => {
    expect(isPdfCommand(['export', 'a.budget.json', '--pdf', 'a.pdf'])).toBe(true);
    expect(isPdfCommand(['export', 'a.budget.json', '--xlsx', 'a.xlsx'])).toBe(false);
  });

  it('shows the usage when the output is missing', async () => {
    const r = await runPdfCommand(['export', 'examples/guizhou-2024.budget.json', '--pdf']);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toContain('用法：');
  });

  it('names a page-number style it does not know, and lists the ones it does', async () => {
    const r = await runPdfCommand(['export', 'examples/guizhou-2024.budget.json', '--pdf', out, '--footer', 'Page {page}']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('页码格式“Page {page}”不可用');
    expect(r.stderr).toContain('"第 {page} 页 / 共 {pages} 页"');
  });

  it('says which file it cannot read', async () => {
    const r = await runPdfCommand(['export', path.join(dir, 'missing.budget.json'), '--pdf', out]);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toContain(`${path.join(dir, 'missing.budget.json')}：找不到文件或无法读取`);
  });

  it('says where a broken book file is broken, and writes nothing', async () => {
    const broken = path.join(dir, 'broken.budget.json');
    writeFileSync(broken, '{"format": "budget-disclosure-book",\n  "year": }');
    const r = await runPdfCommand(['export', broken, '--pdf', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^无法读取：/);
    expect(r.stderr).toContain('第 2 行第 11 列');
    expect(existsSync(out)).toBe(false);
  });

  it('names the Debian package to install when there is no Chromium', async () => {
    process.env.CHROME_PATH = path.join(dir, 'no-such-chromium');
    const r = await runPdfCommand(['export', 'examples/guizhou-2024.budget.json', '--pdf', out]);
    expect(r).toMatchObject({ code: 2, stderr: NO_CHROMIUM });
    expect(NO_CHROMIUM).toContain('apt-get install chromium');
    expect(existsSync(out)).toBe(false);
  });
});

describe('findChromium', () => {
  it('takes CHROME_PATH when it is an executable, and nothing else then', () => {
    const fake = path.join(dir, 'my-chrome');
    writeFileSync(fake, '#!/bin/sh\n');
    chmodSync(fake, 0o755);
    expect(findChromium({ CHROME_PATH: fake })).toBe(fake);
    expect(findChromium({ CHROME_PATH: path.join(dir, 'nothing') })).toBeUndefined();
  });

  it('finds chromium on PATH when /usr/bin/chromium is not there', () => {
    const bin = mkdtempSync(path.join(dir, 'bin-'));
    writeFileSync(path.join(bin, 'chromium-browser'), '#!/bin/sh\n');
    chmodSync(path.join(bin, 'chromium-browser'), 0o755);
    const found = findChromium({ PATH: bin });
    expect(found === '/usr/bin/chromium' || found === path.join(bin, 'chromium-browser')).toBe(true);
    if (!existsSync('/usr/bin/chromium')) expect(found).toBe(path.join(bin, 'chromium-browser'));
  });
});
