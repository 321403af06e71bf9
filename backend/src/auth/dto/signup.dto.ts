import { IsEmail, IsString, Length, Matches, MaxLength } from 'class-validator';

import { Omittable } from '../../common/pipes/omittable.decorator';
import { Trim, TrimLower, USERNAME_MESSAGE, USERNAME_PATTERN } from '../../users/dto/user-fields';

export class SignupDto {
  /** 3 to 30 of a-z, 0-9, "_" and "."; stored lowercase. @example "ada" */
  @TrimLower()
  @IsString()
  @Length(3, 30)
  @Matches(USERNAME_PATTERN, { message: USERNAME_MESSAGE })
  username: string;

  /** @example "ada@example.com" */
  @TrimLower()
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email: string;

  /** 8 to 128 characters. @example "correct horse battery staple" */
  @IsString()
  @Length(8, 128)
  password: string;

  /** Defaults to the username. @example "Ada Lovelace" */
  @Omittable()
  @Trim()
  @IsString()
  @Length(1, 50)
  displayName?: string;
}
