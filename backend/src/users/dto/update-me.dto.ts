import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsISO8601,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

import { Omittable } from '../../common/pipes/omittable.decorator';
import { Trim, TrimLower, USERNAME_MESSAGE, USERNAME_PATTERN } from './user-fields';

export class UpdateSettingsDto {
  /** Play a sound for messages in conversations that are not open. */
  @Omittable() @IsBoolean() sound?: boolean;
  /** Let others see when you have read their messages. */
  @Omittable() @IsBoolean() readReceipts?: boolean;
  /** E-mail me about messages that stayed unread while I was away. */
  @Omittable() @IsBoolean() emailNotifications?: boolean;
  /** No sound, desktop notification, push or e-mail until then (ISO 8601); null ends do-not-disturb. */
  @Omittable()
  @ValidateIf((_settings: object, value: unknown) => value !== null)
  @IsISO8601({ strict: true }, { message: 'settings.doNotDisturbUntil must be an ISO 8601 date or null' })
  doNotDisturbUntil?: string | null;
}

export class UpdateMeDto {
  /** @example "Ada Lovelace" */
  @Omittable()
  @Trim()
  @IsString()
  @Length(1, 50)
  displayName?: string;

  /** @example "Analytical engines, mostly." */
  @Omittable()
  @Trim()
  @IsString()
  @MaxLength(280)
  bio?: string;

  /** 3 to 30 of a-z, 0-9, "_" and "."; stored lowercase. @example "ada" */
  @Omittable()
  @TrimLower()
  @IsString()
  @Length(3, 30)
  @Matches(USERNAME_PATTERN, { message: USERNAME_MESSAGE })
  username?: string;

  @Omittable()
  @ValidateNested()
  @Type(() => UpdateSettingsDto)
  settings?: UpdateSettingsDto;
}
