/**
 * Virtualised lists: of a long list (the rows of a 20,000-line table, thousands of failed checks) only the items in
 * the scroller's view and a few either side are rendered. The grid's rows all have one height; the items of the
 * checks panel each have their own. A list's extents say where each item starts; the scroller's viewport says which
 * of them are in view.
 */
import { type RefObject, type UIEvent, useCallback, useEffect, useState } from 'react';

/** Where the items of a list start, one after another. */
export interface Extents {
  readonly count: number;
  /** Height of the whole list. */
  readonly total: number;
  /** Top of item `i` (`count`: the end of the list). */
  start(i: number): number;
  /** The item at `offset` pixels from the top (the last one past the end). */
  indexAt(offset: number): number;
}

/** Items of one height. */
export function evenExtents(count: number, size: number): Extents {
  return {
    count,
    total: count * size,
    start: (i) => i * size,
    indexAt: (offset) => Math.max(0, Math.min(count - 1, Math.floor(offset / size))),
  };
}

/** Items of the given heights. */
export function listExtents(sizes: readonly number[]): Extents {
  const starts = [0];
  for (const size of sizes) starts.push(starts[starts.length - 1]! + size);
  return {
    count: sizes.length,
    total: starts[sizes.length]!,
    start: (i) => starts[Math.max(0, Math.min(i, sizes.length))]!,
    indexAt: (offset) => {
      // The last item starting at or before the offset.
      let lo = 0;
      let hi = sizes.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= offset) lo = mid;
        else hi = mid - 1;
      }
      return Math.max(0, lo);
    },
  };
}

export interface Viewport {
  readonly top: number;
  readonly height: number;
}

/** Items `first` (inclusive) to `last` (exclusive): those in the viewport and `overscan` more either side. */
export function visibleRange(extents: Extents, viewport: Viewport, overscan: number): { first: number; last: number } {
  if (extents.count === 0) return { first: 0, last: 0 };
  return {
    first: Math.max(0, extents.indexAt(viewport.top) - overscan),
    last: Math.min(extents.count, extents.indexAt(viewport.top + viewport.height) + 1 + overscan),
  };
}

/**
 * The scroller's viewport, followed as it scrolls (onScroll) and read again after the program scrolled it (sync);
 * `height` is assumed while the scroller has none (before layout).
 */
export function useViewport(
  scroller: RefObject<HTMLElement | null>,
  height = 600,
): { viewport: Viewport; onScroll(e: UIEvent<HTMLElement>): void; sync(): void } {
  const [viewport, setViewport] = useState<Viewport>({ top: 0, height });
  const read = useCallback((el: HTMLElement) => setViewport({ top: el.scrollTop, height: el.clientHeight || height }), [height]);
  const sync = useCallback(() => {
    if (scroller.current) read(scroller.current);
  }, [scroller, read]);
  useEffect(sync, [sync]);
  const onScroll = useCallback((e: UIEvent<HTMLElement>) => read(e.currentTarget), [read]);
  return { viewport, onScroll, sync };
}

/** Scrolls `el` just enough to show the band from `top` to `bottom`; `cover` pixels at its top are hidden (a sticky header). */
export function reveal(el: HTMLElement, top: number, bottom: number, cover = 0): void {
  if (top < el.scrollTop) el.scrollTop = top;
  else if (bottom > el.scrollTop + el.clientHeight - cover) el.scrollTop = bottom - el.clientHeight + cover;
}
