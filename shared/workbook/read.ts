/**
 * Reading a workbook in the published layout back into a book file, as a preview: nothing is written anywhere, the
 * caller imports the returned book only when the officer accepts.
 *
 * - Our own workbook with its 数据包 sheet intact and its tables as written: the book file exactly as exported.
 * - Tables that differ from the 数据包 (a figure edited in Excel), or no intact 数据包 (a workbook filled in by the
 *   finance department, or one whose hidden sheet was removed): the printed tables win. The entered data is read
 *   from the entry tables; what they do not print comes from the 数据包 where there is one, else it is
 *   reconstructed where the tables determine it and reported where they do not. A derived table whose printed
 *   figures then still differ from what the entered data derives is imported as 手工填报 with the printed figures,
 *   so the checks flag the difference; every such difference is reported. A code the catalogue lacks, printed with
 *   its name, is taken as one the book added (its extraCodes), and reported.
 * - Anything that cannot be read as laid out (a missing sheet, a moved or renamed column, a word in an amount cell,
 *   an unknown code the tables do not name, a row out of place) is a problem at its cell, and nothing is imported.
 */
import { readBookFileText } from '../book/import';
import { resolveBook } from '../book/load';
import { BOOK_FORMAT, BOOK_FORMAT_VERSION, type BookFile } from '../book/schema';
import { Engine } from '../engine/engine';
import { bookLookup, fillText, type Lookup } from '../engine/text';
import { tableView } from '../engine/view';
import type { Template } from '../template/schema';
import { ValidationError } from '../validation/issues';
import { bookDifferences } from './compare';
import { type WorkbookMessage, workbookMessage } from './messages';
import { PACKAGE_SHEET, readPackage } from './package-sheet';
import { type PrintedRow, readPrintedTable } from './printed-table';
import { rebuildBook } from './rebuild';
import { unfill } from './unfill';
import { type ReadSheet, readXlsx, UnreadableWorkbookError } from './xlsx';

export type WorkbookImport =
  | {
      readonly ok: true;
      readonly book: BookFile;
      /** `package`: the 数据包 exactly; `tables`: read from the printed tables. */
      readonly source: 'package' | 'tables';
      /** Captions of the tables imported as 手工填报 (their printed figures differ from what the entered data derives). */
      readonly manualTables: readonly string[];
      /** What the officer should know before accepting: differences, guesses, what could not be recovered. */
      readonly notices: readonly WorkbookMessage[];
    }
  | { readonly ok: false; readonly problems: readonly WorkbookMessage[] };

/** At most this many differing cells are listed per table; the rest are counted. */
const DIFFERENCES_LISTED = 20;

const fail = (problems: WorkbookMessage[]): WorkbookImport => ({ ok: false, problems });

export async function readWorkbook(bytes: Uint8Array, templates: readonly Template[]): Promise<WorkbookImport> {
  let sheets: ReadSheet[];
  try {
    sheets = await readXlsx(bytes);
  } catch (e) {
    if (!(e instanceof UnreadableWorkbookError)) throw e;
    return fail([workbookMessage({ sheet: '' }, '无法打开：不是有效的 Excel 工作簿（.xlsx），或文件已损坏')]);
  }
  const notices: WorkbookMessage[] = [];
  const hint = await packagedBook(sheets, templates, notices);
  const template = hint?.template ?? detectTemplate(sheets, templates);
  if (!template) return fail([workbookMessage({ sheet: '' }, '工作簿中没有本程序能识别的表格（工作表应名为“表1”“表2”……，标题与模板一致）')]);

  const problems: WorkbookMessage[] = [];
  const heading = hint ? { year: hint.file.year, department: hint.file.department } : readHeading(sheets, template, problems);
  if (!heading) return fail(problems);
  const printed = readTables(sheets, template, heading, problems);
  if (problems.length > 0) return fail(problems);

  if (hint) {
    const differences = differencesFrom(Engine.run(hint.loaded), printed, '数据包中为');
    if (differences.length === 0) return { ok: true, book: hint.file, source: 'package', manualTables: [], notices };
    notices.push(workbookMessage({ sheet: '' }, '表格与工作簿中保存的数据包不一致（可能在 Excel 中修改过），以表格为准；数据包只用于补充表格中没有列示的信息'));
    notices.push(...differences);
  }
  const lookup = headingLookup(heading);
  const rebuilt = rebuildBook({ template, printed, lookup, heading, hint: hint?.file, problems, notices });
  if (!rebuilt) return fail(problems);
  return { ok: true, book: rebuilt.book, source: 'tables', manualTables: rebuilt.manualTables, notices };
}

interface Heading {
  readonly year: number;
  readonly department: { readonly code: string; readonly name: string };
}

/**
 * The book in the 数据包 sheet, read like any book file taken in (checksum, migration, validation), when it is there
 * and intact; otherwise a notice says why it is not used.
 */
async function packagedBook(sheets: readonly ReadSheet[], templates: readonly Template[], notices: WorkbookMessage[]) {
  const pkg = readPackage(sheets.find((s) => s.name === PACKAGE_SHEET));
  if (pkg.kind === 'absent') return undefined;
  const unusable = (why: string) => {
    notices.push(workbookMessage({ sheet: PACKAGE_SHEET }, `工作簿中保存的数据包${why}，改为从表格恢复数据`));
    return undefined;
  };
  if (pkg.kind === 'damaged') return unusable(pkg.reason);
  try {
    const { book } = await readBookFileText(pkg.text, (id, version) => templates.find((t) => t.id === id && t.version === version));
    return { file: book.file, loaded: book, template: book.template };
  } catch (e) {
    if (e instanceof ValidationError) return unusable(`无法使用（${e.problems[0]?.where ?? ''}：${e.problems[0]?.message ?? ''}）`);
    throw e;
  }
}

/** The rows above a sheet's header (表N, title, 部门名称, 单位) as text. */
function headingTexts(sheet: ReadSheet): string[] {
  return sheet.rows.slice(0, 8).flatMap((r) => r.filter((v) => typeof v === 'string').map((v) => (v as string).trim()));
}

/** The template most of whose tables are in the workbook under their captions and titles. */
function detectTemplate(sheets: readonly ReadSheet[], templates: readonly Template[]): Template | undefined {
  let best: Template | undefined;
  let bestScore = 0;
  for (const t of templates) {
    const score = t.tables.filter((d) => {
      const sheet = sheets.find((s) => s.name === d.caption);
      return sheet !== undefined && headingTexts(sheet).some((text) => unfill(d.title, text) !== undefined);
    }).length;
    if (score > bestScore) {
      best = t;
      bestScore = score;
    }
  }
  return best;
}

/**
 * The year (from whichever heading line prints it: the title, or the unit line as in `{year}年度　　金额单位：万元`) and
 * the department's name (from 部门名称：…), which every sheet must agree on.
 */
function readHeading(sheets: readonly ReadSheet[], template: Template, problems: WorkbookMessage[]): Heading | undefined {
  let year: number | undefined;
  let name: string | undefined;
  for (const def of template.tables) {
    const sheet = sheets.find((s) => s.name === def.caption);
    if (!sheet) continue;
    const texts = headingTexts(sheet);
    const found = (line: string | undefined) => (line === undefined ? undefined : texts.map((t) => unfill(line, t)).find((v) => v !== undefined));
    if (!found(def.title)) {
      problems.push(workbookMessage({ sheet: sheet.name }, `找不到标题：应形如“${def.title.replace('{year}', String(template.year))}”`));
      continue;
    }
    const printed = [def.title, def.unitLine, def.orgLine].map(found).find((v) => v?.year !== undefined)?.year;
    if (printed === undefined) continue;
    const y = Number(printed);
    if (year === undefined) year = y;
    else if (y !== year) problems.push(workbookMessage({ sheet: sheet.name }, `标题中的年度 ${y} 与其他表的 ${year} 不同`));
    const org = def.orgLine ? found(def.orgLine) : undefined;
    if (org?.['dept.name']) name ??= org['dept.name'];
  }
  if (problems.length > 0) return undefined;
  if (year === undefined) {
    problems.push(workbookMessage({ sheet: '' }, '找不到年度：各表的标题和单位行都没有写明年度'));
    return undefined;
  }
  return { year, department: { code: '', name: name ?? '' } };
}

function headingLookup(heading: Heading): Lookup {
  return (path) => {
    switch (path) {
      case 'year':
        return String(heading.year);
      case 'prev':
        return String(heading.year - 1);
      case 'dept.name':
        return heading.department.name || undefined;
      case 'dept.code':
        return heading.department.code || undefined;
      default:
        return undefined;
    }
  };
}

/** The printed rows of every table, read against the layout the template prints for this year and department. */
function readTables(sheets: readonly ReadSheet[], template: Template, heading: Heading, problems: WorkbookMessage[]): Map<string, PrintedRow[]> {
  const probe = Engine.run(
    resolveBook(
      {
        format: BOOK_FORMAT,
        formatVersion: BOOK_FORMAT_VERSION,
        template: { id: template.id, version: template.version },
        department: { code: heading.department.code || '-', name: heading.department.name || '-' },
        year: heading.year,
        units: [{ code: '-', name: '-', kind: template.unitKinds[0]! }],
        data: {},
      },
      template,
    ),
  );
  const lookup = bookLookup(probe.book);
  const out = new Map<string, PrintedRow[]>();
  for (const table of probe.model.tables) {
    const def = table.def;
    const sheet = sheets.find((s) => s.name === def.caption);
    if (!sheet) {
      problems.push(workbookMessage({ sheet: def.caption }, `缺少工作表“${def.caption}”（${fillText(def.title, lookup)}）`));
      continue;
    }
    const noteLines = [def.notes[0], def.emptyNotes?.[0]].filter((n): n is string => n !== undefined).map((n) => fillText(n, lookup));
    const rows = readPrintedTable(sheet, tableView(probe, table), noteLines, problems);
    if (rows) out.set(def.id, rows);
  }
  return out;
}

/** Every printed cell that differs from the engine's tables, as notices (at most DIFFERENCES_LISTED per table). */
function differencesFrom(engine: Engine, printed: ReadonlyMap<string, readonly PrintedRow[]>, against: string): WorkbookMessage[] {
  return bookDifferences(engine, printed).flatMap(({ table, differences }) => [
    ...differences.slice(0, DIFFERENCES_LISTED).map((d) => workbookMessage(d, `表格中为“${d.printed || '空'}”，${against}“${d.derived || '空'}”`)),
    ...(differences.length > DIFFERENCES_LISTED ? [workbookMessage({ sheet: table.def.caption }, `另有 ${differences.length - DIFFERENCES_LISTED} 处不同`)] : []),
  ]);
}
