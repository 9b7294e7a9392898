/**
 * The check status shown beside each book in the list, worked out book by book after the list is shown (reading
 * and deriving a book takes a moment) and kept in memory for as long as the book is not changed.
 */
import { useEffect, useState } from 'react';
import type { CheckSummary } from '../../../shared/engine/engine';
import { type BookRow, type BudgetDb, readBookFile } from '../../db';
import { deriveBook } from '../../db/derive';

export type BookStatus = { readonly kind: 'checked'; readonly summary: CheckSummary } | { readonly kind: 'broken'; readonly message: string };

/** By book id: the status and the save time it was worked out for. */
const known = new Map<string, { updatedAt: string; status: BookStatus }>();

async function statusOf(db: BudgetDb, book: BookRow): Promise<BookStatus> {
  const file = await readBookFile(db, book.id);
  if (!file) return { kind: 'broken', message: '账套已不存在' };
  const engine = deriveBook(file);
  if ('problems' in engine) return { kind: 'broken', message: engine.problems[0]?.message ?? '无法计算' };
  return { kind: 'checked', summary: engine.summary() };
}

/** The status of each listed book known so far; the others are worked out one after another, in the background. */
export function useBookStatus(db: BudgetDb, books: readonly BookRow[] | undefined): ReadonlyMap<string, BookStatus> {
  const [, setTick] = useState(0);
  useEffect(() => {
    let stopped = false;
    void (async () => {
      for (const book of books ?? []) {
        if (stopped) return;
        if (known.get(book.id)?.updatedAt === book.updatedAt) continue;
        // One book at a time, letting the page paint and take keys in between.
        await new Promise((r) => setTimeout(r, 0));
        const status = await statusOf(db, book);
        if (stopped) return;
        known.set(book.id, { updatedAt: book.updatedAt, status });
        setTick((t) => t + 1);
      }
    })();
    return () => {
      stopped = true;
    };
  }, [db, books]);
  return new Map((books ?? []).flatMap((b) => {
    const entry = known.get(b.id);
    return entry?.updatedAt === b.updatedAt ? [[b.id, entry.status] as const] : [];
  }));
}
