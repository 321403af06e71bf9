import { ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';

import type { AllConfig } from '../config';
import { CacheInvalidation } from '../realtime/cache-invalidation';
import { RealtimeService } from '../realtime/realtime.service';
import { hashToken, newRefreshToken, parseRefreshToken } from './refresh-token';
import { Session, type SessionDocument } from './schemas/session.schema';

const DAY_MS = 24 * 60 * 60 * 1000;
export const BANNED_MESSAGE = 'This account has been suspended by an administrator';
const REMEMBERED_HASHES = 20;
/** How long "this session is live" is trusted before asking the database again. */
const ACTIVE_CACHE_MS = 3_000;

export interface Rotation {
  session: SessionDocument;
  /** The new refresh token; null when a just-rotated token was presented within the reuse interval. */
  refreshToken: string | null;
}

@Injectable()
export class SessionsService {
  private readonly activeCache = new Map<string, { active: boolean; checkedAt: number }>();

  constructor(
    @InjectModel(Session.name) private readonly sessions: Model<Session>,
    private readonly config: ConfigService<AllConfig, true>,
    private readonly realtime: RealtimeService,
    private readonly invalidation: CacheInvalidation,
  ) {
    invalidation.on('session', (sessionId) => this.activeCache.delete(sessionId));
  }

  /** A revoked session stops working within moments on every instance, not after the cache expires. */
  private forgetActive(sessionId: string): void {
    this.invalidation.invalidate('session', sessionId);
  }

  async create(
    userId: Types.ObjectId,
    userAgent: string,
    ip: string,
    idpTokens: string | null = null,
  ): Promise<{ session: SessionDocument; refreshToken: string }> {
    const _id = new Types.ObjectId();
    const refreshToken = newRefreshToken(_id);
    const now = new Date();
    const session = await this.sessions.create({
      _id,
      userId,
      tokenHash: hashToken(refreshToken),
      expiresAt: new Date(now.getTime() + this.auth.refreshTokenTtlDays * DAY_MS),
      lastUsedAt: now,
      userAgent: userAgent.slice(0, 300),
      ip,
      idpTokens,
    });
    return { session, refreshToken };
  }

  /**
   * Rotates a refresh token. The previous token stays valid for a few seconds (tabs refreshing at once); any
   * other rotated token presented again means it was stolen, so the whole session is revoked (RFC 9700 §4.14.2).
   */
  async rotate(token: unknown): Promise<Rotation> {
    const parsed = parseRefreshToken(token);
    if (!parsed) throw invalidRefresh('Your session has ended, please sign in again');
    let session = await this.sessions.findById(parsed.sessionId).exec();
    if (!session) throw invalidRefresh('Your session has ended, please sign in again');
    this.assertUsable(session);

    if (session.tokenHash === parsed.hash) {
      const refreshToken = newRefreshToken(session._id);
      const now = new Date();
      const rotated = await this.sessions
        .findOneAndUpdate(
          { _id: session._id, tokenHash: parsed.hash, revokedAt: null },
          {
            $set: { tokenHash: hashToken(refreshToken), rotatedAt: now, lastUsedAt: now },
            $push: { previousHashes: { $each: [parsed.hash], $slice: -REMEMBERED_HASHES } },
          },
          { new: true },
        )
        .exec();
      if (rotated) return { session: rotated, refreshToken };
      // Another request rotated it a moment ago: judge the token again as a previous one.
      session = (await this.sessions.findById(parsed.sessionId).exec())!;
      this.assertUsable(session);
    }

    const previous = session.previousHashes;
    const withinReuseInterval =
      session.rotatedAt !== null &&
      Date.now() - session.rotatedAt.getTime() <= this.auth.refreshReuseIntervalSeconds * 1000;
    if (previous[previous.length - 1] === parsed.hash && withinReuseInterval) {
      return { session, refreshToken: null };
    }
    if (previous.includes(parsed.hash)) {
      await this.revoke(session._id, 'refresh_token_reused');
      this.realtime.endSession(session._id.toString());
      throw invalidRefresh('This sign-in was ended for your safety, please sign in again', 'refresh_token_reused');
    }
    throw invalidRefresh('Your session has ended, please sign in again');
  }

  /** Logout: revokes the session a (current or just-rotated) refresh token belongs to, and returns it. */
  async revokeByToken(token: unknown): Promise<SessionDocument | null> {
    const parsed = parseRefreshToken(token);
    if (!parsed) return null;
    const session = await this.sessions.findById(parsed.sessionId).exec();
    if (!session || (session.tokenHash !== parsed.hash && !session.previousHashes.includes(parsed.hash))) return null;
    await this.revoke(session._id, 'logout');
    return session;
  }

  /** Single sign-on: the IdP's latest tokens (sealed) for a live session. */
  async setIdpTokens(sessionId: Types.ObjectId | string, idpTokens: string): Promise<void> {
    await this.sessions.updateOne({ _id: sessionId, revokedAt: null }, { $set: { idpTokens } }).exec();
  }

  async revoke(sessionId: Types.ObjectId | string, reason: string): Promise<void> {
    await this.sessions
      .updateOne({ _id: sessionId, revokedAt: null }, { $set: { revokedAt: new Date(), revokedReason: reason } })
      .exec();
    this.forgetActive(sessionId.toString());
  }

  async revokeAllOf(userId: Types.ObjectId | string, reason: string): Promise<void> {
    const live = await this.sessions.find({ userId, revokedAt: null }, { _id: 1 }).exec();
    await this.sessions
      .updateMany({ userId, revokedAt: null }, { $set: { revokedAt: new Date(), revokedReason: reason } })
      .exec();
    for (const session of live) this.forgetActive(session._id.toString());
  }

  /**
   * How the person signed in to start this session: when (refreshes don't move it), and whether through single
   * sign-on (the session holds the IdP's tokens); null when it isn't theirs.
   */
  async signIn(userId: string, sessionId: string): Promise<{ at: Date; sso: boolean } | null> {
    if (!Types.ObjectId.isValid(sessionId)) return null;
    const session = await this.sessions
      .findOne({ _id: sessionId, userId: new Types.ObjectId(userId), revokedAt: null }, { createdAt: 1, idpTokens: 1 })
      .lean()
      .exec();
    return session ? { at: session.createdAt, sso: session.idpTokens !== null } : null;
  }

  /** Sessions that can still refresh, most recently used first (the "Active sessions" list). */
  listLive(userId: string): Promise<SessionDocument[]> {
    const now = Date.now();
    return this.sessions
      .find({
        userId: new Types.ObjectId(userId),
        revokedAt: null,
        expiresAt: trusted({ $gt: new Date(now) }),
        lastUsedAt: trusted({ $gt: new Date(now - this.auth.refreshIdleDays * DAY_MS) }),
      })
      .sort({ lastUsedAt: -1 })
      .limit(100)
      .exec();
  }

  /** Revokes one of the user's own sessions; false when it isn't theirs or has already ended. */
  async revokeOwn(userId: string, sessionId: string, reason: string): Promise<boolean> {
    if (!Types.ObjectId.isValid(sessionId)) return false;
    const result = await this.sessions
      .updateOne(
        { _id: sessionId, userId: new Types.ObjectId(userId), revokedAt: null },
        { $set: { revokedAt: new Date(), revokedReason: reason } },
      )
      .exec();
    this.forgetActive(sessionId);
    return result.modifiedCount === 1;
  }

  /** Every session of the user but one (password change); returns the ids revoked, to close their sockets. */
  async revokeOthersOf(userId: string, keepSessionId: string, reason: string): Promise<string[]> {
    const filter = {
      userId: new Types.ObjectId(userId),
      revokedAt: null,
      _id: trusted({ $ne: new Types.ObjectId(keepSessionId) }),
    };
    const live = await this.sessions.find(filter, { _id: 1 }).exec();
    await this.sessions.updateMany(filter, { $set: { revokedAt: new Date(), revokedReason: reason } }).exec();
    const ids = live.map((session) => session._id.toString());
    for (const id of ids) this.forgetActive(id);
    return ids;
  }

  /** Whether access tokens of this session may still be used (checked on every request, briefly cached). */
  async isActive(sessionId: string): Promise<boolean> {
    const cached = this.activeCache.get(sessionId);
    if (cached && Date.now() - cached.checkedAt < ACTIVE_CACHE_MS) return cached.active;
    const active = Types.ObjectId.isValid(sessionId)
      ? Boolean(
          await this.sessions.exists({ _id: sessionId, revokedAt: null, expiresAt: trusted({ $gt: new Date() }) }),
        )
      : false;
    if (this.activeCache.size > 50_000) this.activeCache.clear();
    this.activeCache.set(sessionId, { active, checkedAt: Date.now() });
    return active;
  }

  private assertUsable(session: SessionDocument): void {
    if (session.revokedAt && session.revokedReason === 'banned') {
      throw new ForbiddenException({ message: BANNED_MESSAGE, code: 'account_banned' });
    }
    if (session.revokedAt) throw invalidRefresh('Your session has ended, please sign in again');
    const now = Date.now();
    const idleLimit = session.lastUsedAt.getTime() + this.auth.refreshIdleDays * DAY_MS;
    if (session.expiresAt.getTime() <= now || idleLimit <= now) {
      throw invalidRefresh('Your session has expired, please sign in again', 'session_expired');
    }
  }

  private get auth() {
    return this.config.get('auth', { infer: true });
  }
}

function invalidRefresh(message: string, code = 'session_ended'): UnauthorizedException {
  return new UnauthorizedException({ message, code });
}
