import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';

import type { AccessTokenClaims, AuthUser } from '../common/auth-user';
import type { AllConfig } from '../config';
import { AccessTokensService } from './access-tokens.service';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    config: ConfigService<AllConfig, true>,
    private readonly tokens: AccessTokensService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.get('auth', { infer: true }).jwtSecret,
      algorithms: ['HS256'],
    });
  }

  /** The signature is checked by passport-jwt; the session, roles and ban status here. */
  validate(claims: AccessTokenClaims): Promise<AuthUser> {
    return this.tokens.currentUser(claims);
  }
}
