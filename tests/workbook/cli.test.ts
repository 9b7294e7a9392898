import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readBookFileText } from '../../shared/book/import';
import { runWorkbookCommand } from '../../shared/cli/workbook-commands';
import { findTemplate } from '../../shared/template/registry';
import { guizhouBook } from '../support/books';
import { editWorkbook } from './support';

const root = fileURLToPath(new URL('../..', import.meta.url));
const EXAMPLE = path.join(root, 'examples/guizhou-2024.budget.json');
const dir = mkdtempSync(path.join(tmpdir(), 'budget-xlsx-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cli export / import', () => {
  it('exports a book file as a workbook and imports it back into the same book', async () => {
    const xlsx = path.join(dir, 'guizhou.xlsx');
    const exported = await runWorkbookCommand(['export', EXAMPLE, '--xlsx', xlsx]);
    expect(exported).toEqual({ code: 0, stdout: `已导出 14 张表到 ${xlsx}`, stderr: '' });

    const out = path.join(dir, 'back.budget.json');
    const imported = await runWorkbookCommand(['import', xlsx, '--out', out]);
    expect(imported).toEqual({ code: 0, stdout: `已导入（来源：工作簿中保存的数据包）到 ${out}`, stderr: '' });
    const { book } = await readBookFileText(readFileSync(out, 'utf8'), findTemplate);
    expect(book.file.data).toEqual(guizhouBook().data);
  });

  it('prints every problem in Chinese, exits 2 and writes nothing', async () => {
    const xlsx = path.join(dir, 'broken.xlsx');
    await runWorkbookCommand(['export', EXAMPLE, '--xlsx', xlsx]);
    writeFileSync(xlsx, await editWorkbook(readFileSync(xlsx), (wb) => wb.removeWorksheet(wb.getWorksheet('表13')!.id)));
    const out = path.join(dir, 'never.budget.json');
    const r = await runWorkbookCommand(['import', xlsx, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`无法导入：工作簿“${xlsx}”有 1 处问题，未写入任何文件：\n- 表13：缺少工作表“表13”（2024年省对下转移支付预算表）`);
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 with the usage, or the reason, when it cannot start', async () => {
    expect((await runWorkbookCommand(['export', EXAMPLE])).code).toBe(2);
    expect((await runWorkbookCommand(['import', '--out', 'x.json'])).stderr).toMatch(/^用法：/);
    const missing = await runWorkbookCommand(['import', path.join(dir, 'none.xlsx'), '--out', path.join(dir, 'x.json')]);
    expect(missing).toMatchObject({ code: 2, stderr: `无法读取：找不到文件“${path.join(dir, 'none.xlsx')}”或无法读取` });
    const badBook = path.join(dir, 'bad.budget.json');
    writeFileSync(badBook, '{', 'utf8');
    const r = await runWorkbookCommand(['export', badBook, '--xlsx', path.join(dir, 'bad.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^无法读取：数据包有 1 处问题/);
    expect(existsSync(path.join(dir, 'bad.xlsx'))).toBe(false);
  });
});
