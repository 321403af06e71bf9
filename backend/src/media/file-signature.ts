import { open } from 'node:fs/promises';

import { fileTypeFromBuffer, fileTypeFromFile } from 'file-type';

import type { MediaKind } from '../contracts/messages';
import { isLegacyOfficeDocument } from './legacy-office';
import { isPlainText } from './plain-text';

export interface DetectedType {
  kind: MediaKind;
  mime: string;
  extension: string;
}

const type = (kind: MediaKind, mime: string, extension: string): DetectedType => ({ kind, mime, extension });
const OPEN_XML = 'application/vnd.openxmlformats-officedocument';
const OPEN_DOCUMENT = 'application/vnd.oasis.opendocument';

/**
 * Everything the product accepts, keyed by the type the `file-type` library reads from the bytes, with what it is
 * stored and served as. Anything else (programs, scripts, HTML, SVG, macro-enabled Office files, ...) is refused.
 */
const ACCEPTED: Record<string, DetectedType> = {
  'image/jpeg': type('image', 'image/jpeg', 'jpg'),
  'image/png': type('image', 'image/png', 'png'),
  'image/gif': type('image', 'image/gif', 'gif'),
  'image/webp': type('image', 'image/webp', 'webp'),
  'video/mp4': type('video', 'video/mp4', 'mp4'),
  'video/x-m4v': type('video', 'video/mp4', 'mp4'),
  'video/webm': type('video', 'video/webm', 'webm'),
  'audio/mpeg': type('audio', 'audio/mpeg', 'mp3'),
  'audio/ogg': type('audio', 'audio/ogg', 'ogg'),
  'audio/ogg; codecs=opus': type('audio', 'audio/ogg', 'opus'),
  'audio/x-m4a': type('audio', 'audio/mp4', 'm4a'),
  'audio/mp4': type('audio', 'audio/mp4', 'm4a'),
  'audio/aac': type('audio', 'audio/aac', 'aac'),
  'audio/wav': type('audio', 'audio/wav', 'wav'),
  'application/pdf': type('file', 'application/pdf', 'pdf'),
  'application/zip': type('file', 'application/zip', 'zip'),
  [`${OPEN_XML}.wordprocessingml.document`]: type('file', `${OPEN_XML}.wordprocessingml.document`, 'docx'),
  [`${OPEN_XML}.spreadsheetml.sheet`]: type('file', `${OPEN_XML}.spreadsheetml.sheet`, 'xlsx'),
  [`${OPEN_XML}.presentationml.presentation`]: type('file', `${OPEN_XML}.presentationml.presentation`, 'pptx'),
  [`${OPEN_DOCUMENT}.text`]: type('file', `${OPEN_DOCUMENT}.text`, 'odt'),
  [`${OPEN_DOCUMENT}.spreadsheet`]: type('file', `${OPEN_DOCUMENT}.spreadsheet`, 'ods'),
  [`${OPEN_DOCUMENT}.presentation`]: type('file', `${OPEN_DOCUMENT}.presentation`, 'odp'),
};

const LEGACY_OFFICE = {
  doc: type('file', 'application/msword', 'doc'),
  xls: type('file', 'application/vnd.ms-excel', 'xls'),
  ppt: type('file', 'application/vnd.ms-powerpoint', 'ppt'),
};
const PLAIN_TEXT = type('file', 'text/plain', 'txt');

/** Bytes the first judgement (while the upload is still arriving) looks at. */
export const SIGNATURE_BYTES = 4100;

/**
 * The first judgement, from the upload's first bytes: the kind whose size limit applies, or null when the bytes
 * already show a type that is never accepted. Containers that need the whole file (ZIP-based Office files, the
 * compound files of old Office, text) are judged finally by detectType().
 */
export async function judgeHead(head: Buffer): Promise<MediaKind | null> {
  const found = await fileTypeFromBuffer(head);
  if (!found) return 'file';
  if (found.mime === 'application/x-cfb') return 'file';
  return ACCEPTED[found.mime]?.kind ?? null;
}

/**
 * The file's type from its content, never from its name or the Content-Type the client claims: null for anything
 * outside the allow-list. WebM and MP4 without a video track are audio (voice messages recorded in a browser).
 */
export async function detectType(path: string): Promise<DetectedType | null> {
  const found = await fileTypeFromFile(path);
  if (!found) return (await isPlainText(path)) ? PLAIN_TEXT : null;
  if (found.mime === 'application/x-cfb') {
    const office = await isLegacyOfficeDocument(path);
    return office ? LEGACY_OFFICE[office] : null;
  }
  const accepted = ACCEPTED[found.mime];
  if (accepted?.kind === 'video' && (await hasOnlyAudioTracks(path, accepted.mime))) {
    return accepted.mime === 'video/webm' ? type('audio', 'audio/webm', 'webm') : type('audio', 'audio/mp4', 'm4a');
  }
  return accepted ?? null;
}

/**
 * Whether a WebM (by its tracks' codec ids, "A_OPUS" / "V_VP8") or MP4 (by its handler boxes, "soun" / "vide")
 * carries sound but no picture. Recorders write the track headers at the start, so the first 64 KB tell.
 */
async function hasOnlyAudioTracks(path: string, mime: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, 0);
    const head = buffer.subarray(0, bytesRead);
    const has = (marker: string) => head.includes(marker, 0, 'latin1');
    if (mime === 'video/webm') return hasCodecId(head, 'A_') && !hasCodecId(head, 'V_');
    return has('soun') && !has('vide');
  } finally {
    await file.close();
  }
}

/** A Matroska CodecID element (id 0x86, a one-byte size) whose value starts with the prefix. */
function hasCodecId(head: Buffer, prefix: string): boolean {
  for (let at = head.indexOf(0x86); at !== -1 && at < head.length - 3; at = head.indexOf(0x86, at + 1)) {
    if ((head[at + 1] & 0x80) !== 0 && head.toString('latin1', at + 2, at + 4) === prefix) return true;
  }
  return false;
}
