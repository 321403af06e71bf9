import { ACCEPTED_MEDIA, attachmentKind, attachmentProblem, fileSize } from './attachment';

describe('fileSize', () => {
  it('shows kilobytes whole and megabytes with one decimal in the given locale', () => {
    expect(fileSize(300, 'en-US')).toBe('1 KB');
    expect(fileSize(512 * 1024, 'en-US')).toBe('512 KB');
    expect(fileSize(2.4 * 1024 * 1024, 'en-US')).toBe('2.4 MB');
    expect(fileSize(2.4 * 1024 * 1024, 'de')).toBe('2,4 MB');
    expect(fileSize(10 * 1024 * 1024, 'de')).toBe('10,0 MB');
  });
});

describe('attachments', () => {
  const file = (name: string, type: string, size = 1000) =>
    Object.defineProperty(new File(['x'], name, { type }), 'size', { value: size });

  it('offers documents, text, archives and audio in the picker besides pictures and videos', () => {
    for (const type of [
      'application/pdf',
      '.docx',
      '.xlsx',
      '.pptx',
      '.odt',
      'text/plain',
      '.zip',
      'audio/mpeg',
      'audio/webm',
    ]) {
      expect(ACCEPTED_MEDIA.split(',')).toContain(type);
    }
  });

  it('guesses the kind from the browser’s type until the server has judged the content', () => {
    expect(attachmentKind(file('a.png', 'image/png'))).toBe('image');
    expect(attachmentKind(file('a.webm', 'video/webm'))).toBe('video');
    expect(attachmentKind(file('a.ogg', 'audio/ogg'))).toBe('audio');
    expect(attachmentKind(file('a.pdf', 'application/pdf'))).toBe('file');
    expect(attachmentKind(file('notes', ''))).toBe('file');
  });

  it('leaves documents of any size and type to the server (its limit is the operator’s), not pictures over 10 MB', () => {
    expect(attachmentProblem(file('big.pdf', 'application/pdf', 40 * 1024 * 1024))).toBeNull();
    expect(attachmentProblem(file('setup.exe', 'application/x-msdownload'))).toBeNull();
    expect(attachmentProblem(file('big.png', 'image/png', 11 * 1024 * 1024))).toBe('Pictures can be at most 10 MB.');
  });
});
