import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';

import { AdminModule } from './admin/admin.module';
import { AuthModule } from './auth/auth.module';
import { HttpExceptionFilter } from './common/filters/http-exception.filter';
import { JwtAuthGuard } from './common/guards/jwt-auth.guard';
import { RolesGuard } from './common/guards/roles.guard';
import { createLoggingModule } from './common/logging.module';
import { ComplianceModule } from './compliance/compliance.module';
import { ALL_CONFIG, appConfig, validateEnv } from './config';
import { DatabaseModule } from './database/database.module';
import { EmbedModule } from './embed/embed.module';
import { EventsModule } from './events/events.module';
import { FriendsModule } from './friends/friends.module';
import { HealthModule } from './health/health.module';
import { ScimModule } from './identity/scim/scim.module';
import { MessagesModule } from './messages/messages.module';
import { MetricsModule } from './metrics/metrics.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PersonalDataModule } from './personal-data/personal-data.module';
import { PresenceModule } from './presence/presence.module';
import { ConnectionModule } from './realtime/connection.module';
import { RealtimeModule } from './realtime/realtime.module';
import { SearchModule } from './search/search.module';
import { ServiceApiModule } from './service-api/service-api.module';
import { ServiceTokensModule } from './service-tokens/service-tokens.module';
import { SpaModule } from './spa/spa.module';
import { UsersModule } from './users/users.module';
import { WebhooksModule } from './webhooks/webhooks.module';

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
        MetricsModule,
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
        SearchModule,
        ComplianceModule,
        AdminModule,
        ScimModule,
        PersonalDataModule,
        EmbedModule,
        ServiceTokensModule,
        ServiceApiModule,
        WebhooksModule,
        NotificationsModule,
        SpaModule.register(frontendDir),
      ],
      providers: [
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
    };
  }
}
