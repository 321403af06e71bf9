import { IsString, MaxLength } from 'class-validator';

import { Omittable } from '../../common/pipes/omittable.decorator';

export class OidcLoginQuery {
  /** The SPA page to continue on afterwards; only a path on this site counts (anything else means "/"). @example "/c/665f1c2e8b3e4a1d2c9f0a11" */
  @Omittable() @IsString() @MaxLength(2000) returnTo?: string;
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
