/**
 * The outline of a book's document, from its template's `document` section: the cover title and the parts in print
 * order, titles filled for the book (`{year}`, `{dept.name}`) and each tables part's tables resolved. The print
 * document and the editor's page list both follow it.
 */
import type { LoadedBook } from '../book/load';
import { bookLookup, fillText } from '../engine/text';
import { narrativeFor } from '../narrative/load';

export type OutlinePart =
  /** Written by the narrative: its sections are the narrative's, its title is the narrative part's. */
  | { readonly kind: 'narrative'; readonly id: string; readonly title: string }
  | { readonly kind: 'tables'; readonly id: string; readonly title: string; readonly tables: readonly string[] }
  /** The officer's free text, kept as book text `key`; `empty` is printed when there is none. */
  | { readonly kind: 'text'; readonly id: string; readonly title: string; readonly key: string; readonly empty: string };

export interface Outline {
  readonly title: string;
  readonly parts: readonly OutlinePart[];
}

export function documentOutline(book: LoadedBook): Outline {
  const { template } = book;
  const lookup = bookLookup(book);
  const narrative = narrativeFor(template);
  const fill = (text: string) => fillText(text, lookup);
  return {
    title: fill(template.document.title),
    parts: template.document.parts.map((part): OutlinePart => {
      switch (part.kind) {
        case 'narrative': {
          // The loader checked that the narrative file has this part.
          const title = narrative?.parts.find((p) => p.id === part.id)?.title ?? part.id;
          return { kind: 'narrative', id: part.id, title: fill(title) };
        }
        case 'tables':
          return { kind: 'tables', id: part.id, title: fill(part.title), tables: part.tables ?? template.tables.map((t) => t.id) };
        case 'text':
          return { kind: 'text', id: part.id, title: fill(part.title), key: part.text, empty: part.empty };
      }
    }),
  };
}

/** A text part as printed: the officer's text one paragraph a line, or the part's wording for none (`无。`). */
export function textParagraphs(book: LoadedBook, part: Extract<OutlinePart, { kind: 'text' }>): string[] {
  const lines = (book.file.text?.[part.key] ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return lines.length > 0 ? lines : [part.empty];
}
