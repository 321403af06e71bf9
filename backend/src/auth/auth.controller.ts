import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiBearerAuth, ApiCookieAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';

import type { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { Public } from '../common/decorators/public.decorator';
import { ApiErrors } from '../common/swagger/api-errors.decorator';
import type { AllConfig } from '../config';
import { AuthProviders, AuthResponse, CookieCheck, LogoutResponse } from '../contracts/auth';
import { type AuthResult, AuthService } from './auth.service';
import { AcceptInvitationDto } from './dto/account.dto';
import { LoginDto } from './dto/login.dto';
import { SignupDto } from './dto/signup.dto';
import { OidcClientService } from './oidc/oidc-client.service';
import { PasswordRoute } from './password-login.guard';
import {
  clearMediaCookie,
  clearRefreshCookie,
  readRefreshCookie,
  refreshCookieOptions,
  sendSession,
} from './refresh-cookie';

@ApiTags('auth')
@UseGuards(ThrottlerGuard)
@ApiErrors(429)
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: ConfigService<AllConfig, true>,
    private readonly oidc: OidcClientService,
  ) {}

  /**
   * How people may sign in, whether (and with which e-mail domains) they may create an account themselves, and
   * whether they may message colleagues who are not their friends.
   */
  @Public()
  @Get('providers')
  @Throttle({ default: { limit: 1000, ttl: 60_000 } })
  providers(): AuthProviders {
    const { mode, domains } = this.config.get('signup', { infer: true });
    const { directMessages } = this.config.get('directory', { infer: true });
    const password = this.config.get('auth', { infer: true }).passwordLogin;
    const label = this.oidc.label;
    return {
      password,
      // Without passwords, accounts come from single sign-on, SCIM and admins only.
      signup: password ? mode : 'closed',
      signupDomains: password && mode === 'domains' ? domains : [],
      oidc: label ? { label } : null,
      directMessages,
    };
  }

  /**
   * Create an account and sign in. Sets the refresh cookie. SIGNUP may refuse it (403): `signup_closed`,
   * `invitation_required` or `signup_domain_not_allowed`; the ADMIN_EMAIL address may always sign up.
   * PASSWORD_LOGIN=off: 403 `password_login_disabled`.
   */
  @Public()
  @PasswordRoute()
  @Post('signup')
  @ApiErrors(400, 403, 409)
  async signup(
    @Body() body: SignupDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuthResponse> {
    return this.send(res, await this.auth.signup(body, clientInfo(req)));
  }

  /**
   * Choose a password with the token of an admin's invitation mail and sign in (sets the refresh cookie). The link
   * works once and for 7 days (400 `invitation_invalid` after that). PASSWORD_LOGIN=off: 403
   * `password_login_disabled` (the invitee signs in with single sign-on).
   */
  @Public()
  @PasswordRoute()
  @Post('invitation/accept')
  @HttpCode(HttpStatus.OK)
  @ApiErrors(400, 403)
  async acceptInvitation(
    @Body() body: AcceptInvitationDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuthResponse> {
    return this.send(res, await this.auth.acceptInvitation(body.token, body.password, clientInfo(req)));
  }

  /**
   * Sign in with username or email. Repeated failures are slowed down (429 with Retry-After). PASSWORD_LOGIN=off:
   * 403 `password_login_disabled`.
   */
  @Public()
  @PasswordRoute()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiErrors(400, 401, 403)
  async login(
    @Body() body: LoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuthResponse> {
    return this.send(res, await this.auth.login(body, clientInfo(req)));
  }

  /**
   * New access token from the refresh cookie, which is rotated. A reused old token ends the session. Without any
   * refresh cookie nobody is signed in on this browser: 204 and no body, so a signed-out page load is no error.
   */
  @Public()
  @Post('refresh')
  @ApiCookieAuth('refresh')
  @ApiOkResponse({ type: AuthResponse, description: 'Signed in: a new access token and a rotated cookie' })
  @ApiNoContentResponse({ description: 'No refresh cookie: nobody is signed in on this browser' })
  @ApiErrors(401, 403)
  async refresh(@Req() req: Request, @Res() res: Response): Promise<void> {
    const token = readRefreshCookie(req);
    if (token === undefined) {
      res.status(HttpStatus.NO_CONTENT).end();
      return;
    }
    try {
      res.status(HttpStatus.OK).json(this.send(res, await this.auth.refresh(token)));
    } catch (error) {
      clearRefreshCookie(res, this.cookieOptions);
      throw error;
    }
  }

  /**
   * Sign out of this session and clear the cookie. A single sign-on session whose IdP offers RP-initiated logout
   * answers 200 with the IdP's logout URL, which the browser opens to end the IdP session too.
   */
  @Public()
  @Post('logout')
  @ApiCookieAuth('refresh')
  @ApiOkResponse({ type: LogoutResponse, description: 'Signed out here; open endSessionUrl to sign out at the IdP' })
  @ApiNoContentResponse({ description: 'Signed out' })
  async logout(@Req() req: Request, @Res() res: Response): Promise<void> {
    const base = this.config.get('oidc', { infer: true }).appUrl ?? `${req.protocol}://${req.get('host')}`;
    const endSessionUrl = await this.auth.logout(readRefreshCookie(req), `${base}/login`);
    clearRefreshCookie(res, this.cookieOptions);
    clearMediaCookie(res, this.config);
    if (endSessionUrl) res.status(HttpStatus.OK).json({ endSessionUrl } satisfies LogoutResponse);
    else res.status(HttpStatus.NO_CONTENT).end();
  }

  /**
   * Whether the browser sent the refresh cookie: the app asks right after signing in inside a portal's frame, where
   * a browser may withhold it. Reads the cookie's presence only; nothing is rotated or checked.
   */
  @Public()
  @Get('cookie-check')
  @Throttle({ default: { limit: 1000, ttl: 60_000 } })
  cookieCheck(@Req() req: Request): CookieCheck {
    return { refreshCookie: readRefreshCookie(req) !== undefined };
  }

  /** Sign out of every session of this account, everywhere. */
  @Post('logout-all')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiErrors(401)
  @Throttle({ default: { limit: 1000, ttl: 60_000 } })
  async logoutAll(@CurrentUser() user: AuthUser, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logoutAll(user.id);
    clearRefreshCookie(res, this.cookieOptions);
  }

  private send(res: Response, result: AuthResult): AuthResponse {
    return sendSession(res, result, this.config);
  }

  private get cookieOptions() {
    return refreshCookieOptions(this.config);
  }
}

function clientInfo(req: Request) {
  return { userAgent: req.get('user-agent') ?? '', ip: req.ip ?? '' };
}
