import { readdirSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';

import type { NextFunction, Request, RequestHandler, Response } from 'express';
import serveStatic from 'serve-static';

/** Content codings of the variants scripts/compress-assets.mjs writes, in the order the server prefers them. */
const ENCODINGS = [
  { name: 'br', extension: '.br' },
  { name: 'gzip', extension: '.gz' },
] as const;
type Encoding = (typeof ENCODINGS)[number];

/** Angular's output hashing: `main-ODITN7VX.js`, `chunk-B5ILJ3P6.js`, `styles-PDG6M3GX.css`, `media/font-X1Y2Z3W4.woff2`. */
const HASHED = /-[A-Z0-9]{8}\.[a-z0-9]+$/;

/**
 * A file whose name changes with its content never changes at its URL: a year, and no revalidation. Anything
 * else (index.html, the favicon) is revalidated on every use, so a deploy is seen at once (a 304 when unchanged).
 */
export function cacheControlFor(fileName: string): string {
  return HASHED.test(fileName) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * The coding to send among those the client accepts (RFC 9110 §12.5.3: `q=0` refuses, `*` stands for codings it
 * does not name): its highest q, brotli first among equals (browsers list gzip first but brotli is smaller).
 * null: the file as it is.
 */
export function pickEncoding(acceptEncoding: string | undefined, available: readonly Encoding[]): Encoding | null {
  const quality = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [coding, ...params] = part.split(';').map((token) => token.trim().toLowerCase());
    const q = params.find((param) => param.startsWith('q='));
    if (coding) quality.set(coding, q ? Number(q.slice(2)) : 1);
  }
  let best: Encoding | null = null;
  let bestQuality = 0;
  for (const encoding of available) {
    const q = quality.get(encoding.name) ?? quality.get('*') ?? 0;
    if (q > bestQuality) [best, bestQuality] = [encoding, q];
  }
  return best;
}

/**
 * Serves the built SPA's files: the precompressed variant the client accepts (with `Vary: Accept-Encoding`), the
 * cache policy of `cacheControlFor`, ETags and Range requests from serve-static. Files that are not found fall
 * through to the next handler.
 */
export function staticAssets(root: string): RequestHandler {
  const variants = findVariants(root);
  const files = serveStatic(root, {
    index: false,
    cacheControl: false,
    // The path of a variant ends in .br or .gz; the policy is the original file's.
    setHeaders: (res, path) => res.setHeader('Cache-Control', cacheControlFor(path.replace(/\.(br|gz)$/, ''))),
  });
  return (req: Request, res: Response, next: NextFunction) => {
    const available = variants.get(req.path);
    if (!available) return files(req, res, next);
    res.vary('Accept-Encoding');
    const encoding = pickEncoding(req.headers['accept-encoding'], available);
    if (!encoding) return files(req, res, next);
    const url = req.url;
    res.setHeader('Content-Encoding', encoding.name);
    res.type(extname(req.path));
    req.url = req.path + encoding.extension;
    files(req, res, (error?: unknown) => {
      req.url = url;
      res.removeHeader('Content-Encoding');
      res.removeHeader('Content-Type');
      next(error);
    });
  };
}

/**
 * URL path → the variants written next to that file, read once at start (the build comes before the start). A
 * variant older than its file is left out: it was compressed from an earlier build.
 */
function findVariants(root: string): Map<string, Encoding[]> {
  const variants = new Map<string, Encoding[]>();
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        visit(path);
        continue;
      }
      const encoding = ENCODINGS.find(({ extension }) => extname(entry.name) === extension);
      const original = encoding && statSync(path.slice(0, -encoding.extension.length), { throwIfNoEntry: false });
      if (!encoding || !original || statSync(path).mtimeMs < original.mtimeMs) continue;
      const url = `/${relative(root, path.slice(0, -encoding.extension.length)).split(sep).join('/')}`;
      variants.set(url, [...(variants.get(url) ?? []), encoding]);
    }
  };
  visit(root);
  return variants;
}
