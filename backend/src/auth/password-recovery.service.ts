import { randomBytes } from 'node:crypto';

import { BadRequestException, HttpException, HttpStatus, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';

import type { AllConfig } from '../config';
import { MailService } from '../mail/mail.service';
import { passwordChangedMail, passwordResetMail } from '../mail/mail.templates';
import { RealtimeService } from '../realtime/realtime.service';
import type { UserDocument } from '../users/schemas/user.schema';
import { UsersService } from '../users/users.service';
import { hashPassword } from './passwords';
import { hashToken } from './refresh-token';
import { RequestLimiter } from './request-limiter';
import { PasswordReset } from './schemas/password-reset.schema';
import { SessionsService } from './sessions.service';

export const RESET_TTL_MS = 30 * 60 * 1000;
const WINDOW_MS = 15 * 60 * 1000;
export const FORGOT_PER_IP = 10;
export const FORGOT_PER_EMAIL = 3;
export const FORGOT_ANSWER = 'If an account uses this address, we have sent it a link to choose a new password.';

/**
 * "Forgot password" by email. The request always gets the same answer and the lookup and mail happen after the
 * response, so neither the body nor its timing tells whether an account exists. Links are single use, live
 * 30 minutes and only their hashes are stored; using one signs the account out everywhere.
 */
@Injectable()
export class PasswordRecoveryService {
  private readonly logger = new Logger('PasswordRecovery');
  private readonly perIp = new RequestLimiter(FORGOT_PER_IP, WINDOW_MS);
  private readonly perEmail = new RequestLimiter(FORGOT_PER_EMAIL, WINDOW_MS);

  constructor(
    @InjectModel(PasswordReset.name) private readonly resets: Model<PasswordReset>,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly realtime: RealtimeService,
    private readonly mail: MailService,
    private readonly config: ConfigService<AllConfig, true>,
  ) {}

  request(email: string, ip: string): void {
    const wait = this.perIp.take(ip);
    if (wait > 0) {
      throw new HttpException(
        {
          message: `Too many reset requests from this network. Try again in ${Math.ceil(wait / 60)} minutes.`,
          code: 'reset_throttled',
          retryAfterSeconds: wait,
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    // Over the per-address limit the answer stays the same (it must not depend on the address); no more mail goes
    // out, so nobody can flood someone's inbox.
    if (this.perEmail.take(email.trim().toLowerCase()) > 0) return;
    this.issue(email, ip).catch((error: unknown) =>
      this.logger.error(`Could not send a reset link: ${(error as Error).message}`),
    );
  }

  async reset(token: string, password: string): Promise<void> {
    const user = await this.redeem(token, 'reset');
    if (!user) {
      throw new BadRequestException({
        message: 'This reset link is invalid, expired or already used. Ask for a new one.',
        code: 'reset_link_invalid',
      });
    }
    const userId = user._id.toString();
    await this.setPasswordFromLink(user, password);
    await this.sessions.revokeAllOf(userId, 'password_reset');
    this.realtime.endUser(userId, 'password_reset');
    this.mail.sendInBackground({ to: user.email, ...passwordChangedMail(user.displayName, this.forgotLink()) });
  }

  /**
   * Uses a mailed link (a reset or an invitation) once: the account it was for, or null when the link is unknown,
   * expired or used already. Reset links from before invitations existed have no purpose.
   */
  async redeem(token: string, purpose: 'reset' | 'invitation'): Promise<UserDocument | null> {
    const now = new Date();
    const redeemed = await this.resets
      .findOneAndUpdate(
        {
          tokenHash: hashToken(token),
          purpose: purpose === 'invitation' ? 'invitation' : trusted({ $ne: 'invitation' }),
          usedAt: null,
          expiresAt: trusted({ $gt: now }),
        },
        { $set: { usedAt: now } },
        { new: true },
      )
      .exec();
    return redeemed ? this.users.findById(redeemed.userId.toString()) : null;
  }

  /** The password chosen through a mailed link; the link reached this inbox, which is what verification proves. */
  async setPasswordFromLink(user: UserDocument, password: string): Promise<void> {
    const userId = user._id.toString();
    await this.users.setPasswordHash(userId, await hashPassword(password));
    await this.users.markEmailVerified(userId, user.email);
    await this.voidLinksOf(userId);
  }

  /** Outstanding links die when the password changes, so an old mail can't undo the change. */
  async voidLinksOf(userId: string): Promise<void> {
    await this.resets
      .updateMany({ userId: new Types.ObjectId(userId), usedAt: null }, { $set: { usedAt: new Date() } })
      .exec();
  }

  forgotLink(): string {
    return `${this.config.get('mail', { infer: true }).appUrl}/forgot-password`;
  }

  private async issue(email: string, ip: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    // A service account's address is a placeholder nobody reads, and it never signs in.
    if (!user || user.status !== 'active' || user.origin === 'service') return;
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + RESET_TTL_MS);
    await this.resets.create({ userId: user._id, tokenHash: hashToken(token), expiresAt, ip });
    const link = `${this.config.get('mail', { infer: true }).appUrl}/reset-password?token=${token}`;
    await this.mail.send({ to: user.email, ...passwordResetMail(user.displayName, link, expiresAt) });
  }
}
