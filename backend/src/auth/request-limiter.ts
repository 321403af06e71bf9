/**
 * Counts requests per key in fixed windows, in memory (like the login throttle; shared state in Redis is for
 * scale-out). `take` counts one and says how long to wait once the key is over its limit.
 */
export class RequestLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxTracked = 100_000,
  ) {}

  /** 0 when this request is within the limit, otherwise the seconds until the key may try again. */
  take(key: string): number {
    return this.hit(key).retryAfter;
  }

  /**
   * Counts one request and tells where the key stands (for RateLimit-* headers): requests left in this window,
   * seconds until it starts over, and `retryAfter` (seconds) when this one is over the limit, else 0.
   */
  hit(key: string): { limit: number; remaining: number; resetSeconds: number; retryAfter: number } {
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      if (this.windows.size >= this.maxTracked) this.forgetExpired(now);
      window = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    const resetSeconds = Math.ceil((window.resetAt - now) / 1000);
    return {
      limit: this.limit,
      remaining: Math.max(0, this.limit - window.count),
      resetSeconds,
      retryAfter: window.count > this.limit ? resetSeconds : 0,
    };
  }

  /** Like `take` without counting this request: 0 while the key is within its limit. */
  retryAfter(key: string): number {
    const now = Date.now();
    const window = this.windows.get(key);
    return window && window.resetAt > now && window.count > this.limit ? Math.ceil((window.resetAt - now) / 1000) : 0;
  }

  private forgetExpired(now: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
    if (this.windows.size >= this.maxTracked) this.windows.clear();
  }
}
