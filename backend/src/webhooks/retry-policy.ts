/** What one attempt came to, as the retry policy sees it. */
export type AttemptResult =
  | { kind: 'delivered'; statusCode: number }
  /** Worth trying again: a network error, a timeout, a 5xx, 408 or 429 (`retryAfterMs` from Retry-After). */
  | { kind: 'retry'; statusCode: number | null; error: string; retryAfterMs?: number }
  /** Trying again will not help: any other 4xx, a redirect, a refused target. */
  | { kind: 'reject'; statusCode: number | null; error: string };

export function classifyStatus(statusCode: number, retryAfter: string | undefined, now = Date.now()): AttemptResult {
  if (statusCode >= 200 && statusCode < 300) return { kind: 'delivered', statusCode };
  if (statusCode >= 500 || statusCode === 408 || statusCode === 429) {
    const retryAfterMs = statusCode === 429 ? parseRetryAfter(retryAfter, now) : undefined;
    return { kind: 'retry', statusCode, error: `HTTP ${statusCode}`, retryAfterMs };
  }
  if (statusCode >= 300 && statusCode < 400)
    return { kind: 'reject', statusCode, error: `HTTP ${statusCode}: redirects are not followed, not retried` };
  return { kind: 'reject', statusCode, error: `HTTP ${statusCode}: refused by the receiver, not retried` };
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Exponential backoff with jitter: the n-th retry waits between half and all of base·2^(n-1), capped, so
 * deliveries that failed together do not all come back at the same moment.
 */
export function backoffDelay(attempts: number, baseMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempts - 1, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
