import { Type } from 'class-transformer';
import { IsBoolean, IsOptional, ValidateNested } from 'class-validator';
import { IsBio, IsDisplayName, IsUsername } from './user-fields';

export class UpdateSettingsDto {
  /** Play a sound for messages in conversations that are not open. */
  @IsOptional() @IsBoolean() sound?: boolean;
  /** Let others see when you have read their messages. */
  @IsOptional() @IsBoolean() readReceipts?: boolean;
}

export class UpdateMeDto {
  /** @example "Ada Lovelace" */
  @IsOptional() @IsDisplayName() displayName?: string;
  /** @example "Analytical engines, mostly." */
  @IsOptional() @IsBio() bio?: string;
  /** @example "ada" */
  @IsOptional() @IsUsername() username?: string;
  @IsOptional() @ValidateNested() @Type(() => UpdateSettingsDto) settings?: UpdateSettingsDto;
}
