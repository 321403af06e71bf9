import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';

import type { AccessTokenClaims, AuthUser } from '../common/auth-user';
import type { Role } from '../contracts/users';
import { CacheInvalidation } from '../realtime/cache-invalidation';
import type { UserStatus } from '../users/schemas/user.schema';
import { UsersService } from '../users/users.service';
import { SessionsService } from './sessions.service';

/** How long a user's roles and status are trusted before reading them again: role and ban changes apply within this. */
const ACCESS_STATE_CACHE_MS = 3_000;

/**
 * Turns an access token into the caller, for HTTP (via the JWT strategy) and sockets. The token's session must
 * still be live, and roles and status come from the database (briefly cached), not from the token, so a role
 * change or a ban takes effect within seconds rather than when the token expires.
 */
@Injectable()
export class AccessTokensService {
  private readonly states = new Map<string, { roles: Role[]; status: UserStatus; at: number }>();

  constructor(
    private readonly jwt: JwtService,
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
    private readonly invalidation: CacheInvalidation,
  ) {
    invalidation.on('access-state', (userId) => this.states.delete(userId));
  }

  async verify(token: unknown): Promise<{ user: AuthUser; expiresAt: number }> {
    if (typeof token !== 'string' || token.length > 4096) throw invalid();
    let claims: AccessTokenClaims & { exp: number };
    try {
      claims = await this.jwt.verifyAsync(token, { algorithms: ['HS256'] });
    } catch {
      throw invalid();
    }
    return { user: await this.currentUser(claims), expiresAt: claims.exp * 1000 };
  }

  async currentUser(claims: AccessTokenClaims): Promise<AuthUser> {
    const [active, state] = await Promise.all([this.sessions.isActive(claims.sid), this.accessState(claims.sub)]);
    if (!active || !state || state.status !== 'active') throw invalid();
    return { id: claims.sub, roles: state.roles, sessionId: claims.sid };
  }

  /** Whether the user may still be signed in, read fresh from the database (not the cache). */
  async isActiveNow(userId: string): Promise<boolean> {
    return (await this.users.getAccessState(userId))?.status === 'active';
  }

  /** Called after an admin changes someone's roles or status: every instance reads them again. */
  forget(userId: string): void {
    this.invalidation.invalidate('access-state', userId);
  }

  private async accessState(userId: string) {
    const cached = this.states.get(userId);
    if (cached && Date.now() - cached.at < ACCESS_STATE_CACHE_MS) return cached;
    const state = await this.users.getAccessState(userId);
    if (!state) return null;
    if (this.states.size > 50_000) this.states.clear();
    const entry = { ...state, at: Date.now() };
    this.states.set(userId, entry);
    return entry;
  }
}

function invalid(): UnauthorizedException {
  return new UnauthorizedException({ message: 'Your session has ended, please sign in again', code: 'session_ended' });
}
