/**
 * Searching a classification catalogue the way officers look codes up: by the code (its leading digits), by the
 * name (any part of it), or by the pinyin initials of the name (`xzyx` finds 行政运行). Each entry also knows its
 * parent (款 of a 项, 类 of a 款), because names such as 行政运行 repeat under many parents.
 */
import { pinyin } from 'pinyin-pro';

export interface CodeEntry {
  readonly code: string;
  readonly name: string;
}

export interface IndexedEntry extends CodeEntry {
  /** The name of the nearest shorter code of the catalogue that this code starts with ('' at the top). */
  readonly parent: string;
  /** Lower-case pinyin initials of the name, Latin letters and digits kept as they are. */
  readonly initials: string;
}

function initialsOf(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Match quality, best first (0): the order results are listed in. */
type Rank = 0 | 1 | 2 | 3 | 4;

export class CodeIndex {
  readonly entries: readonly IndexedEntry[];
  private readonly byCode: ReadonlyMap<string, IndexedEntry>;

  /** `digits`: only codes of these lengths can be picked (a line takes a 7-digit 功能科目 项). */
  constructor(entries: readonly CodeEntry[], digits?: readonly number[]) {
    const names = new Map(entries.map((e) => [e.code, e.name]));
    const parentOf = (code: string): string => {
      for (let n = code.length - 1; n > 0; n--) {
        const name = names.get(code.slice(0, n));
        if (name !== undefined) return name;
      }
      return '';
    };
    this.entries = entries
      .filter((e) => !digits || digits.includes(e.code.length))
      .map((e) => ({ ...e, parent: parentOf(e.code), initials: initialsOf(e.name) }));
    this.byCode = new Map(this.entries.map((e) => [e.code, e]));
  }

  get(code: string): IndexedEntry | undefined {
    return this.byCode.get(code);
  }

  /** Entries matching the query, best matches first, at most `limit`; every entry for an empty query. */
  search(query: string, limit = 50): IndexedEntry[] {
    const q = query.trim().toLowerCase().replace(/\s+/g, '');
    if (q === '') return this.entries.slice(0, limit);
    const ranked: { entry: IndexedEntry; rank: Rank; order: number }[] = [];
    this.entries.forEach((entry, order) => {
      const rank = rankOf(entry, q);
      if (rank !== undefined) ranked.push({ entry, rank, order });
    });
    ranked.sort((a, b) => a.rank - b.rank || a.order - b.order);
    return ranked.slice(0, limit).map((r) => r.entry);
  }
}

/** Exact code, code prefix, initials prefix, part of the name, part of the initials; undefined: no match. */
function rankOf(entry: IndexedEntry, q: string): Rank | undefined {
  const latin = /^[a-z]+$/.test(q);
  if (entry.code === q) return 0;
  if (entry.code.startsWith(q)) return 1;
  if (latin && entry.initials.startsWith(q)) return 2;
  if (entry.name.toLowerCase().includes(q)) return 3;
  if (latin && entry.initials.includes(q)) return 4;
  return undefined;
}
