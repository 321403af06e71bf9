import { createHmac } from 'node:crypto';

import { BadRequestException, ConflictException, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';

import type { AllConfig } from '../config';
import type { EmailVerifiedResponse } from '../contracts/auth';
import { MailService } from '../mail/mail.service';
import { verifyEmailMail } from '../mail/mail.templates';
import type { UserDocument } from '../users/schemas/user.schema';
import { UsersService } from '../users/users.service';
import { RequestLimiter } from './request-limiter';

const TTL_SECONDS = 24 * 60 * 60;
const AUDIENCE = 'verify-email';
export const RESENDS_PER_WINDOW = 3;

interface VerificationClaims {
  sub: string;
  email: string;
}

/**
 * Email verification by a signed link: a JWT naming the account and the address, signed with a key derived
 * for this purpose only (it can never pass as an access token), valid a day. It works once: redeeming it flips
 * emailVerified from false to true atomically, and a second use finds it already true.
 */
@Injectable()
export class EmailVerificationService {
  private readonly resends = new RequestLimiter(RESENDS_PER_WINDOW, 15 * 60 * 1000);
  private readonly secret: string;

  constructor(
    private readonly jwt: JwtService,
    private readonly users: UsersService,
    private readonly mail: MailService,
    private readonly config: ConfigService<AllConfig, true>,
  ) {
    const { jwtSecret } = config.get('auth', { infer: true });
    this.secret = createHmac('sha256', jwtSecret).update('email-verification').digest('base64url');
  }

  /** At signup, off the response path: a slow mail server must not hold up creating the account. */
  sendAfterSignup(user: UserDocument): void {
    this.mail.sendInBackground(this.mailFor(user));
  }

  async resend(userId: string): Promise<void> {
    const user = await this.users.getById(userId);
    if (user.emailVerified) {
      throw new ConflictException({
        message: 'Your email address is already verified',
        code: 'email_already_verified',
      });
    }
    const wait = this.resends.take(userId);
    if (wait > 0) {
      throw new HttpException(
        {
          message: `We have just sent you a link. You can ask for another in ${Math.ceil(wait / 60)} minutes.`,
          code: 'verification_throttled',
          retryAfterSeconds: wait,
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    // Awaited: the person clicked "Resend" and should hear if the mail could not be sent.
    await this.mail.send(this.mailFor(user));
  }

  async verify(token: string): Promise<EmailVerifiedResponse> {
    let claims: VerificationClaims;
    try {
      claims = await this.jwt.verifyAsync<VerificationClaims>(token, {
        secret: this.secret,
        audience: AUDIENCE,
        algorithms: ['HS256'],
      });
    } catch {
      throw invalidLink();
    }
    const user = await this.users.findById(claims.sub);
    // A link for an address the account no longer has proves nothing.
    if (!user || user.email !== claims.email) throw invalidLink();
    if (!(await this.users.markEmailVerified(claims.sub, claims.email))) {
      throw new ConflictException({
        message: 'This link has already been used: your email address is verified',
        code: 'email_already_verified',
      });
    }
    return { email: claims.email, emailVerified: true };
  }

  private mailFor(user: UserDocument) {
    const claims: VerificationClaims = { sub: user._id.toString(), email: user.email };
    const token = this.jwt.sign(claims, {
      secret: this.secret,
      audience: AUDIENCE,
      expiresIn: TTL_SECONDS,
      algorithm: 'HS256',
    });
    const link = `${this.config.get('mail', { infer: true }).appUrl}/verify-email?token=${token}`;
    const expiresAt = new Date(Date.now() + TTL_SECONDS * 1000);
    return { to: user.email, ...verifyEmailMail(user.displayName, link, expiresAt) };
  }
}

function invalidLink(): BadRequestException {
  return new BadRequestException({
    message: 'This verification link is invalid or has expired. Ask for a new one from the app.',
    code: 'verification_link_invalid',
  });
}
