/** The longest a send waits between two busy refusals. */
const MAX_BUSY_BACKOFF_MS = 8_000;

/**
 * How long to wait after the `refusals`-th busy answer in a row (from 0): the server's `retryAfterMs`, doubled per
 * earlier refusal up to 8 s, times a random factor from 1 to 2 (the jitter that spreads the clients' returns).
 */
export function busyBackoffMs(retryAfterMs: number, refusals: number, random = Math.random): number {
  return Math.round(Math.min(MAX_BUSY_BACKOFF_MS, retryAfterMs * 2 ** Math.min(refusals, 10)) * (1 + random()));
}
