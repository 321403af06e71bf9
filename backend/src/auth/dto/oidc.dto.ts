import { IsString, Matches, MaxLength } from 'class-validator';

import { Omittable } from '../../common/pipes/omittable.decorator';

export class OidcLoginQuery {
  /** The SPA page to continue on afterwards; only a path on this site counts (anything else means "/"). @example "/c/665f1c2e8b3e4a1d2c9f0a11" */
  @Omittable() @IsString() @MaxLength(2000) returnTo?: string;
  /**
   * Signing in from a popup for the app inside a portal's frame: base64url(sha256(verifier)) of a verifier the frame
   * keeps. The callback then sends the popup to /embed/sso-done#code=<one-time code> instead of signing it in.
   * @example "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
   */
  @Omittable()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'popup must be a base64url SHA-256 challenge (43 characters)' })
  popup?: string;
}

/** POST /api/auth/oidc/redeem: the frame trades the popup's one-time code for its own session. */
export class OidcRedeemDto {
  /** The one-time code the popup passed on. */
  @IsString() @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'code must be the one-time code' }) code: string;
  /** The verifier behind the `popup` challenge the sign-in was started with (43 to 128 characters). */
  @IsString()
  @Matches(/^[A-Za-z0-9._~-]{43,128}$/, { message: 'verifier must be 43 to 128 characters of A-Z a-z 0-9 . _ ~ -' })
  verifier: string;
}

/** What the IdP sends back (RFC 6749 §4.1.2, RFC 9207's `iss`, OpenID session management's `session_state`). */
export class OidcCallbackQuery {
  @Omittable() @IsString() @MaxLength(4096) code?: string;
  @Omittable() @IsString() @MaxLength(4096) state?: string;
  @Omittable() @IsString() @MaxLength(4096) iss?: string;
  @Omittable() @IsString() @MaxLength(4096) session_state?: string;
  /** Set instead of `code` when the IdP refused, e.g. "access_denied". */
  @Omittable() @IsString() @MaxLength(4096) error?: string;
  @Omittable() @IsString() @MaxLength(4096) error_description?: string;
  @Omittable() @IsString() @MaxLength(4096) error_uri?: string;
}
