import { BadRequestException, ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import { LoginThrottleService } from '../auth/login-throttle.service';
import { verifyPassword } from '../auth/passwords';
import { SessionsService } from '../auth/sessions.service';
import type { AuthUser } from '../common/auth-user';
import type { AllConfig } from '../config';
import type { UserDocument } from '../users/schemas/user.schema';
import { UsersService } from '../users/users.service';
import { AccountErasureService } from './account-erasure.service';

/** How recently an account without a password of its owner's choosing must have signed in to erase itself. */
export const RECENT_SIGN_IN_MS = 5 * 60 * 1000;

/** Who may ask for an erasure, and how they prove it: the person themselves (re-authenticated) or an admin. */
@Injectable()
export class ErasureRequestsService {
  constructor(
    private readonly erasure: AccountErasureService,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottleService,
    private readonly config: ConfigService<AllConfig, true>,
  ) {}

  /**
   * The person erases their own account. Someone who knows a password needs it (a stolen access token alone can't
   * erase anyone). A sign-in in the last few minutes is enough instead for accounts whose password nobody knows
   * (from single sign-on or SCIM: the identity provider holds their credentials), and for anyone whose session
   * began with a single sign-on, which proved them at the identity provider just as well.
   */
  async eraseMe(me: AuthUser, password: string | undefined, ip: string): Promise<void> {
    const user = await this.users.findById(me.id);
    if (!user || user.status === 'erased') return;
    // Its address is what makes an account admin at sign-up; erased, anyone could take it and be admin.
    this.assertNotOperator(user, 'Change ADMIN_EMAIL before you delete the account it names');
    if (password !== undefined) await this.checkPassword(user, password, ip);
    else {
      const signIn = await this.sessions.signIn(me.id, me.sessionId);
      const recent = signIn !== null && Date.now() - signIn.at.getTime() <= RECENT_SIGN_IN_MS;
      const viaSso = signIn?.sso === true || !hasOwnPassword(user);
      if (!viaSso) throw reauthenticate('Enter your password to delete your account');
      if (!recent) throw reauthenticate('Sign in again, then delete your account within 5 minutes of signing in');
    }
    await this.erasure.erase(me.id, { actorId: me.id, via: 'self' });
  }

  /** An admin erases someone else's account; the ADMIN_EMAIL account is the operator's and can't be. */
  async eraseByAdmin(actorId: string, targetId: string): Promise<void> {
    if (actorId === targetId) {
      throw new ConflictException({
        message: 'Delete your own account from your profile page, not the admin page',
        code: 'erase_self',
      });
    }
    const target = await this.users.findById(targetId);
    if (target) this.assertNotOperator(target, 'The administrator set by ADMIN_EMAIL cannot be erased');
    await this.erasure.erase(targetId, { actorId, via: 'admin' });
  }

  private assertNotOperator(user: UserDocument, message: string): void {
    if (user.email === this.config.get('app', { infer: true }).adminEmail) {
      throw new ForbiddenException({ message, code: 'protected_admin' });
    }
  }

  private async checkPassword(user: UserDocument, password: string, ip: string): Promise<void> {
    // Counted like failed logins, so a stolen access token can't be used to guess the password.
    const key = `erase:${user._id.toString()}`;
    this.throttle.assertMayTry(key, ip);
    if (!(await verifyPassword(user.passwordHash, password))) {
      this.throttle.recordFailure(key, ip);
      const message = 'Your password is not correct';
      throw new BadRequestException({ message, code: 'wrong_password', errors: { password: [message] } });
    }
    this.throttle.recordSuccess(key, ip);
  }
}

/** Accounts from single sign-on or SCIM start with a password nobody knows; every other owner chose theirs. */
function hasOwnPassword(user: UserDocument): boolean {
  return user.origin !== 'sso' && user.origin !== 'scim';
}

function reauthenticate(message: string): ForbiddenException {
  return new ForbiddenException({ message, code: 'reauthentication_required' });
}
