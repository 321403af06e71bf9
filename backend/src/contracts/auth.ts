import type { CurrentUserView } from './users';

/** Body of signup, login and refresh. The refresh token travels only in the HttpOnly cookie. */
export interface AuthResponse {
  accessToken: string;
  /** Seconds until the access token expires, so clients can refresh ahead of time. */
  expiresIn: number;
  user: CurrentUserView;
}

export const REFRESH_COOKIE = 'refresh_token';
export const REFRESH_COOKIE_PATH = '/api/auth';
