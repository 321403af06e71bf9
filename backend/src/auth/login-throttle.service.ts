import { HttpException, HttpStatus, Injectable } from '@nestjs/common';

interface Failures {
  count: number;
  lastAt: number;
}

interface Rule {
  /** Failures allowed before any delay. */
  free: number;
  /** Longest delay in seconds: a victim's account is never locked for longer than this. */
  maxDelaySeconds: number;
}

// Failed logins are counted per (account, IP), per IP and per account. Each failure past the free ones doubles
// the wait before the next attempt, up to a short cap. The per-account rule, the only one an attacker elsewhere
// can drive, has a high threshold and the smallest cap, so it can't lock the real owner out for long.
const RULES: Record<'accountIp' | 'ip' | 'account', Rule> = {
  accountIp: { free: 3, maxDelaySeconds: 30 },
  ip: { free: 20, maxDelaySeconds: 60 },
  account: { free: 50, maxDelaySeconds: 10 },
};
const FORGET_AFTER_MS = 15 * 60 * 1000;
const MAX_TRACKED = 100_000;

@Injectable()
export class LoginThrottleService {
  private readonly failures = new Map<string, Failures>();

  /** Throws 429 with Retry-After when this login must wait. */
  assertMayTry(login: string, ip: string): void {
    const now = Date.now();
    const waitSeconds = Math.max(
      ...this.keys(login, ip).map(([key, rule]) => {
        const entry = this.failures.get(key);
        if (!entry || entry.count < rule.free) return 0;
        const delay = Math.min(2 ** (entry.count - rule.free), rule.maxDelaySeconds);
        return Math.ceil((entry.lastAt + delay * 1000 - now) / 1000);
      }),
    );
    if (waitSeconds > 0) {
      throw new HttpException(
        {
          message: `Too many failed sign-in attempts. Try again in ${waitSeconds} second${waitSeconds === 1 ? '' : 's'}.`,
          code: 'login_throttled',
          retryAfterSeconds: waitSeconds,
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }

  recordFailure(login: string, ip: string): void {
    const now = Date.now();
    if (this.failures.size > MAX_TRACKED) this.forgetOld(now);
    for (const [key] of this.keys(login, ip)) {
      const entry = this.failures.get(key);
      const fresh = !entry || now - entry.lastAt > FORGET_AFTER_MS;
      this.failures.set(key, { count: fresh ? 1 : entry.count + 1, lastAt: now });
    }
  }

  recordSuccess(login: string, ip: string): void {
    this.failures.delete(`account-ip:${normalize(login)}|${ip}`);
    this.failures.delete(`account:${normalize(login)}`);
  }

  private keys(login: string, ip: string): [string, Rule][] {
    const account = normalize(login);
    return [
      [`account-ip:${account}|${ip}`, RULES.accountIp],
      [`ip:${ip}`, RULES.ip],
      [`account:${account}`, RULES.account],
    ];
  }

  private forgetOld(now: number): void {
    for (const [key, entry] of this.failures) if (now - entry.lastAt > FORGET_AFTER_MS) this.failures.delete(key);
    if (this.failures.size > MAX_TRACKED) this.failures.clear();
  }
}

function normalize(login: string): string {
  return login.trim().toLowerCase();
}
