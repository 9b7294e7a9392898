/**
 * The 说明 sheet: the document's text parts in their printed order (部门概况, 预算安排说明, 其他重要事项说明 with
 * 名词解释, 附件) as printed, one line per row with part and section titles in bold, so the finance department
 * receives the explanations with the tables.
 */
import type { Engine } from '../engine/engine';
import { generateNarrative } from '../narrative/generate';
import { type NarrativeLine, narrativeLines } from '../narrative/render';
import { documentOutline, textParagraphs } from '../print/outline';
import type { CellStyle, SheetSpec } from './xlsx';

export const TEXT_SHEET = '说明';
/** Column width in Excel characters; a CJK character takes two. */
const WIDTH = 100;
const LINE_HEIGHT = 15;

const STYLES: Record<'part' | 'section' | 'paragraph', CellStyle> = {
  part: { bold: true, size: 14, wrap: true },
  section: { bold: true, size: 11, wrap: true },
  paragraph: { size: 10.5, wrap: true },
};

/** Rows a wrapped text takes in the column, for a row height Excel and WPS show without cutting it off. */
function wrappedLines(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u2e80-\uffef]/.test(ch) ? 2 : 1;
  return Math.max(1, Math.ceil(width / WIDTH));
}

/** The text parts of the document in its printed order: what the narrative writes and the officer's free text. */
function documentLines(engine: Engine): NarrativeLine[] {
  const narrative = generateNarrative(engine);
  return documentOutline(engine.book).parts.flatMap((part): NarrativeLine[] => {
    if (part.kind === 'narrative') return narrativeLines(narrative, [part.id]);
    if (part.kind === 'tables') return [];
    return [{ kind: 'part', text: part.title }, ...textParagraphs(engine.book, part).map((text) => ({ kind: 'paragraph' as const, text }))];
  });
}

/** The 说明 sheet, or undefined when the document has no text part. */
export function textSheet(engine: Engine): SheetSpec | undefined {
  const lines = documentLines(engine);
  if (lines.length === 0) return undefined;
  return {
    name: TEXT_SHEET,
    rows: lines.map((l) => [{ value: l.text, style: STYLES[l.kind] }]),
    rowHeights: new Map(lines.map((l, i) => [i + 1, wrappedLines(l.text) * LINE_HEIGHT + 4])),
    merges: [],
    widths: [WIDTH],
    print: { orientation: 'portrait', footer: '第 &P 页，共 &N 页' },
  };
}
