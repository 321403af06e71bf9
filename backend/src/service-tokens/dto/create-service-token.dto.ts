import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsDate,
  IsIn,
  IsString,
  Length,
  Matches,
  MinDate,
} from 'class-validator';

import { Omittable } from '../../common/pipes/omittable.decorator';
import { SERVICE_SCOPES, type ServiceScope } from '../../contracts/service-tokens';
import { Trim, TrimLower, USERNAME_MESSAGE, USERNAME_PATTERN } from '../../users/dto/user-fields';

export class CreateServiceTokenDto {
  /**
   * What the token is for; also the display name of its service account when that account is new.
   * @example "Expense reports"
   */
  @Trim()
  @IsString()
  @Length(1, 50, { message: 'name must be 1 to 50 characters' })
  name: string;

  /** @example ["messages:send", "conversations:read"] */
  @IsArray()
  @ArrayNotEmpty({ message: 'scopes must name at least one scope' })
  @ArrayMaxSize(SERVICE_SCOPES.length)
  @ArrayUnique()
  @IsIn(SERVICE_SCOPES, { each: true, message: `scopes may only contain ${SERVICE_SCOPES.join(', ')}` })
  scopes: ServiceScope[];

  /** When the token stops working (ISO 8601, in the future); never when left out. @example "2027-01-01T00:00:00Z" */
  @Omittable()
  @Type(() => Date)
  @IsDate({ message: 'expiresAt must be an ISO 8601 date' })
  @MinDate(() => new Date(), { message: 'expiresAt must be in the future' })
  expiresAt?: Date;

  /**
   * The username of the service account the token acts as (3 to 30 of a-z, 0-9, "_" and "."). Defaults to one
   * made from `name`. A service account that exists is reused, which is how a token is rotated: create a new one
   * for the same account, then revoke the old. 409 `username_taken` when a person has this username.
   * @example "expenses"
   */
  @Omittable()
  @TrimLower()
  @IsString()
  @Length(3, 30)
  @Matches(USERNAME_PATTERN, { message: USERNAME_MESSAGE })
  account?: string;
}
