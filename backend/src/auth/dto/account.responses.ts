import type { EmailVerifiedResponse, PasswordForgotResponse, SessionView } from '../../contracts/auth';
import type { Page } from '../../contracts/users';

export class SessionResponse implements SessionView {
  /** @example "665f1c2e8b3e4a1d2c9f0a11" */
  id: string;
  /** Browser and system from the user agent. @example "Firefox on Windows" */
  device: string;
  /** The address the session signed in from. @example "203.0.113.7" */
  ip: string;
  createdAt: string;
  /** The last sign-in or token refresh of this session. */
  lastUsedAt: string;
  /** True for the session this request was made with ("this device"). */
  current: boolean;
}

export class SessionPage implements Page<SessionView> {
  /** Most recently used first. */
  items: SessionResponse[];
  /** Always null: every live session fits on one page. */
  nextCursor: string | null;
}

export class PasswordForgotResponseBody implements PasswordForgotResponse {
  /** @example "If an account uses this address, we have sent it a link to choose a new password." */
  message: string;
}

export class EmailVerifiedResponseBody implements EmailVerifiedResponse {
  /** @example "ada@example.com" */
  email: string;
  emailVerified: true;
}
