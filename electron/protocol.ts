/**
 * The app:// scheme that serves the built renderer (dist/renderer). The origin app://bundle never changes between
 * versions or install folders, so IndexedDB, which is keyed by origin, keeps every book across upgrades.
 *
 * Only plain relative paths are served: each path segment must be letters, digits and `_ - . ~ @ +`, not starting
 * with a dot. That refuses `..`, percent-encoding of any kind (%2e%2e, %2f, %5c, %00), backslashes, drive letters
 * and empty segments (`//etc/passwd`) before a file path is ever built.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CustomScheme } from 'electron';
import { CSP_HEADER } from './csp';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://bundle';
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Registered before app ready: standard (a real origin for storage), secure (a secure context), fetch and CORS
 * for Vite's `<script type="module" crossorigin>`. */
export const appScheme: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
};

const SEGMENT = /^[A-Za-z0-9_~@+-][A-Za-z0-9_.~@+-]*$/;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
};

const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP_HEADER,
  'X-Content-Type-Options': 'nosniff',
};

type Resolved = { kind: 'file'; file: string } | { kind: 'refused' } | { kind: 'not-found' };

/** Maps app://bundle/<path> to a file under `bundleDir`, or says why not. */
export function resolveBundlePath(bundleDir: string, url: string): Resolved {
  const prefix = `${APP_ORIGIN}/`;
  if (!url.startsWith(prefix)) return { kind: 'not-found' };
  const rawPath = url.slice(prefix.length).split(/[?#]/, 1)[0] ?? '';
  const segments = rawPath === '' ? ['index.html'] : rawPath.split('/');
  if (!segments.every((s) => SEGMENT.test(s))) return { kind: 'refused' };
  const root = path.resolve(bundleDir);
  const file = path.resolve(root, ...segments);
  // Unreachable with the segment rule; kept so that a future change to it cannot open the disk.
  if (!file.startsWith(root + path.sep)) return { kind: 'refused' };
  return { kind: 'file', file };
}

function textResponse(status: number, body: string): Response {
  return new Response(body, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

export async function serveBundle(bundleDir: string, request: Pick<Request, 'url' | 'method'>): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, '不支持的请求方法');
  const resolved = resolveBundlePath(bundleDir, request.url);
  if (resolved.kind === 'refused') return textResponse(403, '拒绝访问');
  if (resolved.kind === 'not-found') return textResponse(404, '未找到');
  try {
    if (!(await stat(resolved.file)).isFile()) return textResponse(404, '未找到');
    const body = await readFile(resolved.file);
    const type = CONTENT_TYPES[path.extname(resolved.file).toLowerCase()] ?? 'application/octet-stream';
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': type },
    });
  } catch {
    return textResponse(404, '未找到');
  }
}
