import { HttpException } from '@nestjs/common';

import { LoginThrottleService } from './login-throttle.service';

function waitSeconds(throttle: LoginThrottleService, login: string, ip: string): number {
  try {
    throttle.assertMayTry(login, ip);
    return 0;
  } catch (error) {
    return ((error as HttpException).getResponse() as { retryAfterSeconds: number }).retryAfterSeconds;
  }
}

describe('LoginThrottleService', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('lets three failures through, then doubles the wait up to a cap', () => {
    const throttle = new LoginThrottleService();
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      waits.push(waitSeconds(throttle, 'ada', '10.0.0.1'));
      throttle.recordFailure('ada', '10.0.0.1');
    }
    expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
    expect(waits.slice(3, 9)).toEqual([1, 2, 4, 8, 16, 30]);
    expect(Math.max(...waits)).toBe(30);
  });

  it('slows guessing spread over many IPs per account, but never the owner for more than a few seconds', () => {
    const throttle = new LoginThrottleService();
    // Two failures per IP: under the per-IP and per-(account, IP) thresholds, so only the account counts them.
    for (let i = 0; i < 500; i++) throttle.recordFailure('victim', `203.0.113.${i % 250}`);
    expect(waitSeconds(throttle, 'victim', '192.0.2.99')).toBeGreaterThan(0);
    const ownerWait = waitSeconds(throttle, 'victim', '198.51.100.7');
    expect(ownerWait).toBeGreaterThan(0);
    expect(ownerWait).toBeLessThanOrEqual(10);
    expect(waitSeconds(throttle, 'someone-else', '198.51.100.7')).toBe(0);
    jest.advanceTimersByTime(10_000);
    expect(waitSeconds(throttle, 'victim', '198.51.100.7')).toBe(0);
  });

  it('forgets failures after a success', () => {
    const throttle = new LoginThrottleService();
    for (let i = 0; i < 3; i++) throttle.recordFailure('ada', '10.0.0.1');
    jest.advanceTimersByTime(1_000);
    throttle.recordSuccess('ada', '10.0.0.1');
    throttle.recordFailure('ada', '10.0.0.1');
    expect(waitSeconds(throttle, 'ada', '10.0.0.1')).toBe(0);
  });
});
