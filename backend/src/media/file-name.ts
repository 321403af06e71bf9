import { create as contentDisposition } from 'content-disposition';

import type { DetectedType } from './file-signature';

const MAX_NAME_CHARS = 120;
/** Control and format characters (C0, C1, bidi overrides that can make "exe.pdf" read "fdp.exe"). */
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
/** Other extensions a type goes by; a download whose name ends otherwise gets the detected extension appended. */
const ALIASES: Record<string, string[]> = {
  jpg: ['jpeg'],
  mp4: ['m4v'],
  ogg: ['oga', 'opus'],
  opus: ['ogg'],
  m4a: ['mp4'],
  txt: ['text', 'csv', 'tsv', 'md', 'log'],
};

/**
 * The uploaded file's name, for display only: without any path, invisible characters or surrounding dots and
 * spaces, at most 120 characters (keeping the extension). Null when nothing is left.
 */
export function displayName(raw: string | undefined): string | null {
  const base = (raw ?? '').split(/[\\/]/).pop()!.normalize('NFC').replace(INVISIBLE, '').trim();
  const name = base.replace(/^[.\s]+|[.\s]+$/g, '');
  if (!name) return null;
  if ([...name].length <= MAX_NAME_CHARS) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 12 ? name.slice(dot) : '';
  return (
    [...name]
      .slice(0, MAX_NAME_CHARS - extension.length)
      .join('')
      .trimEnd() + extension
  );
}

/** The name a download is saved under: the display name, ending in an extension that matches the content. */
export function downloadName(name: string | null, type: Pick<DetectedType, 'extension'>): string {
  if (!name) return `file.${type.extension}`;
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  const matches = extension === type.extension || (ALIASES[type.extension] ?? []).includes(extension);
  return matches ? name : `${name}.${type.extension}`;
}

/**
 * `attachment` with the name twice: an ASCII fallback for old clients (accents dropped, anything else "_") and the
 * exact UTF-8 name in RFC 5987's `filename*`.
 */
export function attachmentHeader(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_');
  return contentDisposition(name, { type: 'attachment', fallback: ascii });
}
