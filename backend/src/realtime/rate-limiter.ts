import { HttpException, HttpStatus } from '@nestjs/common';

/**
 * A token bucket per key (a user id): `burst` events at once, then `perSecond` on average. In memory, so each
 * instance counts on its own.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
  ) {}

  /** Counts one event, or throws 429 `rate_limited` saying how long to wait (`retryAfterMs`) when over the limit. */
  take(key: string, now = Date.now()): void {
    const retryAfterMs = this.waitFor(key, now);
    if (retryAfterMs > 0) {
      throw new HttpException(
        { message: 'Too many requests, slow down', code: 'rate_limited', retryAfterMs },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }

  /** 0 when the event fits in the bucket (and takes its token), otherwise the milliseconds until it would. */
  private waitFor(key: string, now: number): number {
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    if (this.buckets.size > 100_000) this.buckets.clear();
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return Math.ceil(((1 - bucket.tokens) / this.perSecond) * 1000);
    bucket.tokens -= 1;
    return 0;
  }
}
