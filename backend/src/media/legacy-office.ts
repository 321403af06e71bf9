import { open } from 'node:fs/promises';

/** The stream each old Office program keeps its document in (MS-DOC, MS-XLS, MS-PPT). */
const DOCUMENT_STREAMS: Record<string, 'doc' | 'xls' | 'ppt'> = {
  WordDocument: 'doc',
  Workbook: 'xls',
  Book: 'xls',
  'PowerPoint Document': 'ppt',
};
const ENTRY_BYTES = 128;
const STREAM_OBJECT = 2;
const CHUNK_BYTES = 64 * 1024;

/**
 * Which old Office format a compound file (MS-CFB: .doc, .xls, .ppt, but also .msi installers and .msg mails) is,
 * by the document stream named in its directory; null when it is none of them. Directory entries are 128 bytes,
 * aligned to 128 bytes in the file (sectors are 512 or 4096 bytes), so reading the entries needs no sector chains.
 */
export async function isLegacyOfficeDocument(path: string): Promise<'doc' | 'xls' | 'ppt' | null> {
  const file = await open(path, 'r');
  try {
    const chunk = Buffer.alloc(CHUNK_BYTES);
    for (let position = 512; ; position += CHUNK_BYTES) {
      const { bytesRead } = await file.read(chunk, 0, CHUNK_BYTES, position);
      for (let at = 0; at + ENTRY_BYTES <= bytesRead; at += ENTRY_BYTES) {
        const found = documentStreamAt(chunk, at);
        if (found) return found;
      }
      if (bytesRead < CHUNK_BYTES) return null;
    }
  } finally {
    await file.close();
  }
}

function documentStreamAt(chunk: Buffer, at: number): 'doc' | 'xls' | 'ppt' | null {
  const nameBytes = chunk.readUInt16LE(at + 0x40);
  if (nameBytes < 4 || nameBytes > 64 || nameBytes % 2 !== 0 || chunk[at + 0x42] !== STREAM_OBJECT) return null;
  const name = chunk.toString('utf16le', at, at + nameBytes - 2);
  return DOCUMENT_STREAMS[name] ?? null;
}
