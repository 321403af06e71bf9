import { RequestLimiter } from './request-limiter';

describe('RequestLimiter', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('allows `limit` requests per window and key, then says how long to wait', () => {
    const limiter = new RequestLimiter(2, 60_000);
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('b')).toBe(0);
    jest.advanceTimersByTime(15_000);
    expect(limiter.take('a')).toBe(45);
  });

  it('tells what is left of the window and when it starts over, for RateLimit-* headers', () => {
    const limiter = new RequestLimiter(2, 60_000);
    expect(limiter.hit('a')).toEqual({ limit: 2, remaining: 1, resetSeconds: 60, retryAfter: 0 });
    jest.advanceTimersByTime(10_500);
    expect(limiter.hit('a')).toEqual({ limit: 2, remaining: 0, resetSeconds: 50, retryAfter: 0 });
    expect(limiter.hit('a')).toEqual({ limit: 2, remaining: 0, resetSeconds: 50, retryAfter: 50 });
  });

  it('starts over when the window has passed', () => {
    const limiter = new RequestLimiter(1, 60_000);
    limiter.take('a');
    expect(limiter.take('a')).toBeGreaterThan(0);
    jest.advanceTimersByTime(60_000);
    expect(limiter.take('a')).toBe(0);
  });

  it('tells how long a key over its limit waits, without counting the question', () => {
    const limiter = new RequestLimiter(1, 60_000);
    expect(limiter.retryAfter('a')).toBe(0);
    limiter.take('a');
    expect(limiter.retryAfter('a')).toBe(0);
    limiter.take('a');
    jest.advanceTimersByTime(20_000);
    expect(limiter.retryAfter('a')).toBe(40);
    expect(limiter.retryAfter('a')).toBe(40);
    jest.advanceTimersByTime(40_000);
    expect(limiter.retryAfter('a')).toBe(0);
  });

  it('keeps its memory bounded', () => {
    const limiter = new RequestLimiter(1, 60_000, 3);
    for (const key of ['a', 'b', 'c', 'd', 'e']) limiter.take(key);
    expect((limiter as unknown as { windows: Map<string, unknown> }).windows.size).toBeLessThanOrEqual(3);
  });
});
