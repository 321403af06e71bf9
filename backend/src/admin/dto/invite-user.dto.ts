import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsString,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';

import { Omittable } from '../../common/pipes/omittable.decorator';
import type { Role } from '../../contracts/users';
import { Trim, TrimLower, USERNAME_MESSAGE, USERNAME_PATTERN } from '../../users/dto/user-fields';

export class InviteUserDto {
  /** Where the invitation link goes. @example "grace@acme.com" */
  @TrimLower()
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email: string;

  /** 3 to 30 of a-z, 0-9, "_" and "."; defaults to one made from the e-mail address. @example "grace" */
  @Omittable()
  @TrimLower()
  @IsString()
  @Length(3, 30)
  @Matches(USERNAME_PATTERN, { message: USERNAME_MESSAGE })
  username?: string;

  /** Defaults to the username. @example "Grace Hopper" */
  @Omittable()
  @Trim()
  @IsString()
  @Length(1, 50)
  displayName?: string;

  /** "user" is always given; add "admin" to make an administrator. @example ["user"] */
  @Omittable()
  @IsArray()
  @ArrayMaxSize(2)
  @ArrayUnique()
  @IsIn(['user', 'admin'], { each: true, message: 'roles may only contain "user" and "admin"' })
  roles?: Role[];
}
