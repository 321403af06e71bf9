import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { type BaseClient, custom, errors, generators, Issuer, type TokenSet } from 'openid-client';

import type { AllConfig } from '../../config';
import { SSO_ERRORS } from '../../contracts/auth';
import type { Claims } from './claims';
import type { LoginTransaction } from './login-transaction';

/** A refused sign-in at the callback, with the code the SPA shows (see SSO_ERRORS in the contracts). */
export class SsoError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The configuration does not fit the identity provider: for the operator's log, never for the person. */
class Misconfigured extends Error {}

export interface SignInResult {
  claims: Claims;
  tokens: TokenSet;
}

custom.setHttpOptionsDefaults({ timeout: 10_000 });

/**
 * The OpenID Connect relying party (openid-client): discovery from OIDC_ISSUER when first needed (and again after a
 * failure), the authorization code flow with PKCE, state and nonce, refresh and RP-initiated logout at the IdP.
 */
@Injectable()
export class OidcClientService {
  private readonly logger = new Logger(OidcClientService.name);
  private client: Promise<BaseClient> | null = null;

  constructor(private readonly config: ConfigService<AllConfig, true>) {}

  get label(): string | null {
    return this.oidc.issuer ? this.oidc.label : null;
  }

  /** A new transaction (kept in a signed cookie until the callback) and the IdP's authorization URL for it. */
  async authorization(
    redirectUri: string,
    purpose: Pick<LoginTransaction, 'returnTo' | 'link' | 'popup'>,
  ): Promise<{ url: string; transaction: LoginTransaction }> {
    const client = await this.getClient();
    const transaction: LoginTransaction = {
      state: generators.state(),
      nonce: generators.nonce(),
      verifier: generators.codeVerifier(),
      ...purpose,
    };
    const url = client.authorizationUrl({
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      state: transaction.state,
      nonce: transaction.nonce,
      code_challenge: generators.codeChallenge(transaction.verifier),
      code_challenge_method: 'S256',
    });
    return { url, transaction };
  }

  /** Redeems the code (PKCE) and checks the ID token (signature, issuer, audience, expiry, nonce). */
  async signIn(redirectUri: string, params: Record<string, string>, tx: LoginTransaction): Promise<SignInResult> {
    const client = await this.getClient();
    try {
      const tokens = await client.callback(redirectUri, params, {
        state: tx.state,
        nonce: tx.nonce,
        code_verifier: tx.verifier,
        response_type: 'code',
      });
      return { claims: await this.claimsOf(client, tokens), tokens };
    } catch (error) {
      throw this.refusal(error);
    }
  }

  /** New tokens and claims from the IdP's refresh token; SsoError when the IdP refuses, other errors as they are. */
  async refresh(refreshToken: string): Promise<SignInResult> {
    const client = await this.getClient();
    try {
      const tokens = await client.refresh(refreshToken);
      return { claims: await this.claimsOf(client, tokens), tokens };
    } catch (error) {
      if (error instanceof errors.OPError || error instanceof errors.RPError) throw this.refusal(error);
      throw error;
    }
  }

  /** Where the browser ends the IdP session (RP-initiated logout); null when the IdP offers none. */
  async endSessionUrl(idToken: string | null, postLogoutRedirectUri: string): Promise<string | null> {
    const client = await this.getClient().catch(() => null);
    if (!client?.issuer.metadata.end_session_endpoint) return null;
    return client.endSessionUrl({
      ...(idToken ? { id_token_hint: idToken } : {}),
      post_logout_redirect_uri: postLogoutRedirectUri,
    });
  }

  private async claimsOf(client: BaseClient, tokens: TokenSet): Promise<Claims> {
    const idClaims = tokens.claims() as Claims;
    if (!client.issuer.metadata.userinfo_endpoint || !tokens.access_token) return idClaims;
    // Passing the token set makes openid-client check that userinfo describes the ID token's subject.
    const userinfo = await client.userinfo(tokens);
    return { ...idClaims, ...userinfo, sub: idClaims.sub };
  }

  private refusal(error: unknown): unknown {
    if (error instanceof errors.OPError) {
      if (error.error === 'access_denied') return new SsoError('sso_cancelled', 'Single sign-on was cancelled');
      if (error.error === 'invalid_grant') {
        return new SsoError('sso_code_invalid', 'This sign-in link has expired or was already used');
      }
      if (error.error === 'invalid_client' || error.error === 'unauthorized_client') {
        this.logger.error(
          `The identity provider refused this app's client credentials (${error.error}: ${error.error_description}): ` +
            'check OIDC_CLIENT_ID and OIDC_CLIENT_SECRET',
        );
        return new SsoError('sso_misconfigured', SSO_ERRORS.sso_misconfigured);
      }
      return new SsoError('sso_idp_error', `The identity provider refused the sign-in (${error.error})`);
    }
    if (error instanceof errors.RPError) {
      this.logger.warn(`Refused an ID token: ${error.message}`);
      return new SsoError('sso_token_invalid', 'The identity provider’s answer could not be verified');
    }
    this.logger.warn(`The identity provider could not be reached: ${(error as Error).message}`);
    return new SsoError('idp_unavailable', 'The identity provider could not be reached, try again in a moment');
  }

  /** Discovered once; a failed discovery is tried again on the next sign-in instead of being remembered. */
  private getClient(): Promise<BaseClient> {
    const { issuer, clientId, clientSecret } = this.oidc;
    if (!issuer) throw new SsoError('sso_not_configured', 'Single sign-on is not configured');
    this.client ??= Issuer.discover(issuer).then((found) => {
      // OpenID Connect Discovery 1.0 §4.3: tokens are only checked against the issuer the provider names, so it must
      // be the one configured, not whatever answers at that address.
      if (withoutTrailingSlash(String(found.issuer)) !== withoutTrailingSlash(issuer)) {
        throw new Misconfigured(
          `OIDC_ISSUER is ${issuer} but the provider there names itself ${found.issuer}: set OIDC_ISSUER to that`,
        );
      }
      return new found.Client({
        client_id: clientId,
        ...(clientSecret
          ? { client_secret: clientSecret, token_endpoint_auth_method: 'client_secret_basic' }
          : { token_endpoint_auth_method: 'none' }),
        response_types: ['code'],
      });
    });
    return this.client.catch((error: Error) => {
      this.client = null;
      if (error instanceof Misconfigured) {
        this.logger.error(error.message);
        throw new ServiceUnavailableException({ message: SSO_ERRORS.sso_misconfigured, code: 'sso_misconfigured' });
      }
      this.logger.warn(`OIDC discovery at ${issuer} failed: ${error.message}`);
      throw new ServiceUnavailableException({
        message: 'The identity provider could not be reached, try again in a moment',
        code: 'idp_unavailable',
      });
    });
  }

  private get oidc() {
    return this.config.get('oidc', { infer: true });
  }
}

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '');
