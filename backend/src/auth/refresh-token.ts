import { createHash, randomBytes } from 'node:crypto';

import { Types } from 'mongoose';

/** A refresh token names its session and carries 256 random bits: "<sessionId>.<secret>". */
export function newRefreshToken(sessionId: Types.ObjectId): string {
  return `${sessionId.toString()}.${randomBytes(32).toString('base64url')}`;
}

export function parseRefreshToken(token: unknown): { sessionId: string; hash: string } | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const [sessionId, secret, extra] = token.split('.');
  if (extra !== undefined || !secret || !Types.ObjectId.isValid(sessionId)) return null;
  return { sessionId, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
