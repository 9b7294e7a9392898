/**
 * The disclosure document as printed: cover, 目录 and the parts of the template's outline (outline.ts), built from
 * the engine's table views and the generated narrative. The print view renders it; the 目录 lists `tocEntries` in order.
 */
import type { Engine } from '../engine/engine';
import { chineseOrdinal } from '../engine/text';
import { allViews, type TableView } from '../engine/view';
import type { NarrativeDoc } from '../narrative/document';
import { documentOutline, textParagraphs } from './outline';

/** One line of the 目录, and the heading it points to. */
export interface TocEntry {
  /** A part's id (`part1`), a narrative section's (`part1.functions`) or a table's. */
  readonly id: string;
  /** As the 目录 lists it: a part's title, a section's, or a table's 目录 name numbered within its part (`三、…`). */
  readonly title: string;
  /** As the heading prints at its place (a table's full title). */
  readonly heading: string;
  readonly level: 1 | 2;
}

export type PartContent =
  | { readonly kind: 'section'; readonly entry: TocEntry; readonly paragraphs: readonly string[] }
  | { readonly kind: 'table'; readonly entry: TocEntry; readonly view: TableView }
  /** Text under the part heading itself: the officer's free text, or the part's empty wording. */
  | { readonly kind: 'text'; readonly paragraphs: readonly string[] };

export interface DocumentPart {
  readonly entry: TocEntry;
  readonly content: readonly PartContent[];
}

export interface PrintDocument {
  /** The template's cover title filled for the book: `{dept.name}{year}年…`. */
  readonly title: string;
  readonly department: string;
  /** The cover's date line, `2024年1月`. */
  readonly date: string;
  readonly parts: readonly DocumentPart[];
}

/** The cover title in lines: the department on one, the rest (`2024年…`) on the next. */
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
  const outline = documentOutline(engine.book);
  const views = new Map(allViews(engine).map((view) => [view.id, view]));
  const parts = outline.parts.map((spec): DocumentPart => {
    switch (spec.kind) {
      case 'narrative': {
        const part = narrative.parts.find((p) => p.id === spec.id);
        // The template loader checked the narrative file has this part, and the narrative writes every part it has.
        if (!part) throw new Error(`说明中没有部分“${spec.id}”`);
        return {
          entry: { id: part.id, title: part.title, heading: part.title, level: 1 },
          content: part.sections.map((s) => ({
            kind: 'section',
            entry: { id: `${part.id}.${s.id}`, title: s.title, heading: s.title, level: 2 },
            paragraphs: s.paragraphs.filter((p) => p.printed).map((p) => p.text),
          })),
        };
      }
      case 'tables':
        return {
          entry: { id: spec.id, title: spec.title, heading: spec.title, level: 1 },
          content: spec.tables.map((id, i) => {
            const view = views.get(id)!;
            return { kind: 'table', entry: { id, title: `${chineseOrdinal(i + 1)}、${tocName(engine, view)}`, heading: view.title, level: 2 }, view };
          }),
        };
      case 'text':
        return {
          entry: { id: spec.id, title: spec.title, heading: spec.title, level: 1 },
          content: [{ kind: 'text', paragraphs: textParagraphs(engine.book, spec) }],
        };
    }
  });
  return { title: outline.title, department: engine.book.file.department.name, date: coverDate(date), parts };
}

function tocName(engine: Engine, view: TableView): string {
  return engine.book.template.tables.find((t) => t.id === view.id)?.toc ?? view.title;
}

/** Every 目录 line in document order: each part, then its sections or tables. */
export function tocEntries(doc: PrintDocument): TocEntry[] {
  return doc.parts.flatMap((p) => [p.entry, ...p.content.flatMap((c) => (c.kind === 'text' ? [] : [c.entry]))]);
}
