/**
 * The commands of the command line (see main.ts, the entry point):
 *   npm run cli -- derive FILE [--json]
 *   npm run cli -- check FILE [--json]
 * Exit codes: 0 no 强制 failure, 1 a 强制 check failed, 2 the file cannot be read (the message says why and where).
 * Importing this module runs nothing, so tests can call run() directly.
 */
import { readFileSync } from 'node:fs';
import { readBookFileText } from '../book/import';
import { EngineError } from '../engine/build';
import type { Failure } from '../engine/checks';
import { Engine } from '../engine/engine';
import { allViews, headerRows, plainCells } from '../engine/view';
import { findTemplate } from '../template/registry';
import { ValidationError } from '../validation/issues';

const USAGE = `用法：
  npm run cli -- derive 数据包.budget.json [--json]   推导并输出全部表格
  npm run cli -- check 数据包.budget.json [--json]    审核，列出未通过的规则
  npm run cli -- export 数据包.budget.json --xlsx 公开表.xlsx   导出 Excel 工作簿
  npm run cli -- export 数据包.budget.json --pdf 公开文件.pdf   生成公开文件 PDF
  npm run cli -- import 公开表.xlsx --out 数据包.budget.json    从 Excel 工作簿导入
退出码：0 无强制性错误；1 有强制性错误；2 文件无法读取。`;

class UsageError extends Error {}

/**
 * Reads a book file as the app's import does (a damaged checksum is refused, an older format version migrated) and
 * derives it; also returns the file's text, for commands that hand the book on (the PDF's print view).
 */
export async function openBook(path: string): Promise<{ readonly engine: Engine; readonly text: string }> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ValidationError(`文件“${path}”`, [{ where: path, message: '找不到文件或无法读取' }]);
  }
  const { book } = await readBookFileText(text, findTemplate);
  return { engine: Engine.run(book), text };
}

function derive(engine: Engine, json: boolean): string {
  const money = engine.book.template.money;
  const views = allViews(engine);
  if (json) {
    const tables = views.map((v) => ({
      id: v.caption,
      title: v.title,
      headerRows: headerRows(v),
      columnNumbers: v.columnNumbers,
      rows: v.rows.map((r) => plainCells(r, money)),
      notes: v.notes,
    }));
    return JSON.stringify({ department: engine.book.file.department.name, year: engine.book.file.year, tables }, null, 1);
  }
  return views
    .map((v) =>
      [
        v.caption,
        v.title,
        v.orgLine,
        v.unitLine,
        ...headerRows(v).map((r) => r.join('\t')),
        ...(v.colNoRow ? [v.colNoRow.join('\t')] : []),
        ...v.rows.map((r) => r.cells.map((c) => (c.kind === 'blank' ? '' : c.text)).join('\t')),
        ...v.notes,
      ].join('\n'),
    )
    .join('\n\n');
}

export function describeFailure(f: Failure): string {
  const place = [f.table, f.row && `行“${f.row}”`, f.column && `列“${f.column}”`].filter(Boolean).join(' ');
  const figures = f.sides
    ? `左边（${f.sides.left}）${f.actual}，右边（${f.sides.right}）${f.expected}${f.difference !== undefined ? `，差额 ${f.difference}` : ''}`
    : f.difference !== undefined
      ? `应为 ${f.expected}，实为 ${f.actual}，差额 ${f.difference}`
      : [f.expected && `应为 ${f.expected}`, f.actual].filter(Boolean).join('，');
  return `[${f.severity}] ${f.ruleId} ${f.name}${place ? `｜${place}` : ''}｜${figures}`;
}

function check(engine: Engine, json: boolean): { output: string; failed: boolean } {
  const failures = engine.failures();
  const summary = engine.summary();
  const output = json
    ? JSON.stringify({ summary, failures }, null, 1)
    : [...failures.map(describeFailure), `审核结果：强制性错误 ${summary.强制} 条，提示 ${summary.提示} 条。`].join('\n');
  return { output, failed: summary.强制 > 0 };
}

export async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const [command, file, ...rest] = argv;
    const json = rest.includes('--json');
    if (!command || !file || !['derive', 'check'].includes(command)) throw new UsageError(USAGE);
    const { engine } = await openBook(file);
    if (command === 'derive') return { code: 0, stdout: derive(engine, json), stderr: '' };
    const { output, failed } = check(engine, json);
    return { code: failed ? 1 : 0, stdout: output, stderr: '' };
  } catch (e) {
    if (e instanceof UsageError) return { code: 2, stdout: '', stderr: e.message };
    if (e instanceof ValidationError || e instanceof EngineError) return { code: 2, stdout: '', stderr: `无法读取：${e.message}` };
    throw e;
  }
}
