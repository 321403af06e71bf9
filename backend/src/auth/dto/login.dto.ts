import { IsString, Length, MaxLength } from 'class-validator';

export class LoginDto {
  /** Username or email. @example "ada" */
  @IsString() @Length(1, 254) login: string;

  /** @example "correct horse battery staple" */
  @IsString() @MaxLength(128) password: string;
}
