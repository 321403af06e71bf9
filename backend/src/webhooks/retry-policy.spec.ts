import { backoffDelay, classifyStatus, parseRetryAfter } from './retry-policy';

describe('webhook retry policy', () => {
  it('retries network-like answers (5xx, 408, 429) and gives up on other 4xx and redirects', () => {
    expect(classifyStatus(204, undefined).kind).toBe('delivered');
    for (const status of [500, 502, 503, 504, 408, 429]) expect(classifyStatus(status, undefined).kind).toBe('retry');
    for (const status of [400, 401, 403, 404, 410, 301, 302, 307]) {
      expect(classifyStatus(status, undefined)).toMatchObject({ kind: 'reject', error: /not retried/ });
    }
  });

  it('honours Retry-After on 429 in seconds or as a date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(classifyStatus(429, '7', now)).toMatchObject({ retryAfterMs: 7000 });
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(classifyStatus(503, '7', now)).toMatchObject({ retryAfterMs: undefined });
  });

  it('backs off exponentially with jitter between half and all of the step, capped', () => {
    expect(backoffDelay(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffDelay(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffDelay(4, 1000, 60_000, () => 1)).toBe(8000);
    expect(backoffDelay(40, 1000, 60_000, () => 1)).toBe(60_000);
    expect(backoffDelay(40, 1000, 60_000, () => 0)).toBe(30_000);
  });
});
