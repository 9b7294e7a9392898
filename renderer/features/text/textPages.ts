/**
 * The text pages of the workspace around the 14 tables, in the order of the printed document (spec/tables.md §4.1):
 * 第一部分 before the tables (第二部分), the other parts of the narrative after them, then 第五部分 附件, which is
 * free text the narrative does not write.
 */
export interface TextPageEntry {
  readonly id: string;
  readonly title: string;
}

/** book.text key of 附件: its paragraphs, one per line. */
export const ANNEX_KEY = 'annex';
export const ANNEX_PAGE: TextPageEntry = { id: 'annex', title: '第五部分：附件' };

/** Narrative parts printed before the tables. */
const BEFORE_TABLES = new Set(['part1']);

/** The pages of the narrative's parts (see shared/narrative: its file's parts) and 附件. */
export function textPages(parts: readonly TextPageEntry[]): { before: TextPageEntry[]; after: TextPageEntry[] } {
  const entries = parts.map((p) => ({ id: p.id, title: p.title }));
  return {
    before: entries.filter((e) => BEFORE_TABLES.has(e.id)),
    after: [...entries.filter((e) => !BEFORE_TABLES.has(e.id)), ANNEX_PAGE],
  };
}

/** The page a narrative check is about: its key is `narrative:<part>.<section>.<paragraph>:…`. */
export function pageOfNarrativeKey(key: string): { page: string; paragraph: string } | undefined {
  const m = /^narrative:(([^.:]+)\.[^:]+):/.exec(key);
  return m ? { page: m[2]!, paragraph: m[1]! } : undefined;
}
