import {
  BadRequestException,
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  HttpException,
  HttpStatus,
  Logger,
  NotFoundException,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { ApiBearerAuth, ApiFoundResponse, ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';

import type { AuthUser } from '../../common/auth-user';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { Public } from '../../common/decorators/public.decorator';
import { ApiErrors } from '../../common/swagger/api-errors.decorator';
import type { AllConfig } from '../../config';
import { type AuthResponse, type OidcRedirect, SSO_ERRORS, type SsoErrorCode } from '../../contracts/auth';
import { MetricsService } from '../../metrics/metrics.service';
import { UsersService } from '../../users/users.service';
import { AuthService } from '../auth.service';
import { OidcCallbackQuery, OidcLoginQuery, OidcRedeemDto } from '../dto/oidc.dto';
import { refreshCookieOptions, sendSession, setRefreshCookie } from '../refresh-cookie';
import { clearTransactionCookie, readTransactionCookie, safeReturnTo, setTransactionCookie } from './login-transaction';
import { OidcClientService, SsoError } from './oidc-client.service';
import { SsoService } from './sso.service';
import { SsoHandoffService } from './sso-handoff.service';

/**
 * Single sign-on with OpenID Connect. Failures at the callback never answer with an error page: the browser is sent
 * to /login?ssoError=<code> (to /profile?ssoError=<code> when linking), where the SPA explains it (SSO_ERRORS).
 */
@ApiTags('auth')
@UseGuards(ThrottlerGuard)
@ApiErrors(429)
@Controller('auth/oidc')
export class OidcController {
  private readonly logger = new Logger(OidcController.name);

  constructor(
    private readonly oidc: OidcClientService,
    private readonly sso: SsoService,
    private readonly handoffs: SsoHandoffService,
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly config: ConfigService<AllConfig, true>,
    private readonly metrics: MetricsService,
  ) {}

  /**
   * Start a single sign-on: redirects to the identity provider. `returnTo` is where the SPA continues afterwards.
   * 404 `sso_not_configured` without OIDC_ISSUER; when the IdP cannot be reached, redirects to
   * /login?ssoError=idp_unavailable.
   */
  @Public()
  @Get('login')
  @ApiFoundResponse({ description: "Redirect to the identity provider's sign-in page" })
  @ApiErrors(400, 404)
  async login(@Query() query: OidcLoginQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    this.assertConfigured();
    const returnTo = safeReturnTo(query.returnTo);
    try {
      const { url, transaction } = await this.oidc.authorization(this.redirectUri(req), {
        returnTo,
        popup: query.popup,
      });
      setTransactionCookie(res, this.jwt, this.secret, transaction, this.secure);
      res.redirect(HttpStatus.FOUND, url);
    } catch (error) {
      res.redirect(
        HttpStatus.FOUND,
        query.popup ? popupDone({ error: this.codeOf(error) }) : `/login?ssoError=${this.codeOf(error)}`,
      );
    }
  }

  /**
   * Link single sign-on to the signed-in account (its owner proves both): open the returned URL; the callback
   * then returns to /profile?linked=sso. 409 `sso_already_linked` when the account has a linked identity already.
   */
  @Post('link')
  @HttpCode(HttpStatus.OK)
  @ApiBearerAuth()
  @ApiErrors(401, 404, 409, 503)
  @Throttle({ default: { limit: 1000, ttl: 60_000 } })
  async link(@CurrentUser() caller: AuthUser, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    this.assertConfigured();
    const user = await this.users.getById(caller.id);
    if (user.externalId) {
      throw new HttpException(
        { message: SSO_ERRORS.sso_already_linked, code: 'sso_already_linked' },
        HttpStatus.CONFLICT,
      );
    }
    const { url, transaction } = await this.oidc.authorization(this.redirectUri(req), {
      returnTo: '/profile',
      link: { userId: caller.id, sessionId: caller.sessionId },
    });
    setTransactionCookie(res, this.jwt, this.secret, transaction, this.secure);
    return { url } satisfies OidcRedirect;
  }

  /**
   * Where the identity provider returns to. Signs in (sets the refresh cookie; the SPA then refreshes as on any
   * page load) or links, and redirects into the SPA. Nothing is stored when the answer does not check out: a
   * forged or missing `state`, a used code, an ID token with another nonce, issuer or audience, or expired.
   */
  @Public()
  @Get('callback')
  @ApiFoundResponse({ description: 'Redirect into the SPA: `returnTo`, or /login?ssoError=<code> when refused' })
  @ApiErrors(400)
  async callback(@Query() query: OidcCallbackQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    const tx = readTransactionCookie(req, this.jwt, this.secret);
    clearTransactionCookie(res, this.secure);
    const failed = (code: SsoErrorCode) =>
      tx?.popup ? popupDone({ error: code }) : `${tx?.link ? '/profile' : '/login'}?ssoError=${code}`;
    try {
      if (!tx || query.state !== tx.state) {
        throw new SsoError('sso_state_invalid', 'The sign-in state is missing, expired or forged');
      }
      const outcome = await this.sso.complete(this.redirectUri(req), paramsOf(query), tx);
      if (outcome.kind === 'linked') {
        res.redirect(HttpStatus.FOUND, '/profile?linked=sso');
        return;
      }
      if (tx.popup) {
        const code = await this.handoffs.create(outcome.user, outcome.idpTokens, tx.popup);
        this.metrics.login('sso', 'success');
        res.redirect(HttpStatus.FOUND, popupDone({ code }));
        return;
      }
      const client = { userAgent: req.get('user-agent') ?? '', ip: req.ip ?? '' };
      const { refreshToken } = await this.auth.startSsoSession(outcome.user, client, outcome.idpTokens);
      setRefreshCookie(res, refreshToken!, refreshCookieOptions(this.config));
      this.metrics.login('sso', 'success');
      res.redirect(HttpStatus.FOUND, tx.returnTo);
    } catch (error) {
      const code = this.codeOf(error);
      if (!tx?.link) this.metrics.login('sso', code);
      res.redirect(HttpStatus.FOUND, failed(code));
    }
  }

  /**
   * The app inside a portal's frame trades the one-time code of a popup sign-in (login with `popup`) for a session
   * of its own: sets the refresh cookie in the frame's cookie jar, like a password sign-in. 400
   * `sso_code_invalid` when the code is unknown, used, older than a minute or the verifier does not match.
   */
  @Public()
  @Post('redeem')
  @HttpCode(HttpStatus.OK)
  @ApiErrors(400, 403)
  async redeem(
    @Body() body: OidcRedeemDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuthResponse> {
    let handoff: { userId: string; idpTokens: string };
    try {
      handoff = await this.handoffs.redeem(body.code, body.verifier);
    } catch (error) {
      if (!(error instanceof SsoError)) throw error;
      throw new BadRequestException({ message: SSO_ERRORS.sso_code_invalid, code: 'sso_code_invalid' });
    }
    const user = await this.users.findById(handoff.userId);
    if (!user || user.status === 'erased') {
      throw new ForbiddenException({ message: SSO_ERRORS.account_unavailable, code: 'account_unavailable' });
    }
    if (user.status === 'banned') {
      throw new ForbiddenException({ message: SSO_ERRORS.account_banned, code: 'account_banned' });
    }
    const client = { userAgent: req.get('user-agent') ?? '', ip: req.ip ?? '' };
    return sendSession(res, await this.auth.startSsoSession(user, client, handoff.idpTokens), this.config);
  }

  private codeOf(error: unknown): SsoErrorCode {
    const code =
      error instanceof SsoError
        ? error.code
        : error instanceof HttpException
          ? (error.getResponse() as { code?: string }).code
          : undefined;
    if (code && code in SSO_ERRORS) return code as SsoErrorCode;
    this.logger.error(error);
    return 'sso_idp_error';
  }

  private assertConfigured(): void {
    if (!this.oidc.label) {
      throw new NotFoundException({ message: 'Single sign-on is not configured', code: 'sso_not_configured' });
    }
  }

  /** APP_URL when set; else the origin this request came to (the IdP only accepts it if registered there). */
  private redirectUri(req: Request): string {
    const base = this.config.get('oidc', { infer: true }).appUrl ?? `${req.protocol}://${req.get('host')}`;
    return `${base}/api/auth/oidc/callback`;
  }

  private get secret(): string {
    return this.config.get('auth', { infer: true }).jwtSecret;
  }

  private get secure(): boolean {
    return this.config.get('app', { infer: true }).cookieSecure;
  }
}

/** The popup's last page: it passes the code (or the error) to the frame that opened it, then closes. */
function popupDone(result: { code: string } | { error: SsoErrorCode }): string {
  return `/embed/sso-done#${new URLSearchParams(result).toString()}`;
}

function paramsOf(query: OidcCallbackQuery): Record<string, string> {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => typeof value === 'string'));
}
