import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP_HEADER, RENDERER_CSP } from '../../electron/csp';
import { APP_ENTRY_URL, appScheme, resolveBundlePath, serveBundle } from '../../electron/protocol';

const SECRET = 'secret outside the bundle';
let base: string;
let bundle: string;

beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'bundle-'));
  bundle = path.join(base, 'renderer');
  mkdirSync(path.join(bundle, 'assets'), { recursive: true });
  writeFileSync(path.join(bundle, 'index.html'), '<!doctype html><title>部门预算公开编制器</title>');
  writeFileSync(path.join(bundle, 'assets', 'index-Ct9myY8b.js'), 'console.log(1)');
  writeFileSync(path.join(bundle, 'assets', 'noto-sans-sc-400-normal-AbC_1.woff2'), 'font');
  writeFileSync(path.join(bundle, '.env'), SECRET);
  writeFileSync(path.join(base, 'secret.txt'), SECRET);
  mkdirSync(path.join(base, 'etc'));
  writeFileSync(path.join(base, 'etc', 'passwd'), SECRET);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string) => serveBundle(bundle, { url, method: 'GET' });

describe('app:// scheme', () => {
  it('is registered as standard and secure, with fetch and CORS for module scripts, and does not bypass the CSP', () => {
    expect(appScheme).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
    });
  });

  it('serves index.html at the entry URL and at the bare origin, with its type and the CSP header', async () => {
    for (const url of [APP_ENTRY_URL, 'app://bundle/', 'app://bundle/?x=1#/book/b1/T1']) {
      const response = await get(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(CSP_HEADER);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toContain('部门预算公开编制器');
    }
  });

  it('serves built assets with their content types, ignoring query and fragment', async () => {
    const js = await get('app://bundle/assets/index-Ct9myY8b.js?v=1');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1)');
    const font = await get('app://bundle/assets/noto-sans-sc-400-normal-AbC_1.woff2');
    expect(font.headers.get('content-type')).toBe('font/woff2');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await serveBundle(bundle, { url: APP_ENTRY_URL, method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await serveBundle(bundle, { url: APP_ENTRY_URL, method: 'POST' })).status).toBe(405);
  });

  it('says 404 for missing files, folders, other hosts and other schemes', async () => {
    for (const url of [
      'app://bundle/missing.js',
      'app://bundle/assets',
      'app://bundle/~',
      'app://other/index.html',
      'app://bundle.evil/index.html',
      'app://bundleindex.html',
      'file:///etc/passwd',
      'https://bundle/index.html',
    ]) {
      expect((await get(url)).status, url).toBe(404);
    }
  });

  const traversals = [
    'app://bundle/../secret.txt',
    'app://bundle/../../../../etc/passwd',
    'app://bundle/assets/../../secret.txt',
    'app://bundle/./index.html',
    'app://bundle/assets/./index-Ct9myY8b.js',
    'app://bundle/%2e%2e/secret.txt',
    'app://bundle/%2E%2E/secret.txt',
    'app://bundle/.%2e/secret.txt',
    'app://bundle/%2e./secret.txt',
    'app://bundle/%252e%252e/secret.txt',
    'app://bundle/%c0%ae%c0%ae/secret.txt',
    'app://bundle/..%2fsecret.txt',
    'app://bundle/..%2Fsecret.txt',
    'app://bundle/assets%2f..%2f..%2fsecret.txt',
    'app://bundle/..%5csecret.txt',
    'app://bundle/..%5Csecret.txt',
    'app://bundle/..\\secret.txt',
    'app://bundle/assets\\..\\..\\secret.txt',
    'app://bundle//etc/passwd',
    'app://bundle/%2fetc%2fpasswd',
    'app://bundle/C:/Windows/win.ini',
    'app://bundle/C:%5cWindows%5cwin.ini',
    'app://bundle/c:secret.txt',
    'app://bundle/\\\\server\\share\\secret.txt',
    'app://bundle/index.html%00.png',
    'app://bundle/index.html\u0000.png',
    'app://bundle/..;/secret.txt',
    'app://bundle/\u2025/secret.txt',
    'app://bundle/\uff0e\uff0e/secret.txt',
    'app://bundle/.env',
    'app://bundle/assets/.',
    'app://bundle/assets/..',
    'app://bundle/index%2ehtml',
    'app://bundle/assets//index-Ct9myY8b.js',
  ];

  it.each(traversals)('refuses %s with 403, before any file is read', async (url) => {
    expect(resolveBundlePath(bundle, url)).toEqual({ kind: 'refused' });
    const response = await get(url);
    expect(response.status).toBe(403);
    expect(response.headers.get('content-security-policy')).toBe(CSP_HEADER);
    expect(await response.text()).not.toContain(SECRET);
  });
});

describe('Content-Security-Policy', () => {
  it('is the policy of the meta tag in renderer/index.html, plus no framing', () => {
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(RENDERER_CSP);
    expect(CSP_HEADER).toBe(`${RENDERER_CSP}; frame-ancestors 'none'`);
  });

  it('allows only the app itself: no remote hosts, no eval, no plugins', () => {
    const directives = new Map(
      CSP_HEADER.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CSP_HEADER).not.toMatch(/unsafe-eval|https?:|\*/);
  });
});
