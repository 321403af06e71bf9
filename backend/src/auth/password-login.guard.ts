import { type CanActivate, ForbiddenException, Injectable, UseGuards } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import type { AllConfig } from '../config';

/** PASSWORD_LOGIN=off: single sign-on is the only way in, so every route that takes or sets a password is closed. */
@Injectable()
export class PasswordLoginGuard implements CanActivate {
  constructor(private readonly config: ConfigService<AllConfig, true>) {}

  canActivate(): boolean {
    if (this.config.get('auth', { infer: true }).passwordLogin) return true;
    throw new ForbiddenException({
      message: 'Passwords are not used here: sign in with single sign-on',
      code: 'password_login_disabled',
    });
  }
}

/** Marks a route that takes or sets a password (refused with 403 password_login_disabled when PASSWORD_LOGIN=off). */
export const PasswordRoute = () => UseGuards(PasswordLoginGuard);
