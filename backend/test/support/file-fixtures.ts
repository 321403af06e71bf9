import { ZipFile } from 'yazl';

/** Small files of every accepted document and audio type: just the structure their type is recognised by. */

export const pdf = (): Buffer => Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF\n');

export function zip(entries: Record<string, string>): Promise<Buffer> {
  const archive = new ZipFile();
  for (const [name, content] of Object.entries(entries)) archive.addBuffer(Buffer.from(content), name);
  archive.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    archive.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    archive.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    archive.outputStream.on('error', reject);
  });
}

/** An Office Open XML package (docx, xlsx, pptx) whose [Content_Types].xml names its main part. */
export function officeOpenXml(part: 'word' | 'xl' | 'ppt'): Promise<Buffer> {
  const main = {
    word: ['/word/document.xml', 'wordprocessingml.document.main+xml'],
    xl: ['/xl/workbook.xml', 'spreadsheetml.sheet.main+xml'],
    ppt: ['/ppt/presentation.xml', 'presentationml.presentation.main+xml'],
  }[part];
  return zip({
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      `<Override PartName="${main[0]}" ContentType="application/vnd.openxmlformats-officedocument.${main[1]}"/></Types>`,
    [main[0].slice(1)]: '<?xml version="1.0"?><root/>',
  });
}

/**
 * A compound file (MS-CFB, the container of .doc/.xls/.ppt and of .msi installers) whose directory holds a root
 * entry and one stream of the given name.
 */
export function compoundFile(streamName: string): Buffer {
  const file = Buffer.alloc(512 * 3);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(file, 0);
  file.writeUInt16LE(0x3e, 0x18); // minor version
  file.writeUInt16LE(3, 0x1a); // major version 3: 512-byte sectors
  file.writeUInt16LE(0xfffe, 0x1c); // little-endian
  file.writeUInt16LE(9, 0x1e); // sector shift
  file.writeUInt16LE(6, 0x20); // mini sector shift
  file.writeUInt32LE(0, 0x30); // first directory sector
  const entry = (at: number, name: string, type: number) => {
    file.write(`${name}\0`, at, 'utf16le');
    file.writeUInt16LE((name.length + 1) * 2, at + 0x40);
    file[at + 0x42] = type;
  };
  entry(512, 'Root Entry', 5);
  entry(512 + 128, streamName, 2);
  return file;
}

/** An MP3: an empty ID3v2 tag, then MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz). */
export function mp3(): Buffer {
  const frame = Buffer.alloc(417);
  Buffer.from([0xff, 0xfb, 0x90, 0x64]).copy(frame);
  return Buffer.concat([Buffer.from('ID3\x04\0\0\0\0\0\0', 'latin1'), frame, frame, frame]);
}

/** An Ogg page carrying an Opus identification header (what Firefox records). */
export function oggOpus(): Buffer {
  const page = Buffer.alloc(28 + 19);
  page.write('OggS', 0, 'latin1');
  page[5] = 0x02; // beginning of stream
  page[26] = 1; // one segment
  page[27] = 19;
  page.write('OpusHead', 28, 'latin1');
  page[36] = 1;
  page[37] = 1;
  return Buffer.concat([page, Buffer.alloc(200)]);
}

/** A WebM with one track of the given codec ("A_OPUS", what Chrome records, or "V_VP8"). */
export function webm(codecId: string): Buffer {
  const element = (id: number[], body: Buffer) =>
    Buffer.concat([Buffer.from(id), Buffer.from([0x80 | body.length]), body]);
  const ebml = element([0x1a, 0x45, 0xdf, 0xa3], element([0x42, 0x82], Buffer.from('webm')));
  const track = element(
    [0xae],
    Buffer.concat([element([0xd7], Buffer.from([1])), element([0x86], Buffer.from(codecId))]),
  );
  const tracks = element([0x16, 0x54, 0xae, 0x6b], track);
  const segment = Buffer.concat([
    Buffer.from([0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
    tracks,
  ]);
  return Buffer.concat([ebml, segment, Buffer.alloc(300)]);
}

/** An MP4 container with the given brand and one track whose handler is the given type ("soun" or "vide"). */
export function isoMedia(brand: string, handler: 'soun' | 'vide'): Buffer {
  const box = (type: string, body: Buffer) => {
    const size = Buffer.alloc(4);
    size.writeUInt32BE(8 + body.length);
    return Buffer.concat([size, Buffer.from(type, 'latin1'), body]);
  };
  const ftyp = box('ftyp', Buffer.concat([Buffer.from(brand, 'latin1'), Buffer.alloc(4), Buffer.from('isommp42')]));
  const hdlr = box('hdlr', Buffer.concat([Buffer.alloc(8), Buffer.from(handler, 'latin1'), Buffer.alloc(13)]));
  const moov = box('moov', box('trak', box('mdia', hdlr)));
  return Buffer.concat([ftyp, moov, box('mdat', Buffer.alloc(300))]);
}

/** ADTS AAC frames (AAC-LC, 44.1 kHz, stereo). */
export function aac(): Buffer {
  const frame = Buffer.alloc(100);
  Buffer.from([0xff, 0xf1, 0x50, 0x80, 0x0c, 0x9f, 0xfc]).copy(frame);
  return Buffer.concat([frame, frame, frame]);
}

/** A WAV: a RIFF/WAVE header, a PCM format chunk and a little silence. */
export function wav(): Buffer {
  const data = Buffer.alloc(800);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
