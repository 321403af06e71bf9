import {
  ForbiddenException,
  HttpException,
  Injectable,
  OnApplicationBootstrap,
  UnauthorizedException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';

import type { AccessTokenClaims } from '../common/auth-user';
import type { AllConfig } from '../config';
import type { AuthResponse } from '../contracts/auth';
import { MetricsService } from '../metrics/metrics.service';
import { RealtimeService } from '../realtime/realtime.service';
import { isOperator, rolesOfNewAccount } from '../users/operator';
import type { UserDocument } from '../users/schemas/user.schema';
import { toCurrentUserView } from '../users/user.mapper';
import { UsersService } from '../users/users.service';
import type { LoginDto } from './dto/login.dto';
import type { SignupDto } from './dto/signup.dto';
import { EmailVerificationService } from './email-verification.service';
import { InvitationsService } from './invitations.service';
import { LoginThrottleService } from './login-throttle.service';
import { SsoError } from './oidc/oidc-client.service';
import { SsoService } from './oidc/sso.service';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './passwords';
import type { SessionDocument } from './schemas/session.schema';
import { BANNED_MESSAGE, SessionsService } from './sessions.service';
import { assertMaySignUp } from './signup-policy';

const accountGone = () =>
  new UnauthorizedException({ message: 'Your account no longer exists', code: 'session_ended' });

export interface ClientInfo {
  userAgent: string;
  ip: string;
}

/** What the controller sends back: the body, and the refresh token for the cookie (null: leave it as it is). */
export interface AuthResult {
  body: AuthResponse;
  refreshToken: string | null;
}

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottleService,
    private readonly config: ConfigService<AllConfig, true>,
    private readonly realtime: RealtimeService,
    private readonly verification: EmailVerificationService,
    private readonly invitations: InvitationsService,
    private readonly sso: SsoService,
    private readonly metrics: MetricsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const adminEmail = this.config.get('app', { infer: true }).adminEmail;
    if (adminEmail) await this.users.grantAdminTo(adminEmail);
  }

  async signup(dto: SignupDto, client: ClientInfo): Promise<AuthResult> {
    const { adminEmail } = this.config.get('app', { infer: true });
    // The ADMIN_EMAIL account may always sign up: on a closed install it is the operator's only way in.
    if (!isOperator(dto.email, adminEmail)) assertMaySignUp(this.config.get('signup', { infer: true }), dto.email);
    const user = await this.users.create({
      username: dto.username,
      email: dto.email,
      passwordHash: await hashPassword(dto.password),
      displayName: dto.displayName ?? dto.username,
      roles: rolesOfNewAccount(dto.email, adminEmail),
    });
    this.verification.sendAfterSignup(user);
    return this.startSession(user, client);
  }

  async login(dto: LoginDto, client: ClientInfo): Promise<AuthResult> {
    try {
      const result = await this.passwordLogin(dto, client);
      this.metrics.login('password', 'success');
      return result;
    } catch (error) {
      this.metrics.login('password', loginOutcome(error));
      throw error;
    }
  }

  private async passwordLogin(dto: LoginDto, client: ClientInfo): Promise<AuthResult> {
    this.throttle.assertMayTry(dto.login, client.ip);
    const user = await this.users.findByLogin(dto.login);
    const valid = await verifyPassword(user?.passwordHash ?? (await DUMMY_PASSWORD_HASH), dto.password);
    // An erased account is an account that no longer exists.
    if (!user || !valid || user.status === 'erased') {
      this.throttle.recordFailure(dto.login, client.ip);
      throw new UnauthorizedException({ message: 'Wrong username, email or password', code: 'invalid_credentials' });
    }
    this.throttle.recordSuccess(dto.login, client.ip);
    this.assertNotBanned(user);
    return this.startSession(user, client);
  }

  /** The invitee chose a password through the mailed link: set it and sign them in. */
  async acceptInvitation(token: string, password: string, client: ClientInfo): Promise<AuthResult> {
    const user = await this.invitations.accept(token, password);
    this.assertNotBanned(user);
    return this.startSession(user, client);
  }

  async refresh(refreshToken: unknown): Promise<AuthResult> {
    const { session, refreshToken: rotated } = await this.sessions.rotate(refreshToken);
    let user = await this.users.findById(session.userId.toString());
    if (!user || user.status === 'erased') {
      await this.sessions.revoke(session._id, 'erased');
      throw accountGone();
    }
    if (user.status === 'banned') {
      await this.sessions.revoke(session._id, 'banned');
      this.assertNotBanned(user);
    }
    // Only the request that rotated asks the IdP: tabs refreshing at once do not each spend its refresh token.
    if (session.idpTokens && rotated) user = await this.refreshAtIdp(session, user);
    return { body: this.respond(user, session._id.toString()), refreshToken: rotated };
  }

  /** A single sign-on: a session like a password sign-in's, which also keeps the IdP's tokens (sealed). */
  startSsoSession(user: UserDocument, client: ClientInfo, idpTokens: string): Promise<AuthResult> {
    return this.startSession(user, client, idpTokens);
  }

  private async refreshAtIdp(session: SessionDocument, user: UserDocument): Promise<UserDocument> {
    try {
      return await this.sso.refreshAtIdp(session, user);
    } catch (error) {
      if (!(error instanceof SsoError)) throw error;
      await this.sessions.revoke(session._id, 'idp_refused');
      this.realtime.endSession(session._id.toString());
      throw new UnauthorizedException({
        message: 'Your single sign-on session has ended, please sign in again',
        code: 'sso_session_ended',
      });
    }
  }

  /**
   * Ends the session the refresh cookie belongs to; a missing or unknown cookie is fine (already signed out).
   * Returns where the browser ends the IdP session too, for single sign-on sessions whose IdP offers that.
   */
  async logout(refreshToken: unknown, postLogoutRedirectUri: string): Promise<string | null> {
    const session = await this.sessions.revokeByToken(refreshToken);
    if (!session) return null;
    this.realtime.endSession(session._id.toString());
    return this.sso.logoutUrl(session, postLogoutRedirectUri);
  }

  async logoutAll(userId: string): Promise<void> {
    await this.sessions.revokeAllOf(userId, 'logout_all');
    this.realtime.endUser(userId);
  }

  private async startSession(user: UserDocument, client: ClientInfo, idpTokens?: string): Promise<AuthResult> {
    const { session, refreshToken } = await this.sessions.create(user._id, client.userAgent, client.ip, idpTokens);
    // Signed in while the account was being erased: the erasure's revocation may have run before this session existed.
    if (await this.users.isErased(user._id.toString())) {
      await this.sessions.revoke(session._id, 'erased');
      throw accountGone();
    }
    return { body: this.respond(user, session._id.toString()), refreshToken };
  }

  private respond(user: UserDocument, sessionId: string): AuthResponse {
    const claims: AccessTokenClaims = { sub: user._id.toString(), roles: user.roles, sid: sessionId };
    const expiresIn = this.config.get('auth', { infer: true }).accessTokenTtlSeconds;
    return { accessToken: this.jwt.sign(claims, { expiresIn }), expiresIn, user: toCurrentUserView(user) };
  }

  private assertNotBanned(user: UserDocument): void {
    if (user.status === 'banned') {
      throw new ForbiddenException({ message: BANNED_MESSAGE, code: 'account_banned' });
    }
  }
}

/** Why a sign-in was refused, from a small known set (a metric's label must not take any value). */
function loginOutcome(error: unknown): string {
  const code = error instanceof HttpException ? (error.getResponse() as { code?: unknown }).code : undefined;
  return code === 'invalid_credentials' ||
    code === 'login_throttled' ||
    code === 'account_banned' ||
    code === 'session_ended'
    ? code
    : 'error';
}
