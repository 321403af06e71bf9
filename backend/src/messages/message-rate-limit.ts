import { Injectable } from '@nestjs/common';

import { RateLimiter } from '../realtime/rate-limiter';

/**
 * One budget per user for sends (over REST and the socket alike) and socket receipts: bursts of 120 (a client
 * flushing its offline queue), then 30 a second. Over it: 429 `rate_limited` with `retryAfterMs`.
 */
@Injectable()
export class MessageRateLimit extends RateLimiter {
  constructor() {
    super(120, 30);
  }
}
