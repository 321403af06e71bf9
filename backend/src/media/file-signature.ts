export type MediaKind = 'image' | 'video';

export interface DetectedType {
  kind: MediaKind;
  mime: string;
  extension: string;
}

/**
 * The file's type from its first bytes ("magic numbers"), never from its name or the Content-Type the client
 * claims. Only what the product accepts is recognised: JPEG, PNG, WebP, GIF, MP4 and WebM.
 */
export function detectType(head: Buffer): DetectedType | null {
  const at = (offset: number, bytes: number[]) => bytes.every((byte, i) => head[offset + i] === byte);
  const ascii = (offset: number, text: string) => head.toString('latin1', offset, offset + text.length) === text;

  if (at(0, [0xff, 0xd8, 0xff])) return { kind: 'image', mime: 'image/jpeg', extension: 'jpg' };
  if (at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { kind: 'image', mime: 'image/png', extension: 'png' };
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return { kind: 'image', mime: 'image/gif', extension: 'gif' };
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return { kind: 'image', mime: 'image/webp', extension: 'webp' };
  if (ascii(4, 'ftyp') && isMp4Brand(head.toString('latin1', 8, 12))) {
    return { kind: 'video', mime: 'video/mp4', extension: 'mp4' };
  }
  if (at(0, [0x1a, 0x45, 0xdf, 0xa3]) && head.includes('webm', 0, 'latin1')) {
    return { kind: 'video', mime: 'video/webm', extension: 'webm' };
  }
  return null;
}

/** Bytes needed to decide (the EBML header of WebM names its doctype within the first few dozen bytes). */
export const SIGNATURE_BYTES = 64;

// ISO base media brands that browsers play as video/mp4 (excludes HEIC/AVIF image brands and QuickTime).
function isMp4Brand(brand: string): boolean {
  return /^(isom|iso[2-9]|mp41|mp42|avc1|dash|M4V |mmp4|msnv|3gp[4-6])$/.test(brand);
}
