import { existsSync } from 'node:fs';

import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ServeStaticModule } from '@nestjs/serve-static';

import { AdminModule } from './admin/admin.module';
import { AuthModule } from './auth/auth.module';
import { HttpExceptionFilter } from './common/filters/http-exception.filter';
import { JwtAuthGuard } from './common/guards/jwt-auth.guard';
import { RolesGuard } from './common/guards/roles.guard';
import { createLoggingModule } from './common/logging.module';
import { ALL_CONFIG, appConfig, validateEnv } from './config';
import { DatabaseModule } from './database/database.module';
import { EventsModule } from './events/events.module';
import { FriendsModule } from './friends/friends.module';
import { HealthModule } from './health/health.module';
import { ScimModule } from './identity/scim/scim.module';
import { MessagesModule } from './messages/messages.module';
import { PersonalDataModule } from './personal-data/personal-data.module';
import { PresenceModule } from './presence/presence.module';
import { ConnectionModule } from './realtime/connection.module';
import { RealtimeModule } from './realtime/realtime.module';
import { UsersModule } from './users/users.module';
import { WebhooksModule } from './webhooks/webhooks.module';

/** Client-side routes: everything outside /api, /scim and /socket.io that does not name a static file. */
const SPA_ROUTES =
  /^\/(?!(api|scim|socket\.io)(\/|$))(?!.*\.(js|mjs|css|map|ico|png|jpe?g|gif|svg|webp|woff2?|ttf|json|txt|webmanifest)$)/i;

@Module({})
export class AppModule {
  /** Built at start-up (not import) time, so the environment is read when the app is created. */
  static register(): DynamicModule {
    const frontendDir = appConfig().frontendDir;
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          cache: false,
          load: ALL_CONFIG,
          validate: validateEnv,
        }),
        createLoggingModule(),
        DatabaseModule,
        RealtimeModule,
        EventsModule,
        HealthModule,
        UsersModule,
        AuthModule,
        FriendsModule,
        PresenceModule,
        ConnectionModule,
        MessagesModule,
        AdminModule,
        ScimModule,
        PersonalDataModule,
        WebhooksModule,
        // The built SPA, with index.html for every client-side route outside /api, /scim and /socket.io. Those are kept
        // out by the render path rather than `exclude`: with `exclude`, the module's error handler turns every error
        // of an /api request that happens before routing (bad JSON, a body too large) into a 404. A missing asset
        // (an old chunk after a redeploy) is a 404 too, not index.html, so the page can tell it failed.
        ...(existsSync(frontendDir)
          ? [ServeStaticModule.forRoot({ rootPath: frontendDir, renderPath: SPA_ROUTES })]
          : []),
      ],
      providers: [
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
    };
  }
}
