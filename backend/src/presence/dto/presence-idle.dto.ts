import { IsBoolean } from 'class-validator';

export class PresenceIdleDto {
  /** True after 10 minutes without input in the tab; false on the next input. */
  @IsBoolean() idle: boolean;
}
