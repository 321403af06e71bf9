import { Type } from 'class-transformer';
import { IsISO8601, IsString, IsUrl, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';

import { Omittable } from '../../common/pipes/omittable.decorator';

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

export class PushKeysDto {
  /** The browser's P-256 public key, base64url. */
  @IsString() @MaxLength(200) @Matches(BASE64URL, { message: 'keys.p256dh must be base64url' }) p256dh: string;
  /** The browser's auth secret, base64url. */
  @IsString() @MaxLength(100) @Matches(BASE64URL, { message: 'keys.auth must be base64url' }) auth: string;
}

/** What `PushSubscription.toJSON()` gives in the browser. */
export class PushSubscriptionDto {
  /** @example "https://fcm.googleapis.com/fcm/send/…" */
  @IsUrl(
    { protocols: ['https', 'http'], require_tld: false, require_protocol: true },
    { message: 'endpoint must be a URL' },
  )
  @MaxLength(2000)
  endpoint: string;

  @ValidateNested() @Type(() => PushKeysDto) keys: PushKeysDto;
}

export class PushEndpointDto {
  @IsString() @MaxLength(2000) endpoint: string;
}

export class MuteDto {
  /** Until when (ISO 8601); null mutes until you unmute it. @example "2026-11-25T08:00:00.000Z" */
  @Omittable()
  @ValidateIf((_mute: object, value: unknown) => value !== null)
  @IsISO8601({ strict: true }, { message: 'until must be an ISO 8601 date or null' })
  until?: string | null;
}

export class UnsubscribeQuery {
  /** From the link in a missed-message e-mail. */
  @IsString() @MaxLength(200) token: string;
}
