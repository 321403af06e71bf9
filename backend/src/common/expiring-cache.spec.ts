import { ExpiringCache } from './expiring-cache';

/** A lookup that answers when the test says so. */
function pending<V>() {
  let resolve!: (value: V) => void;
  const promise = new Promise<V>((r) => (resolve = r));
  return { load: () => promise, resolve };
}

describe('ExpiringCache', () => {
  it('answers from the cache until the entry is dropped or expires', async () => {
    let now = 1_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    const cache = new ExpiringCache<string>(5_000);
    let reads = 0;
    const load = async () => `read ${(reads += 1)}`;

    expect(await cache.get('a:b', load)).toBe('read 1');
    expect(await cache.get('a:b', load)).toBe('read 1');
    cache.delete('a:b');
    expect(await cache.get('a:b', load)).toBe('read 2');
    now += 5_000;
    expect(await cache.get('a:b', load)).toBe('read 3');
    cache.deleteWhere((key) => key.split(':').includes('b'));
    expect(await cache.get('a:b', load)).toBe('read 4');
    jest.restoreAllMocks();
  });

  it('does not keep an answer read before a drop that happened while it was read (a block mid-lookup)', async () => {
    const cache = new ExpiringCache<boolean>(60_000);
    const stale = pending<boolean>();
    const lookup = cache.get('a:b', stale.load);
    cache.delete('a:b');
    stale.resolve(true);
    expect(await lookup).toBe(true);
    expect(await cache.get('a:b', async () => false)).toBe(false);
  });

  it('starts over past its size limit', async () => {
    const cache = new ExpiringCache<number>(60_000, 2);
    await cache.get('a', async () => 1);
    await cache.get('b', async () => 2);
    await cache.get('c', async () => 3);
    expect(await cache.get('a', async () => 10)).toBe(10);
    expect(await cache.get('c', async () => 30)).toBe(3);
  });
});
