/** What the PDF tests read from a PDF, through poppler-utils (Debian package poppler-utils), as a reader would. */
import { execFileSync } from 'node:child_process';

function run(tool: string, args: string[]): string {
  return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

export function pageCount(file: string): number {
  return Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]))![1]);
}

/** Each page's text in layout mode (a table row stays on one line), pages in order. */
export function pageTexts(file: string): string[] {
  // pdftotext ends every page with a form feed.
  return run('pdftotext', ['-layout', file, '-']).split('\f').slice(0, pageCount(file));
}

/** Each page's size in points, e.g. [595.92, 842.88]. */
export function pageSizes(file: string): [number, number][] {
  return [...run('pdfinfo', ['-f', '1', '-l', String(pageCount(file)), file]).matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map(
    (m) => [Number(m[1]), Number(m[2])],
  );
}

export interface FontLine {
  readonly name: string;
  readonly type: string;
  readonly embedded: boolean;
}

export function fonts(file: string): FontLine[] {
  return run('pdffonts', [file])
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      // name, type (may hold a space), encoding, emb, sub, uni, object number, generation
      const t = l.trim().split(/\s+/);
      return { name: t[0]!, type: t.slice(1, -6).join(' '), embedded: t.at(-5) === 'yes' };
    });
}

/** Whitespace as pdftotext may put it between words: collapsed, for comparing with printed strings. */
export function squash(text: string): string {
  return text.replace(/\s+/g, '');
}
