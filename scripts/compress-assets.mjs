// Writes brotli (.br) and gzip (.gz) variants next to the built SPA's text files, once per build, at the highest
// levels: the server then sends them as they are (backend/src/spa/static-assets.ts) and compresses nothing per
// request. Brotli at quality 11 takes about a second for the whole SPA here, far too slow per request; ahead of time
// it costs nothing and is ~14% smaller than the quality on-the-fly compression can afford.
// Usage: node scripts/compress-assets.mjs [dir] (default dist/frontend/browser).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

import { root } from './lib.mjs';

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|xml|map|webmanifest|ico)$/i;

const dir = process.argv[2] ?? join(root, 'dist', 'frontend', 'browser');
let files = 0;
let before = 0;
let after = 0;
for (const path of walk(dir)) {
  const content = readFileSync(path);
  const variants = {
    br: brotliCompressSync(content, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    }),
    gz: gzipSync(content, { level: constants.Z_BEST_COMPRESSION }),
  };
  // A tiny file can come out larger; the server sends the original when there is no variant.
  if (variants.br.length >= content.length) continue;
  for (const [extension, compressed] of Object.entries(variants)) writeFileSync(`${path}.${extension}`, compressed);
  files++;
  before += content.length;
  after += variants.br.length;
}
console.log(`Compressed ${files} files in ${dir}: ${kib(before)} → ${kib(after)} with brotli`);

function* walk(path) {
  for (const entry of readdirSync(path)) {
    const child = join(path, entry);
    if (statSync(child).isDirectory()) yield* walk(child);
    else if (COMPRESSIBLE.test(entry)) yield child;
  }
}

function kib(bytes) {
  return `${Math.round(bytes / 1024)} KiB`;
}
