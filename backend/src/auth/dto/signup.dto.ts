import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, MaxLength } from 'class-validator';
import { IsDisplayName, IsPassword, IsUsername } from '../../users/dto/user-fields';

export class SignupDto {
  /** 3 to 30 of a-z, 0-9, "_" and "."; stored lowercase. @example "ada" */
  @IsUsername() username: string;

  /** @example "ada@example.com" */
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email: string;

  /** 8 to 128 characters. @example "correct horse battery staple" */
  @IsPassword() password: string;

  /** Defaults to the username. @example "Ada Lovelace" */
  @IsOptional() @IsDisplayName() displayName?: string;
}
