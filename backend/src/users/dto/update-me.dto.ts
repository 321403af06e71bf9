import { Type } from 'class-transformer';
import { IsBoolean, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { Optional } from '../../common/decorators/optional.decorator';
import { Trim, TrimLower, USERNAME_MESSAGE, USERNAME_PATTERN } from './user-fields';

export class UpdateSettingsDto {
  /** Play a sound for messages in conversations that are not open. */
  @Optional() @IsBoolean() sound?: boolean;
  /** Let others see when you have read their messages. */
  @Optional() @IsBoolean() readReceipts?: boolean;
}

export class UpdateMeDto {
  /** @example "Ada Lovelace" */
  @Optional()
  @Trim()
  @IsString()
  @Length(1, 50)
  displayName?: string;

  /** @example "Analytical engines, mostly." */
  @Optional()
  @Trim()
  @IsString()
  @MaxLength(280)
  bio?: string;

  /** 3 to 30 of a-z, 0-9, "_" and "."; stored lowercase. @example "ada" */
  @Optional()
  @TrimLower()
  @IsString()
  @Length(3, 30)
  @Matches(USERNAME_PATTERN, { message: USERNAME_MESSAGE })
  username?: string;

  @Optional()
  @ValidateNested()
  @Type(() => UpdateSettingsDto)
  settings?: UpdateSettingsDto;
}
