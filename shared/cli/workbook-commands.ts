/**
 * The workbook commands of the command line (main.ts dispatches to them):
 *   npm run cli -- export FILE --xlsx OUT.xlsx     the 14 tables as an Excel workbook (with the hidden 数据包 sheet)
 *   npm run cli -- import IN.xlsx --out FILE       a workbook in the published layout back into a book file
 * Exit codes: 0 done; 2 nothing written: the input cannot be read, or the workbook has problems (each listed with
 * its sheet, row and column). What an import guessed or imported as 手工填报 is listed on stdout.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { serializeBook } from '../book/export';
import { EngineError } from '../engine/build';
import { allTemplates } from '../template/registry';
import { ValidationError } from '../validation/issues';
import { describeMessage } from '../workbook/messages';
import { readWorkbook } from '../workbook/read';
import { writeWorkbook } from '../workbook/write';
import { openBook } from './commands';

const USAGE = `用法：
  npm run cli -- export 数据包.budget.json --xlsx 公开表.xlsx   导出 Excel 工作簿
  npm run cli -- import 公开表.xlsx --out 数据包.budget.json    从 Excel 工作簿导入
退出码：0 完成；2 未写入任何文件（输入无法读取，或工作簿有问题）。`;

/** A terminal shows this many problems; the rest are counted (a workbook from another system can have thousands). */
const PROBLEMS_LISTED = 50;

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function isWorkbookCommand(argv: readonly string[]): boolean {
  return argv[0] === 'export' || argv[0] === 'import';
}

export function option(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function exportWorkbook(file: string, out: string): Promise<CommandResult> {
  const { engine } = await openBook(file);
  writeFileSync(out, await writeWorkbook(engine));
  return { code: 0, stdout: `已导出 ${engine.model.tables.length} 张表到 ${out}`, stderr: '' };
}

async function importWorkbook(input: string, out: string): Promise<CommandResult> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(input);
  } catch {
    return { code: 2, stdout: '', stderr: `无法读取：找不到文件“${input}”或无法读取` };
  }
  const result = await readWorkbook(bytes, allTemplates());
  if (!result.ok) {
    const lines = result.problems.slice(0, PROBLEMS_LISTED).map((p) => `- ${describeMessage(p)}`);
    const more = result.problems.length > PROBLEMS_LISTED ? [`……另有 ${result.problems.length - PROBLEMS_LISTED} 处问题`] : [];
    return { code: 2, stdout: '', stderr: [`无法导入：工作簿“${input}”有 ${result.problems.length} 处问题，未写入任何文件：`, ...lines, ...more].join('\n') };
  }
  writeFileSync(out, await serializeBook(result.book), 'utf8');
  const source = result.source === 'package' ? '工作簿中保存的数据包' : '表格';
  const manual = result.manualTables.length > 0 ? `；按手工填报导入：${result.manualTables.join('、')}` : '';
  const lines = result.notices.map((n) => `- ${describeMessage(n)}`);
  return { code: 0, stdout: [...(lines.length > 0 ? ['请核对：', ...lines] : []), `已导入（来源：${source}${manual}）到 ${out}`].join('\n'), stderr: '' };
}

export async function runWorkbookCommand(argv: readonly string[]): Promise<CommandResult> {
  const [command, input] = argv;
  const out = option(argv, command === 'export' ? '--xlsx' : '--out');
  if (!input || !out || input.startsWith('--')) return { code: 2, stdout: '', stderr: USAGE };
  try {
    return command === 'export' ? await exportWorkbook(input, out) : await importWorkbook(input, out);
  } catch (e) {
    if (e instanceof ValidationError || e instanceof EngineError) return { code: 2, stdout: '', stderr: `无法读取：${e.message}` };
    throw e;
  }
}
