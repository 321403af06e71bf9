import { Injectable, UnauthorizedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AccessTokenClaims, AuthUser } from '../common/auth-user';
import type { AllConfig } from '../config';
import { SessionsService } from './sessions.service';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    config: ConfigService<AllConfig, true>,
    private readonly sessions: SessionsService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.get('auth', { infer: true }).jwtSecret,
      algorithms: ['HS256'],
    });
  }

  /** A token outlives neither its session: logout-all and revocation take effect within seconds. */
  async validate(claims: AccessTokenClaims): Promise<AuthUser> {
    if (!(await this.sessions.isActive(claims.sid))) {
      throw new UnauthorizedException({
        message: 'Your session has ended, please sign in again',
        code: 'session_ended',
      });
    }
    return { id: claims.sub, roles: claims.roles, sessionId: claims.sid };
  }
}
