/**
 * The disclosure document as printed: cover, 目录 and the five parts of spec/tables.md §4.1, built from the engine's
 * table views and the generated narrative. The print view renders it; the 目录 lists `tocEntries` in order.
 */
import type { Engine } from '../engine/engine';
import { bookLookup, chineseOrdinal, fillText } from '../engine/text';
import { allViews, type TableView } from '../engine/view';
import type { NarrativeDoc } from '../narrative/document';

/** One line of the 目录, and the heading it points to. */
export interface TocEntry {
  /** `part1`, `part1.functions`, `T3`. */
  readonly id: string;
  /** As the 目录 lists it: `第一部分：部门概况`, `一、部门主要职能`, `三、部门支出预算总表`. */
  readonly title: string;
  /** As the heading prints at its place (a table's full title, `2024年部门支出预算总表`). */
  readonly heading: string;
  readonly level: 1 | 2;
}

export type PartContent =
  | { readonly kind: 'section'; readonly entry: TocEntry; readonly paragraphs: readonly string[] }
  | { readonly kind: 'table'; readonly entry: TocEntry; readonly view: TableView }
  /** Text under the part heading itself, e.g. `无。` for a part that has nothing yet. */
  | { readonly kind: 'text'; readonly paragraphs: readonly string[] };

export interface DocumentPart {
  readonly entry: TocEntry;
  readonly content: readonly PartContent[];
}

export interface PrintDocument {
  /** `贵州省医疗保障局2024年部门预算公开信息`. */
  readonly title: string;
  readonly department: string;
  /** The cover's date line, `2024年1月`. */
  readonly date: string;
  readonly parts: readonly DocumentPart[];
}

/**
 * The outline of a 部门预算公开 document (spec/tables.md §4.1): which narrative part goes where, and the titles of
 * the parts the narrative does not write. Every template set of this kind uses it; a 部门决算 set would bring its own.
 */
const BUDGET_DISCLOSURE = {
  title: '{dept.name}{year}年部门预算公开信息',
  parts: [
    { narrative: 'part1' },
    { tables: '第二部分：部门预算公开报表' },
    { narrative: 'part3' },
    { narrative: 'part4' },
    // The officer's 附件 text (book text `annex`, one paragraph per line), or 无。 when there is none.
    { annex: '第五部分：附件', text: 'annex', empty: '无。' },
  ],
} as const;

/** The cover title in lines: the department on one, `2024年部门预算公开信息` on the next. */
export function coverLines(doc: PrintDocument): string[] {
  return doc.title.startsWith(doc.department) && doc.title !== doc.department
    ? [doc.department, doc.title.slice(doc.department.length)]
    : [doc.title];
}

/** `2024年1月` for the cover. */
export function coverDate(date: Date): string {
  return `${date.getFullYear()}年${date.getMonth() + 1}月`;
}

export function buildPrintDocument(engine: Engine, narrative: NarrativeDoc, date: Date): PrintDocument {
  const lookup = bookLookup(engine.book);
  const views = allViews(engine);
  const parts: DocumentPart[] = [];
  for (const spec of BUDGET_DISCLOSURE.parts) {
    if ('narrative' in spec) {
      const part = narrative.parts.find((p) => p.id === spec.narrative);
      // A template set without this narrative part prints without it.
      if (!part) continue;
      parts.push({
        entry: { id: part.id, title: part.title, heading: part.title, level: 1 },
        content: part.sections.map((s) => ({
          kind: 'section',
          entry: { id: `${part.id}.${s.id}`, title: s.title, heading: s.title, level: 2 },
          paragraphs: s.paragraphs.filter((p) => p.printed).map((p) => p.text),
        })),
      });
    } else if ('tables' in spec) {
      parts.push({
        entry: { id: 'part2', title: spec.tables, heading: spec.tables, level: 1 },
        content: views.map((view, i) => ({
          kind: 'table',
          entry: { id: view.id, title: `${chineseOrdinal(i + 1)}、${tocName(engine, view)}`, heading: view.title, level: 2 },
          view,
        })),
      });
    } else {
      const annex = (engine.book.file.text?.[spec.text] ?? '')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '');
      parts.push({
        entry: { id: 'part5', title: spec.annex, heading: spec.annex, level: 1 },
        content: [{ kind: 'text', paragraphs: annex.length > 0 ? annex : [spec.empty] }],
      });
    }
  }
  return {
    title: fillText(BUDGET_DISCLOSURE.title, lookup),
    department: engine.book.file.department.name,
    date: coverDate(date),
    parts,
  };
}

function tocName(engine: Engine, view: TableView): string {
  return engine.book.template.tables.find((t) => t.id === view.id)?.toc ?? view.title;
}

/** Every 目录 line in document order: each part, then its sections or tables. */
export function tocEntries(doc: PrintDocument): TocEntry[] {
  return doc.parts.flatMap((p) => [p.entry, ...p.content.flatMap((c) => (c.kind === 'text' ? [] : [c.entry]))]);
}
