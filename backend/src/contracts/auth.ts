import type { CurrentUserView } from './users';

/** Body of signup, login and refresh. The refresh token travels only in the HttpOnly cookie. */
export class AuthResponse {
  /** JWT for the Authorization header; keep it in memory only. */
  declare accessToken: string;
  /** Seconds until the access token expires, so clients can refresh ahead of time. @example 900 */
  declare expiresIn: number;
  declare user: CurrentUserView;
}

/** One signed-in browser or device of the current user (GET /api/auth/sessions). */
export class SessionView {
  /** @example "665f1c2e8b3e4a1d2c9f0a11" */
  declare id: string;
  /** Browser and system read from the user agent; "Unknown device" if unreadable. @example "Firefox on Windows" */
  declare device: string;
  /** The address the session signed in from. @example "203.0.113.7" */
  declare ip: string;
  declare createdAt: string;
  /** The last sign-in or token refresh. */
  declare lastUsedAt: string;
  /** The session the request was made with ("this device"). */
  declare current: boolean;
}

/** The answer to POST /api/auth/password/forgot: the same whether or not an account has that email. */
export class PasswordForgotResponse {
  /** @example "If an account uses this address, we have sent it a link to choose a new password." */
  declare message: string;
}

/** The answer to POST /api/auth/verify-email. */
export class EmailVerifiedResponse {
  /** @example "ada@example.com" */
  declare email: string;
  declare emailVerified: true;
}

export const SIGNUP_MODES = ['open', 'domains', 'invite', 'closed'] as const;
export type SignupMode = (typeof SIGNUP_MODES)[number];

export const DIRECT_MESSAGE_MODES = ['friends', 'everyone'] as const;
export type DirectMessagesMode = (typeof DIRECT_MESSAGE_MODES)[number];

/** GET /api/auth/providers: how people may sign in and whether they may create an account themselves. */
export class AuthProviders {
  /** Sign-in with username or email and password is offered. */
  declare password: boolean;
  /**
   * open: anyone may sign up · domains: only addresses at `signupDomains` · invite: only through an admin's
   * invitation link · closed: accounts come only from admins.
   * @example "open"
   */
  declare signup: SignupMode;
  /** The e-mail domains sign-up accepts when `signup` is "domains", else empty. @example ["acme.com"] */
  declare signupDomains: string[];
  /** Single sign-on; null while none is configured. */
  declare oidc: OidcProvider | null;
  /**
   * friends: people chat only with friends · everyone: any two active colleagues may open a direct conversation
   * without a friend request (DIRECT_MESSAGES).
   * @example "friends"
   */
  declare directMessages: DirectMessagesMode;
}

export class OidcProvider {
  /** The text of the "Sign in with …" button. @example "Keycloak" */
  declare label: string;
}

export const REFRESH_COOKIE = 'refresh_token';
export const REFRESH_COOKIE_PATH = '/api/auth';

/** HttpOnly cookie with the access token, sent only to /api/media so <img> and <video> can load private media. */
export const MEDIA_COOKIE = 'media_token';
export const MEDIA_COOKIE_PATH = '/api/media';
