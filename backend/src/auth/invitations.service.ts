import { randomBytes } from 'node:crypto';

import { BadRequestException, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';

import type { AllConfig } from '../config';
import { MailService } from '../mail/mail.service';
import { invitationMail, ssoInvitationMail } from '../mail/mail.templates';
import type { UserDocument } from '../users/schemas/user.schema';
import { UsersService } from '../users/users.service';
import { PasswordRecoveryService } from './password-recovery.service';
import { hashPassword } from './passwords';
import { hashToken } from './refresh-token';
import { PasswordReset } from './schemas/password-reset.schema';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Accounts an admin creates get a mailed link (single use, 7 days) where the invitee chooses a password and is
 * signed in. Until then the account has a random password nobody knows. Links share the reset links' collection.
 */
@Injectable()
export class InvitationsService {
  constructor(
    @InjectModel(PasswordReset.name) private readonly links: Model<PasswordReset>,
    private readonly users: UsersService,
    private readonly recovery: PasswordRecoveryService,
    private readonly mail: MailService,
    private readonly config: ConfigService<AllConfig, true>,
  ) {}

  /** A password hash that no password matches in practice, for accounts nobody has chosen a password for yet. */
  unknownPasswordHash(): Promise<string> {
    return hashPassword(randomBytes(32).toString('base64url'));
  }

  /** With PASSWORD_LOGIN=off there is no password to choose: the mail sends the invitee to sign in by SSO. */
  async send(user: UserDocument): Promise<void> {
    const { appUrl } = this.config.get('mail', { infer: true });
    if (!this.config.get('auth', { infer: true }).passwordLogin) {
      const { label } = this.config.get('oidc', { infer: true });
      this.mail.sendInBackground({ to: user.email, ...ssoInvitationMail(user.displayName, label, `${appUrl}/login`) });
      return;
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
    await this.links.create({ userId: user._id, purpose: 'invitation', tokenHash: hashToken(token), expiresAt });
    const link = `${appUrl}/accept-invitation?token=${token}`;
    this.mail.sendInBackground({ to: user.email, ...invitationMail(user.displayName, link, expiresAt) });
  }

  /** Sets the chosen password and returns the account to sign in; the link (and any other) stops working. */
  async accept(token: string, password: string): Promise<UserDocument> {
    const user = await this.recovery.redeem(token, 'invitation');
    if (!user) {
      throw new BadRequestException({
        message: 'This invitation link is invalid, expired or already used. Ask your administrator for a new one.',
        code: 'invitation_invalid',
      });
    }
    await this.recovery.setPasswordFromLink(user, password);
    return (await this.users.findById(user._id.toString()))!;
  }
}
