import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import type { AuthUser } from '../common/auth-user';
import type { AllConfig } from '../config';
import { UsersService } from './users.service';

/**
 * With SIGNUP=domains an address at an allowed domain is only a claim until its owner opens the verification link.
 * Until then the account cannot look anyone up, ask anyone to be friends or open a conversation, so typing a
 * colleague's domain at sign-up does not open the company directory. Admins are exempt: the first one comes from
 * ADMIN_EMAIL, which the operator vouches for.
 */
@Injectable()
export class VerifiedDomainGuard implements CanActivate {
  constructor(
    private readonly users: UsersService,
    private readonly config: ConfigService<AllConfig, true>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.config.get('signup', { infer: true }).mode !== 'domains') return true;
    const user = context.switchToHttp().getRequest<{ user: AuthUser }>().user;
    if (user.roles.includes('admin') || (await this.users.isEmailVerified(user.id))) return true;
    throw new ForbiddenException({
      message: 'Verify your email address to find and contact colleagues',
      code: 'email_unverified',
    });
  }
}
