import { IsBoolean, IsString, Length, MaxLength } from 'class-validator';

import { Omittable } from '../../common/pipes/omittable.decorator';
import { Trim } from '../../users/dto/user-fields';

export class ServiceUserRefParam {
  /**
   * The person: an account id, or `username:<name>`, `email:<address>`, `ext:<external id>` (the SSO subject),
   * `id:<id>`. URL-encode the value. @example "username:ada"
   */
  @IsString() @MaxLength(300) ref: string;
}

export class UpdateServiceUserDto {
  /** @example "Ada Lovelace" */
  @Omittable()
  @Trim()
  @IsString()
  @Length(1, 50)
  displayName?: string;

  /**
   * false deactivates the account (the same as an admin's ban: every session and socket ends at once); true
   * reactivates it.
   */
  @Omittable() @IsBoolean() active?: boolean;
}
