import { createReadStream } from 'node:fs';

/** Markup and scripts that a browser or a desktop would run rather than show: never accepted as text. */
const ACTIVE_START = /^\uFEFF?\s*(<|#!)/;
const ACTIVE_TAG = /<\s*(script|html|svg|body|iframe|object|embed|!doctype)\b/i;
const SNIFFED_CHARS = 1024;

/**
 * Text has no magic number: a file is plain text when its bytes are valid UTF-8 without NUL characters, and it does
 * not start like markup or a script (HTML, SVG, XML, a "#!" program), nor name an active tag near its start.
 */
export async function isPlainText(path: string): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let start = '';
  try {
    for await (const chunk of createReadStream(path)) {
      const bytes = chunk as Buffer;
      if (bytes.includes(0)) return false;
      const text = decoder.decode(bytes, { stream: true });
      if (start.length < SNIFFED_CHARS) start += text.slice(0, SNIFFED_CHARS - start.length);
    }
    decoder.decode();
  } catch {
    return false;
  }
  return !ACTIVE_START.test(start) && !ACTIVE_TAG.test(start);
}
