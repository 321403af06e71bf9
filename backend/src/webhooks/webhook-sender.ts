import http from 'node:http';
import https from 'node:https';

import { Webhook } from 'standardwebhooks';

import { RefusedTargetError, type SsrfGuard } from '../common/ssrf-guard';
import { type AttemptResult, classifyStatus } from './retry-policy';

export interface SignedRequest {
  url: string;
  secret: string;
  eventId: string;
  body: string;
}

/** Bytes of a receiver's answer read at most (the answer itself is not kept). */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * One signed POST (Standard Webhooks: `Webhook-Id`, `Webhook-Timestamp`, `Webhook-Signature: v1,<base64 HMAC>`),
 * through the SSRF guard, without following redirects, given up after `timeoutMs` in all.
 */
export async function sendSigned(
  request: SignedRequest,
  guard: SsrfGuard,
  timeoutMs: number,
  now = new Date(),
): Promise<AttemptResult> {
  const url = new URL(request.url);
  try {
    // An address written in the URL is never looked up, so `lookup` would not see it: check it here.
    await guard.resolve(url.hostname);
  } catch (error) {
    return refusedOrRetry(error);
  }
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'PortalChat-Webhooks/1',
    'webhook-id': request.eventId,
    'webhook-timestamp': Math.floor(now.getTime() / 1000).toString(),
    'webhook-signature': new Webhook(request.secret).sign(request.eventId, now, request.body),
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<AttemptResult>((resolve) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(request.body) },
        lookup: guard.lookup,
        agent: false,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_ANSWER_BYTES) res.destroy();
        });
        const done = () => resolve(classifyStatus(res.statusCode ?? 0, res.headers['retry-after']));
        res.on('end', done);
        res.on('close', done);
        res.on('error', done);
      },
    );
    req.on('error', (error) => resolve(refusedOrRetry(error)));
    req.end(request.body);
  });
}

function refusedOrRetry(error: unknown): AttemptResult {
  if (error instanceof RefusedTargetError) return { kind: 'reject', statusCode: null, error: `${error.message}` };
  const { name, code, message } = error as NodeJS.ErrnoException;
  if (name === 'AbortError' || name === 'TimeoutError') return { kind: 'retry', statusCode: null, error: 'timed out' };
  return { kind: 'retry', statusCode: null, error: code ? `${code}: ${message}` : message };
}
