import { IsJWT, MaxLength } from 'class-validator';

export class AuthRefreshDto {
  /** The new access token, after the client refreshed it over HTTP. */
  @IsJWT() @MaxLength(4096) token: string;
}
