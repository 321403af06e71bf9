import { fileSize } from './attachment';

describe('fileSize', () => {
  it('shows kilobytes whole and megabytes with one decimal in the given locale', () => {
    expect(fileSize(300, 'en-US')).toBe('1 KB');
    expect(fileSize(512 * 1024, 'en-US')).toBe('512 KB');
    expect(fileSize(2.4 * 1024 * 1024, 'en-US')).toBe('2.4 MB');
    expect(fileSize(2.4 * 1024 * 1024, 'de')).toBe('2,4 MB');
    expect(fileSize(10 * 1024 * 1024, 'de')).toBe('10,0 MB');
  });
});
