import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AccessTokenClaims, AuthUser } from '../common/auth-user';
import { SessionsService } from './sessions.service';

/** Checks an access token outside HTTP (socket handshakes and `auth:refresh`). */
@Injectable()
export class AccessTokensService {
  constructor(
    private readonly jwt: JwtService,
    private readonly sessions: SessionsService,
  ) {}

  async verify(token: unknown): Promise<{ user: AuthUser; expiresAt: number }> {
    if (typeof token !== 'string' || token.length > 4096) throw invalid();
    let claims: AccessTokenClaims & { exp: number };
    try {
      claims = await this.jwt.verifyAsync(token, { algorithms: ['HS256'] });
    } catch {
      throw invalid();
    }
    if (!(await this.sessions.isActive(claims.sid))) throw invalid();
    return { user: { id: claims.sub, roles: claims.roles, sessionId: claims.sid }, expiresAt: claims.exp * 1000 };
  }
}

function invalid(): UnauthorizedException {
  return new UnauthorizedException({ message: 'Invalid or expired access token', code: 'invalid_token' });
}
