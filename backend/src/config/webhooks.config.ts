import { registerAs } from '@nestjs/config';
import ipaddr from 'ipaddr.js';

import { loadEnv } from './env.validation';

export type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** WEBHOOK_ALLOW_HOSTS (or PUSH_ALLOW_HOSTS) split into host names and address ranges (a single address is a range of one). */
export function parseAllowHosts(
  value: string | undefined,
  setting = 'WEBHOOK_ALLOW_HOSTS',
): { names: string[]; ranges: Cidr[] } {
  const names: string[] = [];
  const ranges: Cidr[] = [];
  for (const entry of (value ?? '').split(/[\s,]+/).filter(Boolean)) {
    const bare = entry.replace(/[[\]]/g, '');
    if (bare.includes('/')) {
      if (!ipaddr.isValidCIDR(bare))
        throw new Error(`Invalid environment: ${setting} has "${entry}", which is not a valid CIDR`);
      ranges.push(ipaddr.parseCIDR(bare));
    } else if (ipaddr.IPv4.isValidFourPartDecimal(bare) || ipaddr.IPv6.isValid(bare)) {
      const address = ipaddr.parse(bare);
      ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    } else names.push(bare.toLowerCase());
  }
  return { names, ranges };
}

const HOUR_MS = 3_600_000;

/** Outgoing webhooks: where they may go, how long an attempt may take, how long and how often to retry. */
export const webhooksConfig = registerAs('webhooks', () => {
  const env = loadEnv();
  return {
    /** Private, loopback or link-local targets that are allowed all the same (WEBHOOK_ALLOW_HOSTS). */
    allowHosts: parseAllowHosts(env.WEBHOOK_ALLOW_HOSTS),
    /** An attempt that has no answer by then counts as failed (and is retried). */
    timeoutMs: (env.WEBHOOK_TIMEOUT_SECONDS ?? 10) * 1000,
    /** The first retry's delay; it doubles with each attempt, with jitter, up to `maxBackoffMs`. */
    backoffMs: (env.WEBHOOK_BACKOFF_SECONDS ?? 5) * 1000,
    maxBackoffMs: HOUR_MS,
    /** How long a delivery is retried before it is given up. */
    retryForMs: (env.WEBHOOK_RETRY_HOURS ?? 24) * HOUR_MS,
    /** An endpoint is paused after this many deliveries given up in a row… */
    pauseAfterFailures: env.WEBHOOK_PAUSE_AFTER_FAILURES ?? 5,
    /** …or when it has failed every attempt for this long. */
    pauseAfterMs: (env.WEBHOOK_PAUSE_AFTER_HOURS ?? 12) * HOUR_MS,
    /** Deliveries in flight at once per instance. */
    concurrency: 10,
  };
});
export type WebhooksConfig = ReturnType<typeof webhooksConfig>;
