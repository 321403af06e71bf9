import { cacheControlFor, pickEncoding } from './static-assets';

const BR = { name: 'br', extension: '.br' } as const;
const GZIP = { name: 'gzip', extension: '.gz' } as const;

describe('pickEncoding', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=1, br;q=0.5', 'gzip'],
    ['*', 'br'],
    ['*;q=0.5, br;q=0', 'gzip'],
    ['identity', null],
    ['*;q=0', null],
    ['', null],
    [undefined, null],
  ])('Accept-Encoding %p → %p', (header, expected) => {
    expect(pickEncoding(header, [BR, GZIP])?.name ?? null).toBe(expected);
  });

  it('offers only the variants that exist', () => {
    expect(pickEncoding('br, gzip', [GZIP])).toBe(GZIP);
  });
});

describe('cacheControlFor', () => {
  it('keeps files named by their content for a year and revalidates the rest', () => {
    expect(cacheControlFor('/srv/main-ODITN7VX.js')).toBe('public, max-age=31536000, immutable');
    expect(cacheControlFor('media/inter-X1Y2Z3W4.woff2')).toBe('public, max-age=31536000, immutable');
    expect(cacheControlFor('/srv/index.html')).toBe('no-cache');
    expect(cacheControlFor('/srv/favicon.svg')).toBe('no-cache');
    expect(cacheControlFor('/srv/my-favicon.svg')).toBe('no-cache');
  });
});
