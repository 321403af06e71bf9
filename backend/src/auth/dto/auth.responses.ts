import type { AuthResponse } from '../../contracts/auth';
import { CurrentUserResponse } from '../../users/dto/user.responses';

export class AuthTokenResponse implements AuthResponse {
  /** JWT for the Authorization header; keep it in memory only. */
  accessToken: string;
  /** Seconds until the access token expires. @example 900 */
  expiresIn: number;
  user: CurrentUserResponse;
}
