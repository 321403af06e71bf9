import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { TokenSet } from 'openid-client';

import type { AllConfig } from '../../config';
import type { UserDocument } from '../../users/schemas/user.schema';
import type { SessionDocument } from '../schemas/session.schema';
import { SessionsService } from '../sessions.service';
import { type IdpTokens, idpTokensKey, openIdpTokens, sealIdpTokens } from './idp-tokens';
import type { LoginTransaction } from './login-transaction';
import { OidcClientService, SsoError } from './oidc-client.service';
import { SsoAccountsService } from './sso-accounts.service';

/** What the callback did: signed someone in (a new session is to be made), or linked a signed-in account. */
export type SsoOutcome =
  { kind: 'signed-in'; user: UserDocument; idpTokens: string } | { kind: 'linked'; user: UserDocument };

/** Single sign-on sessions: the callback, the IdP refresh behind our refresh, and the IdP logout behind ours. */
@Injectable()
export class SsoService {
  private readonly logger = new Logger(SsoService.name);

  constructor(
    private readonly oidc: OidcClientService,
    private readonly accounts: SsoAccountsService,
    private readonly sessions: SessionsService,
    private readonly config: ConfigService<AllConfig, true>,
  ) {}

  async complete(redirectUri: string, params: Record<string, string>, tx: LoginTransaction): Promise<SsoOutcome> {
    const { claims, tokens } = await this.oidc.signIn(redirectUri, params, tx);
    if (!tx.link) {
      return { kind: 'signed-in', user: await this.accounts.signIn(claims), idpTokens: this.seal(tokens) };
    }
    if (!(await this.sessions.isActive(tx.link.sessionId))) {
      throw new SsoError('session_ended', 'You were signed out before the link was made, sign in and try again');
    }
    const user = await this.accounts.link(tx.link.userId, claims);
    await this.sessions.setIdpTokens(tx.link.sessionId, this.seal(tokens));
    return { kind: 'linked', user };
  }

  /**
   * Behind every refresh of a single sign-on session: refresh at the IdP too and apply its current roles. When the
   * IdP refuses (the person was disabled or signed out there), SsoError ends the session; when it cannot be
   * reached, the session goes on as it is.
   */
  async refreshAtIdp(session: SessionDocument, user: UserDocument): Promise<UserDocument> {
    const stored = session.idpTokens ? openIdpTokens(session.idpTokens, this.key) : null;
    if (!stored?.refreshToken) return user;
    let refreshed: Awaited<ReturnType<OidcClientService['refresh']>>;
    try {
      refreshed = await this.oidc.refresh(stored.refreshToken);
    } catch (error) {
      if (error instanceof SsoError && error.code !== 'idp_unavailable') throw error;
      this.logger.warn(`Kept ${user.username}'s session without the IdP: ${(error as Error).message}`);
      return user;
    }
    if (refreshed.claims.sub !== user.externalId) {
      throw new SsoError('sso_token_invalid', 'The identity provider answered for someone else');
    }
    await this.sessions.setIdpTokens(session._id, this.seal(refreshed.tokens, stored));
    return this.accounts.syncAdminRole(user, refreshed.claims);
  }

  /** Where the browser goes next to end the IdP session too (RP-initiated logout), or null. */
  async logoutUrl(session: SessionDocument | null, postLogoutRedirectUri: string): Promise<string | null> {
    const stored = session?.idpTokens ? openIdpTokens(session.idpTokens, this.key) : null;
    if (!stored) return null;
    return this.oidc.endSessionUrl(stored.idToken, postLogoutRedirectUri);
  }

  /** The IdP may leave out a new refresh or ID token on refresh: the previous ones stay good then. */
  private seal(tokens: TokenSet, previous?: IdpTokens): string {
    return sealIdpTokens(
      {
        refreshToken: tokens.refresh_token ?? previous?.refreshToken ?? null,
        idToken: tokens.id_token ?? previous?.idToken ?? null,
      },
      this.key,
    );
  }

  private get key(): Buffer {
    return idpTokensKey(this.config.get('auth', { infer: true }).jwtSecret);
  }
}
