import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';

import type { AuthUser } from '../common/auth-user';
import type { SessionView } from '../contracts/auth';
import type { Page } from '../contracts/users';
import { MailService } from '../mail/mail.service';
import { passwordChangedMail } from '../mail/mail.templates';
import { RealtimeService } from '../realtime/realtime.service';
import { UsersService } from '../users/users.service';
import type { ChangePasswordDto } from './dto/account.dto';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordRecoveryService } from './password-recovery.service';
import { hashPassword, verifyPassword } from './passwords';
import { SessionsService } from './sessions.service';
import { describeDevice } from './user-agent';

/** What a signed-in person does with their own credentials: change the password, see and end sessions. */
@Injectable()
export class AccountService {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly realtime: RealtimeService,
    private readonly throttle: LoginThrottleService,
    private readonly recovery: PasswordRecoveryService,
    private readonly mail: MailService,
  ) {}

  /** Other sessions end (a thief holding one is cut off); the one making the change stays signed in. */
  async changePassword(me: AuthUser, dto: ChangePasswordDto, ip: string): Promise<void> {
    const user = await this.users.getById(me.id);
    // Counted like failed logins, so a stolen access token can't be used to guess the password.
    const throttleKey = `password-change:${me.id}`;
    this.throttle.assertMayTry(throttleKey, ip);
    if (!(await verifyPassword(user.passwordHash, dto.currentPassword))) {
      this.throttle.recordFailure(throttleKey, ip);
      throw fieldError('currentPassword', 'Your current password is not correct', 'wrong_password');
    }
    this.throttle.recordSuccess(throttleKey, ip);
    if (dto.newPassword === dto.currentPassword) {
      throw fieldError('newPassword', 'Choose a password different from your current one', 'same_password');
    }
    await this.users.setPasswordHash(me.id, await hashPassword(dto.newPassword));
    await this.recovery.voidLinksOf(me.id);
    const ended = await this.sessions.revokeOthersOf(me.id, me.sessionId, 'password_changed');
    for (const sessionId of ended) this.realtime.endSession(sessionId, 'password_changed');
    this.mail.sendInBackground({
      to: user.email,
      ...passwordChangedMail(user.displayName, this.recovery.forgotLink()),
    });
  }

  async listSessions(me: AuthUser): Promise<Page<SessionView>> {
    const sessions = await this.sessions.listLive(me.id);
    const items = sessions.map((session) => ({
      id: session._id.toString(),
      device: describeDevice(session.userAgent),
      ip: session.ip,
      createdAt: session.createdAt.toISOString(),
      lastUsedAt: session.lastUsedAt.toISOString(),
      current: session._id.toString() === me.sessionId,
    }));
    return { items, nextCursor: null };
  }

  /** Ends one of the caller's sessions: its refresh token stops working and its sockets are closed now. */
  async revokeSession(me: AuthUser, sessionId: string): Promise<void> {
    if (!(await this.sessions.revokeOwn(me.id, sessionId, 'revoked_by_user'))) {
      throw new NotFoundException({ message: 'This session has already ended', code: 'session_not_found' });
    }
    this.realtime.endSession(sessionId);
  }
}

function fieldError(field: string, message: string, code: string): BadRequestException {
  return new BadRequestException({ message, code, errors: { [field]: [message] } });
}
