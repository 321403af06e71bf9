import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';

import type { AccessTokenClaims, AuthUser } from '../common/auth-user';
import type { AllConfig } from '../config';
import { AccessTokensService } from './access-tokens.service';
import { jwtKeyOf } from './jwt-key';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    config: ConfigService<AllConfig, true>,
    private readonly tokens: AccessTokensService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // passport-jwt's types say string or Buffer; it hands the key to jsonwebtoken, which takes a key object.
      secretOrKey: jwtKeyOf(config.get('auth', { infer: true }).jwtSecret) as unknown as Buffer,
      algorithms: ['HS256'],
    });
  }

  /** The signature is checked by passport-jwt; the session, roles and ban status here. */
  validate(claims: AccessTokenClaims): Promise<AuthUser> {
    return this.tokens.currentUser(claims);
  }
}
