import type { CurrentUserView } from './users';

/** Body of signup, login and refresh. The refresh token travels only in the HttpOnly cookie. */
export interface AuthResponse {
  accessToken: string;
  /** Seconds until the access token expires, so clients can refresh ahead of time. */
  expiresIn: number;
  user: CurrentUserView;
}

/** One signed-in browser or device of the current user (GET /api/auth/sessions). */
export interface SessionView {
  id: string;
  /** Browser and system read from the user agent, e.g. "Firefox on Windows"; "Unknown device" if unreadable. */
  device: string;
  ip: string;
  createdAt: string;
  /** The last sign-in or token refresh. */
  lastUsedAt: string;
  /** The session the request was made with. */
  current: boolean;
}

/** The answer to POST /api/auth/password/forgot: the same whether or not an account has that email. */
export interface PasswordForgotResponse {
  message: string;
}

/** The answer to POST /api/auth/verify-email. */
export interface EmailVerifiedResponse {
  email: string;
  emailVerified: true;
}

export const REFRESH_COOKIE = 'refresh_token';
export const REFRESH_COOKIE_PATH = '/api/auth';

/** HttpOnly cookie with the access token, sent only to /api/media so <img> and <video> can load private media. */
export const MEDIA_COOKIE = 'media_token';
export const MEDIA_COOKIE_PATH = '/api/media';
