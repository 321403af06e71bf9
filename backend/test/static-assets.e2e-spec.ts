import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

import { PROJECT_ROOT } from '../src/common/project-root';
import { type BuiltServer, startBuiltServer } from './support/built-server';

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The bytes as sent, not decoded. */
  body: Buffer;
}

/** A GET that leaves the body as the server encoded it (supertest and fetch decode it). */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

const BROWSER = { 'Accept-Encoding': 'gzip, deflate, br, zstd' };
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** A built SPA in miniature, named as Angular names its output. */
const FILES = {
  'index.html': `<!doctype html><html><head><title>Chat</title></head><body>${'<app-root></app-root>'.repeat(40)}</body></html>`,
  'main-ODITN7VX.js': Array.from({ length: 2_000 }, (_, i) => `export const value${i} = ${i};`).join('\n'),
  'styles-PDG6M3GX.css': Array.from({ length: 500 }, (_, i) => `.c${i} { margin: ${i}px; }`).join('\n'),
  'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
};

describe('The SPA: precompressed and cached by kind of file (built server)', () => {
  let dir: string;
  let server: BuiltServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chat-spa-'));
    for (const [name, content] of Object.entries(FILES)) writeFileSync(join(dir, name), content);
    const compress = spawnSync(process.execPath, ['scripts/compress-assets.mjs', dir], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    });
    expect(compress.status).toBe(0);
    server = await startBuiltServer({ FRONTEND_DIR: dir });
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends brotli to a browser that accepts it, which decodes to the built file, cached for a year', async () => {
    const res = await rawGet(`${server.baseUrl}/main-ODITN7VX.js`, BROWSER);
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(FILES['main-ODITN7VX.js'].length / 4);
    expect(brotliDecompressSync(res.body).toString()).toBe(FILES['main-ODITN7VX.js']);
  });

  it('sends gzip to a client without brotli, and the file as it is to one that accepts neither', async () => {
    const gzip = await rawGet(`${server.baseUrl}/styles-PDG6M3GX.css`, { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers['content-type']).toMatch(/^text\/css/);
    expect(gzip.headers['cache-control']).toBe(IMMUTABLE);
    expect(gunzipSync(gzip.body).toString()).toBe(FILES['styles-PDG6M3GX.css']);

    const refused = await rawGet(`${server.baseUrl}/styles-PDG6M3GX.css`, { 'Accept-Encoding': 'br;q=0, gzip' });
    expect(refused.headers['content-encoding']).toBe('gzip');

    const withoutCompression: Record<string, string>[] = [
      {},
      { 'Accept-Encoding': 'identity' },
      { 'Accept-Encoding': '*;q=0' },
    ];
    for (const headers of withoutCompression) {
      const plain = await rawGet(`${server.baseUrl}/styles-PDG6M3GX.css`, headers);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toMatch(/Accept-Encoding/i);
      expect(plain.body.toString()).toBe(FILES['styles-PDG6M3GX.css']);
    }
  });

  it('answers a Range request for a bundle with the bytes asked for', async () => {
    const res = await rawGet(`${server.baseUrl}/main-ODITN7VX.js`, { Range: 'bytes=0-99' });
    expect(res.status).toBe(206);
    expect(res.body.toString()).toBe(FILES['main-ODITN7VX.js'].slice(0, 100));
  });

  it('serves index.html, at / and at any client route, revalidated on every load and under the CSP', async () => {
    for (const path of ['/', '/index.html', '/c/123', '/u/email/ada@example.com']) {
      const res = await rawGet(`${server.baseUrl}${path}`, BROWSER);
      expect([path, res.status, res.headers['content-encoding']]).toEqual([path, 200, 'br']);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(brotliDecompressSync(res.body).toString()).toBe(FILES['index.html']);
    }
    const first = await rawGet(`${server.baseUrl}/c/123`, BROWSER);
    const again = await rawGet(`${server.baseUrl}/c/456`, { ...BROWSER, 'If-None-Match': first.headers.etag! });
    expect(again.status).toBe(304);
  });

  it('revalidates files whose names do not change with their content; a missing chunk is a 404, not the page', async () => {
    const favicon = await rawGet(`${server.baseUrl}/favicon.svg`);
    expect(favicon.status).toBe(200);
    expect(favicon.headers['cache-control']).toBe('no-cache');
    expect(favicon.body.toString()).toBe(FILES['favicon.svg']);

    const missing = await rawGet(`${server.baseUrl}/chunk-GONE1234.js`, BROWSER);
    expect(missing.status).toBe(404);
    expect(missing.headers['content-encoding']).toBeUndefined();
    expect(missing.headers['cache-control']).toBeUndefined();
  });

  it("leaves API answers uncompressed and outside the assets' cache policy", async () => {
    const res = await rawGet(`${server.baseUrl}/api/health`, BROWSER);
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).not.toContain('immutable');
    expect(JSON.parse(res.body.toString())).toMatchObject({ status: 'ok' });
  });
});
