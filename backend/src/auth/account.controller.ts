import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';

import type { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { Public } from '../common/decorators/public.decorator';
import { ApiErrors } from '../common/swagger/api-errors.decorator';
import { ApiPageResponse } from '../common/swagger/api-page-response.decorator';
import type { AllConfig } from '../config';
import { type EmailVerifiedResponse, type PasswordForgotResponse, SessionView } from '../contracts/auth';
import type { Page } from '../contracts/users';
import { AccountService } from './account.service';
import {
  ChangePasswordDto,
  ForgotPasswordDto,
  ResetPasswordDto,
  SessionIdParam,
  VerifyEmailDto,
} from './dto/account.dto';
import { EmailVerificationService } from './email-verification.service';
import { PasswordRoute } from './password-login.guard';
import { FORGOT_ANSWER, PasswordRecoveryService } from './password-recovery.service';
import { clearRefreshCookie, refreshCookieOptions } from './refresh-cookie';

/** The account lifecycle: email verification, password reset and change, and the list of active sessions. */
@ApiTags('auth')
@UseGuards(ThrottlerGuard)
@ApiErrors(429)
@Controller('auth')
export class AccountController {
  constructor(
    private readonly account: AccountService,
    private readonly verification: EmailVerificationService,
    private readonly recovery: PasswordRecoveryService,
    private readonly config: ConfigService<AllConfig, true>,
  ) {}

  /** Send a new verification link to the signed-in user's address (a few per quarter hour). */
  @Post('verify-email/request')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiErrors(401, 409)
  resendVerification(@CurrentUser() user: AuthUser): Promise<void> {
    return this.verification.resend(user.id);
  }

  /** Redeem the link from the verification mail; works once, signed in or not. */
  @Public()
  @Post('verify-email')
  @HttpCode(HttpStatus.OK)
  @ApiErrors(400, 409)
  verifyEmail(@Body() body: VerifyEmailDto): Promise<EmailVerifiedResponse> {
    return this.verification.verify(body.token);
  }

  /**
   * Mail a password reset link (valid 30 minutes, single use). Always answers 202 with the same body, whether or
   * not an account uses the address; requests are limited per IP (429) and per address (silently).
   */
  @Public()
  @PasswordRoute()
  @Post('password/forgot')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiErrors(400, 403)
  forgotPassword(@Body() body: ForgotPasswordDto, @Req() req: Request): PasswordForgotResponse {
    this.recovery.request(body.email, req.ip ?? '');
    return { message: FORGOT_ANSWER };
  }

  /** Set a new password with the link's token. Every session of the account ends and its sockets are closed. */
  @Public()
  @PasswordRoute()
  @Post('password/reset')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiErrors(400, 403)
  resetPassword(@Body() body: ResetPasswordDto): Promise<void> {
    return this.recovery.reset(body.token, body.password);
  }

  /**
   * Change the password; the current one is required (400 with a field error when wrong). Every other session
   * ends, this one stays signed in.
   */
  @PasswordRoute()
  @Post('password/change')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiErrors(400, 401, 403)
  changePassword(@CurrentUser() user: AuthUser, @Body() body: ChangePasswordDto, @Req() req: Request): Promise<void> {
    return this.account.changePassword(user, body, req.ip ?? '');
  }

  /** The signed-in user's active sessions (browsers and devices), the current one flagged. */
  @Get('sessions')
  @ApiPageResponse(SessionView, {
    description: 'Most recently used first; every live session fits on one page (nextCursor is null).',
  })
  @ApiBearerAuth()
  @ApiErrors(401)
  @Throttle({ default: { limit: 1000, ttl: 60_000 } })
  listSessions(@CurrentUser() user: AuthUser): Promise<Page<SessionView>> {
    return this.account.listSessions(user);
  }

  /** End one of the user's sessions: its refresh token stops working and its sockets are closed at once. */
  @Delete('sessions/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiErrors(400, 401, 404)
  @Throttle({ default: { limit: 1000, ttl: 60_000 } })
  async revokeSession(
    @CurrentUser() user: AuthUser,
    @Param() params: SessionIdParam,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.account.revokeSession(user, params.id);
    if (params.id === user.sessionId) {
      clearRefreshCookie(res, refreshCookieOptions(this.config));
    }
  }
}
