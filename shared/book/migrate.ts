/**
 * Book files written by older versions of the program are brought up to the current format before they are
 * validated. Each step turns the raw JSON of format version n into version n + 1; a file runs through every step
 * from its own version, so a step is written once and never changed afterwards.
 *
 * Format versions:
 * - 0: the pre-release files. The same layout as version 1, except that amounts were JSON numbers in 万元
 *   (`"gpb": 123.53`) instead of decimal text (`"gpb": "123.53"`). A number cannot say how many decimals it was
 *   typed with and picks up binary noise (0.1 + 0.2), which is why version 1 keeps amounts as text.
 * - 1: the current format (schema.ts).
 */
import { BOOK_FORMAT_VERSION } from './schema';

type Step = (file: Record<string, unknown>) => Record<string, unknown>;

/** STEPS[n] turns version n into version n + 1. */
const STEPS: readonly Step[] = [
  // 0 → 1: amounts (the only numbers a record could hold) become decimal text. A number with binary noise turns
  // into text with too many decimals, which validation then reports with its place instead of rounding it away.
  (file) => ({ ...file, formatVersion: 1, data: numbersAsText(file['data']) }),
];

/** `data` with every number-valued field of every record written as decimal text (`123.53` → `"123.53"`). */
function numbersAsText(data: unknown): unknown {
  if (!isObject(data)) return data;
  const asText = (record: unknown) =>
    isObject(record)
      ? Object.fromEntries(Object.entries(record).map(([k, v]) => [k, typeof v === 'number' ? String(v) : v]))
      : record;
  return Object.fromEntries(
    Object.entries(data).map(([dataset, records]) => [dataset, Array.isArray(records) ? records.map(asText) : records]),
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export interface Migrated {
  /** The file in the current format (or as it was, when it is not a book file of a known older version). */
  readonly raw: unknown;
  /** The version the file was written in, when it was older than the current one. */
  readonly from?: number;
}

/**
 * Brings a parsed book file of an older format version up to the current one. Anything that is not an older book
 * file (a newer version, a missing or odd version, not an object) is returned unchanged for validation to report.
 */
export function migrateBookFile(raw: unknown): Migrated {
  if (!isObject(raw)) return { raw };
  const version = raw['formatVersion'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0 || version >= BOOK_FORMAT_VERSION) {
    return { raw };
  }
  let file = raw;
  for (let v = version; v < BOOK_FORMAT_VERSION; v++) file = STEPS[v]!(file);
  return { raw: file, from: version };
}
