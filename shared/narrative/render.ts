/**
 * The narrative as printed, for the outputs: one line per part title, section title and printed paragraph. The
 * PDF renders these in order (part titles as headings); the workbook writes them down one column of a text sheet.
 */
import type { NarrativeDoc } from './document';

export interface NarrativeLine {
  readonly kind: 'part' | 'section' | 'paragraph';
  readonly text: string;
}

/** The printed lines of the given parts (all parts by default, e.g. ['part3', 'part4'] for the 说明 pages). */
export function narrativeLines(doc: NarrativeDoc, partIds?: readonly string[]): NarrativeLine[] {
  const lines: NarrativeLine[] = [];
  for (const part of doc.parts) {
    if (partIds && !partIds.includes(part.id)) continue;
    lines.push({ kind: 'part', text: part.title });
    for (const section of part.sections) {
      lines.push({ kind: 'section', text: section.title });
      for (const p of section.paragraphs) if (p.printed) lines.push({ kind: 'paragraph', text: p.text });
    }
  }
  return lines;
}

/** The same lines as plain text, one per line. */
export function narrativeText(doc: NarrativeDoc, partIds?: readonly string[]): string {
  return narrativeLines(doc, partIds)
    .map((l) => l.text)
    .join('\n');
}
