import { IsEmail, IsMongoId, IsString, Length, MaxLength } from 'class-validator';

import { TrimLower } from '../../users/dto/user-fields';

export class ForgotPasswordDto {
  /** The account's email address. @example "ada@example.com" */
  @TrimLower()
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email: string;
}

export class ResetPasswordDto {
  /** The `token` query parameter of the link in the reset mail. */
  @IsString()
  @Length(1, 200)
  token: string;

  /** The new password, 8 to 128 characters. @example "a new correct horse" */
  @IsString()
  @Length(8, 128)
  password: string;
}

export class AcceptInvitationDto {
  /** The `token` query parameter of the link in the invitation mail. */
  @IsString()
  @Length(1, 200)
  token: string;

  /** The password the invitee chooses, 8 to 128 characters. @example "correct horse battery staple" */
  @IsString()
  @Length(8, 128)
  password: string;
}

export class ChangePasswordDto {
  /** @example "correct horse battery staple" */
  @IsString()
  @Length(1, 128)
  currentPassword: string;

  /** 8 to 128 characters, different from the current one. @example "a new correct horse" */
  @IsString()
  @Length(8, 128)
  newPassword: string;
}

export class VerifyEmailDto {
  /** The `token` query parameter of the link in the verification mail. */
  @IsString()
  @Length(1, 2000)
  token: string;
}

export class SessionIdParam {
  @IsMongoId({ message: 'id must be a valid id' }) id: string;
}
