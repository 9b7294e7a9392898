/**
 * The published disclosure's text (tests/fixtures/guizhou-2024-disclosure.txt, a copy of the seed), cut into the
 * paragraphs of one section, so narrative tests compare with the published words instead of retyping them.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const lines = readFileSync(fileURLToPath(new URL('../fixtures/guizhou-2024-disclosure.txt', import.meta.url)), 'utf8').split('\n');

/** A part or section title line: `第三部分：…`, `一、部门收支总体情况` (no sentence punctuation). */
const HEADING = /^(第[一二三四五六七八九十]+部分：.*|[一二三四五六七八九十]+、[^，。；：]*)$/;

/**
 * The paragraphs of a section of the document body (after the table of contents). A paragraph ends with a line
 * ending in 。；：; other lines were broken by a page end and continue on the next one. The PDF-to-text conversion
 * drops the space at a break between two Latin characters (`1.` / `(2101504)`), so one is put back there.
 */
export function publishedParagraphs(partTitle: string, sectionTitle: string): string[] {
  const part = lines.lastIndexOf(partTitle);
  const start = lines.indexOf(sectionTitle, part);
  if (part < 0 || start < 0) throw new Error(`no section ${partTitle} / ${sectionTitle} in the disclosure text`);
  const paragraphs: string[] = [];
  let current = '';
  for (const raw of lines.slice(start + 1)) {
    const line = raw.trim();
    if (HEADING.test(line)) break;
    if (line === '') continue;
    if (/[\x21-\x7e]$/.test(current) && /^[\x21-\x7e]/.test(line)) current += ' ';
    current += line;
    if (/[。；：]$/.test(current)) {
      paragraphs.push(current);
      current = '';
    }
  }
  if (current !== '') paragraphs.push(current);
  return paragraphs;
}
