import { Injectable } from '@nestjs/common';

import { RateLimiter } from '../realtime/rate-limiter';

/** Searches per user: bursts of 20 (typing as you go), then 2 a second. Over it: 429 `rate_limited`. */
@Injectable()
export class SearchRateLimit extends RateLimiter {
  constructor() {
    super(20, 2);
  }
}
