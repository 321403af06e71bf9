import { IsOptional, IsString, MaxLength } from 'class-validator';

export class EraseMeDto {
  /**
   * Your password: required unless your account came from single sign-on or provisioning and you never chose one
   * (then you must have signed in within the last 5 minutes instead).
   */
  @IsOptional()
  @IsString()
  @MaxLength(128)
  password?: string;
}
