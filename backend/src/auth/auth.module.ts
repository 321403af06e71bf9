import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';
import { MongooseModule } from '@nestjs/mongoose';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';

import { AuditModule } from '../admin/audit.module';
import type { AllConfig } from '../config';
import { MailModule } from '../mail/mail.module';
import { UsersModule } from '../users/users.module';
import { AccessTokensService } from './access-tokens.service';
import { AccountController } from './account.controller';
import { AccountService } from './account.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { EmailVerificationService } from './email-verification.service';
import { InvitationsService } from './invitations.service';
import { JwtStrategy } from './jwt.strategy';
import { jwtKeyOf } from './jwt-key';
import { LoginThrottleService } from './login-throttle.service';
import { OidcController } from './oidc/oidc.controller';
import { OidcClientService } from './oidc/oidc-client.service';
import { SsoService } from './oidc/sso.service';
import { SsoAccountsService } from './oidc/sso-accounts.service';
import { SsoHandoffService } from './oidc/sso-handoff.service';
import { PasswordLoginGuard } from './password-login.guard';
import { PasswordRecoveryService } from './password-recovery.service';
import { PasswordReset, PasswordResetSchema } from './schemas/password-reset.schema';
import { Session, SessionSchema } from './schemas/session.schema';
import { SsoHandoff, SsoHandoffSchema } from './schemas/sso-handoff.schema';
import { SessionsService } from './sessions.service';

@Module({
  imports: [
    UsersModule,
    MailModule,
    AuditModule,
    PassportModule,
    MongooseModule.forFeature([
      { name: Session.name, schema: SessionSchema },
      { name: PasswordReset.name, schema: PasswordResetSchema },
      { name: SsoHandoff.name, schema: SsoHandoffSchema },
    ]),
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AllConfig, true>) => ({
        secret: jwtKeyOf(config.get('auth', { infer: true }).jwtSecret),
        signOptions: { algorithm: 'HS256' },
      }),
    }),
    // Requests per IP to the auth routes; failed logins are slowed down further by LoginThrottleService.
    ThrottlerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AllConfig, true>) => {
        const { rateLimit, rateWindowSeconds } = config.get('auth', { infer: true });
        return {
          throttlers: [{ name: 'default', limit: rateLimit, ttl: rateWindowSeconds * 1000 }],
          errorMessage: 'Too many requests, please wait a moment and try again',
        };
      },
    }),
  ],
  controllers: [AuthController, AccountController, OidcController],
  providers: [
    AuthService,
    SessionsService,
    LoginThrottleService,
    JwtStrategy,
    AccessTokensService,
    AccountService,
    EmailVerificationService,
    PasswordRecoveryService,
    InvitationsService,
    OidcClientService,
    SsoAccountsService,
    SsoService,
    SsoHandoffService,
    PasswordLoginGuard,
  ],
  exports: [SessionsService, AccessTokensService, InvitationsService, PasswordRecoveryService, LoginThrottleService],
})
export class AuthModule {}
