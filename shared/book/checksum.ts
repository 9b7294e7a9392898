/**
 * The checksum of a book file: SHA-256 (WebCrypto, the same in Node, browsers and Electron) over the file's canonical
 * content, i.e. every field except `checksum` itself, written as JSON with object keys sorted at every level and no
 * whitespace. Re-indenting a file or reordering its keys keeps the checksum; changing any value (one amount by 0.01)
 * breaks it, so a file damaged or edited by hand after export is caught on import.
 */
import type { Problem } from '../validation/issues';

const PREFIX = 'sha256:';

/** JSON text in which equal content always has the same text: keys sorted, no whitespace, undefined left out. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The checksum a book file (parsed JSON, valid or not) should carry: over everything but its `checksum` field. */
export async function bookChecksum(file: object): Promise<string> {
  const { checksum: _ignored, ...content } = file as Record<string, unknown>;
  return PREFIX + (await sha256Hex(canonicalJson(content)));
}

/**
 * The problem with a parsed file's checksum: none when the file has no checksum (older files) or a matching one.
 * A checksum of the wrong form is left to the schema, which names it.
 */
export async function checksumProblem(raw: unknown): Promise<Problem | undefined> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const stated = (raw as Record<string, unknown>)['checksum'];
  if (typeof stated !== 'string' || !stated.startsWith(PREFIX)) return undefined;
  if ((await bookChecksum(raw)) === stated) return undefined;
  return {
    where: 'checksum',
    message: '校验码与文件内容不符：文件在导出后被修改或已损坏（哪怕只改动一个数字也会如此），请向提供方重新索取',
  };
}
