import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted } from 'mongoose';

import type { UserDocument } from '../../users/schemas/user.schema';
import { hashToken } from '../refresh-token';
import { SsoHandoff } from '../schemas/sso-handoff.schema';
import { SsoError } from './oidc-client.service';

const HANDOFF_TTL_MS = 60_000;

/** sha256 in base64url, as PKCE's S256 computes a challenge from its verifier. */
export const challengeOf = (verifier: string): string => createHash('sha256').update(verifier).digest('base64url');

/**
 * A framed app cannot run single sign-on itself: inside a cross-site frame neither the IdP's cookies nor our
 * SameSite=Lax login transaction are sent. So the frame opens a (first-party) popup for the usual sign-in, and the
 * callback leaves the result here under a one-time code instead of a cookie. The popup hands the code to the frame
 * (postMessage to our own origin), and the frame redeems it with the verifier behind the challenge it started with,
 * so the session cookie lands in the frame's own cookie jar. A code works once, for a minute, and only with the
 * verifier: a code that leaks from the popup's address bar or history is worthless.
 */
@Injectable()
export class SsoHandoffService {
  constructor(@InjectModel(SsoHandoff.name) private readonly handoffs: Model<SsoHandoff>) {}

  async create(user: UserDocument, idpTokens: string, challenge: string): Promise<string> {
    const code = randomBytes(32).toString('base64url');
    await this.handoffs.create({
      codeHash: hashToken(code),
      challenge,
      userId: user._id,
      idpTokens,
      expiresAt: new Date(Date.now() + HANDOFF_TTL_MS),
    });
    return code;
  }

  /** The sign-in behind the code, once: a wrong verifier spends the code too. */
  async redeem(code: string, verifier: string): Promise<{ userId: string; idpTokens: string }> {
    const handoff = await this.handoffs
      .findOneAndDelete({ codeHash: hashToken(code), expiresAt: trusted({ $gt: new Date() }) })
      .lean()
      .exec();
    const expected = Buffer.from(handoff?.challenge ?? '');
    const given = Buffer.from(challengeOf(verifier));
    if (!handoff || expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw new SsoError('sso_code_invalid', 'The sign-in code is unknown, used, expired or not yours');
    }
    return { userId: handoff.userId.toString(), idpTokens: handoff.idpTokens };
  }
}
