import { DrainRate, MAX_RETRY_AFTER_MS, MIN_RETRY_AFTER_MS } from './drain-rate';

/** Completes `perSecond` sends a second, evenly, for `seconds`; returns the clock afterwards. */
const drain = (rate: DrainRate, from: number, perSecond: number, seconds: number): number => {
  const step = 1000 / perSecond;
  let now = from;
  for (let i = 0; i < perSecond * seconds; i++) rate.completed((now += step));
  return now;
};

describe('DrainRate', () => {
  it('names the longest wait while nothing has finished yet', () => {
    const rate = new DrainRate(0);
    expect(rate.retryAfterMs(10, 1_000)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('tells the sends ahead over the completion rate: 500 ahead at 400 a second wait 1.25 s', () => {
    const rate = new DrainRate(0);
    const now = drain(rate, 0, 400, 3);
    expect(rate.retryAfterMs(500, now + 1)).toBeCloseTo(1_250, -1);
  });

  it('clamps the wait to [100 ms, 5 s]', () => {
    const fast = new DrainRate(0);
    const now = drain(fast, 0, 2_000, 2);
    expect(fast.retryAfterMs(1, now + 1)).toBe(MIN_RETRY_AFTER_MS);
    const slow = new DrainRate(0);
    const later = drain(slow, 0, 10, 2);
    expect(slow.retryAfterMs(500, later + 1)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('follows a slowdown within a few windows', () => {
    const rate = new DrainRate(0);
    let now = drain(rate, 0, 1_000, 2);
    const before = rate.retryAfterMs(100, now + 1);
    now = drain(rate, now, 100, 3);
    const after = rate.retryAfterMs(100, now + 1);
    expect(before).toBeCloseTo(100, -1);
    expect(after).toBeGreaterThan(800);
  });
});
