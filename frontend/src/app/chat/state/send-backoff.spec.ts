import { busyBackoffMs } from './send-backoff';

describe('busyBackoffMs', () => {
  it("spreads the server's retryAfterMs over 1 to 2 times itself, doubling per refusal up to 8 s", () => {
    expect(busyBackoffMs(250, 0, () => 0)).toBe(250);
    expect(busyBackoffMs(250, 0, () => 0.999)).toBe(500);
    expect(busyBackoffMs(250, 2, () => 0)).toBe(1_000);
    expect(busyBackoffMs(250, 50, () => 0)).toBe(8_000);
    expect(busyBackoffMs(250, 50, () => 0.5)).toBe(12_000);
  });
});
