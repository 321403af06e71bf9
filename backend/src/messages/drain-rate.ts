/** The shortest and longest wait a busy answer names. */
export const MIN_RETRY_AFTER_MS = 100;
export const MAX_RETRY_AFTER_MS = 5_000;
/** Completions are counted over windows this long, then folded into the moving average. */
const WINDOW_MS = 250;
/** The weight of the newest window: the average follows a change in load within a few windows. */
const ALPHA = 0.3;

/**
 * How fast sends finish, as an exponentially weighted moving average of completions per second, and from it how long
 * a refused send should wait: the sends ahead of it over that rate, clamped to [100 ms, 5 s]. Times are in ms,
 * passed in so that tests control the clock.
 */
export class DrainRate {
  private perSecond = 0;
  private windowStart: number;
  private inWindow = 0;

  constructor(now: number) {
    this.windowStart = now;
  }

  completed(now: number): void {
    this.roll(now);
    this.inWindow++;
  }

  retryAfterMs(ahead: number, now: number): number {
    this.roll(now);
    if (this.perSecond === 0) return MAX_RETRY_AFTER_MS;
    const wait = Math.ceil((ahead / this.perSecond) * 1000);
    return Math.min(MAX_RETRY_AFTER_MS, Math.max(MIN_RETRY_AFTER_MS, wait));
  }

  /** Closes the window once it is long enough; a quiet stretch counts as one long window with few completions. */
  private roll(now: number): void {
    const elapsed = now - this.windowStart;
    if (elapsed < WINDOW_MS) return;
    const rate = (this.inWindow * 1000) / elapsed;
    this.perSecond = this.perSecond === 0 ? rate : ALPHA * rate + (1 - ALPHA) * this.perSecond;
    this.windowStart = now;
    this.inWindow = 0;
  }
}
