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

/** GET /api/auth/cookie-check: whether this browser sent the refresh cookie with the request. */
export class CookieCheck {
  /**
   * False right after a sign-in inside a portal's frame: the browser withholds the app's cookies there (third-party
   * cookies blocked, no CHIPS), so the session would not outlive the page.
   */
  declare refreshCookie: boolean;
}

/** POST /api/auth/oidc/link: where the browser goes to prove the single sign-on identity to link. */
export class OidcRedirect {
  /** The identity provider's authorization URL. */
  declare url: string;
}

/** POST /api/auth/logout of a single sign-on session, when the IdP offers RP-initiated logout. */
export class LogoutResponse {
  /** Open this to end the IdP session too; it returns to the sign-in page. */
  declare endSessionUrl: string;
}

/**
 * Why a single sign-on failed: the callback redirects to /login?ssoError=<code> (to /profile?ssoError=<code> when
 * linking) and the SPA shows the message for it.
 */
export const SSO_ERRORS = {
  sso_cancelled: 'Single sign-on was cancelled.',
  sso_idp_error: 'Your identity provider refused the sign-in.',
  sso_state_invalid: 'This sign-in has expired or was not started here. Please try again.',
  sso_code_invalid: 'This sign-in link has expired or was already used. Please try again.',
  sso_token_invalid: 'Your identity provider’s answer could not be verified. Please try again.',
  idp_unavailable: 'Your identity provider could not be reached. Please try again in a moment.',
  sso_misconfigured: 'Single sign-on is not set up correctly here. Please tell your administrator.',
  sso_email_unverified: 'Your identity provider did not confirm an e-mail address for you.',
  account_exists_link_required:
    'An account with your e-mail address already exists. Sign in with your password, then link single sign-on from your profile.',
  account_banned: 'This account has been suspended by an administrator.',
  account_unavailable: 'This account no longer exists.',
  sso_identity_in_use: 'This single sign-on identity already belongs to another account.',
  sso_already_linked: 'Your account is already linked to another single sign-on identity.',
  sso_link_email_mismatch:
    'Your identity provider confirmed a different e-mail address than your account’s. Sign in there as yourself, or change your e-mail address here first.',
  session_ended: 'You were signed out before the link was made. Sign in and try again.',
} as const;
export type SsoErrorCode = keyof typeof SSO_ERRORS;

export const REFRESH_COOKIE = 'refresh_token';
export const REFRESH_COOKIE_PATH = '/api/auth';

/** HttpOnly cookie with the access token, sent only to /api/media so <img> and <video> can load private media. */
export const MEDIA_COOKIE = 'media_token';
export const MEDIA_COOKIE_PATH = '/api/media';
