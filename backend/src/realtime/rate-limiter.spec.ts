import { HttpException } from '@nestjs/common';

import { toErrorBody } from '../common/filters/http-exception.filter';
import { RateLimiter } from './rate-limiter';

const refusal = (take: () => void): HttpException => {
  try {
    take();
  } catch (error) {
    return error as HttpException;
  }
  throw new Error('the event was let through');
};

describe('RateLimiter', () => {
  it('lets a burst through per key, then refuses with 429 rate_limited and how long to wait', () => {
    const limiter = new RateLimiter(3, 2);
    for (let i = 0; i < 3; i++) limiter.take('a', 1_000);
    limiter.take('b', 1_000);
    const error = refusal(() => limiter.take('a', 1_000));
    expect(toErrorBody(error)).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: expect.any(String),
      code: 'rate_limited',
      retryAfterMs: 500,
    });
  });

  it('refills at the sustained rate: the wait it names is enough, and half of it is not', () => {
    const drained = () => {
      const limiter = new RateLimiter(1, 4);
      limiter.take('a', 0);
      limiter.take('a', 250);
      return limiter;
    };
    expect(toErrorBody(refusal(() => drained().take('a', 300))).retryAfterMs).toBe(200);
    expect(() => drained().take('a', 400)).toThrow(HttpException);
    expect(() => drained().take('a', 500)).not.toThrow();
  });
});
