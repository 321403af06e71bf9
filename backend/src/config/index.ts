import type { AppConfig } from './app.config';
import { appConfig } from './app.config';
import type { AuthConfig } from './auth.config';
import { authConfig } from './auth.config';
import type { DatabaseConfig } from './database.config';
import { databaseConfig } from './database.config';
import type { DirectoryConfig } from './directory.config';
import { directoryConfig } from './directory.config';
import type { EmbedConfig } from './embed.config';
import { embedConfig } from './embed.config';
import type { LogConfig } from './log.config';
import { logConfig } from './log.config';
import type { MailConfig } from './mail.config';
import { mailConfig } from './mail.config';
import type { MediaConfig } from './media.config';
import { mediaConfig } from './media.config';
import type { MetricsConfig } from './metrics.config';
import { metricsConfig } from './metrics.config';
import type { NotificationsConfig } from './notifications.config';
import { notificationsConfig } from './notifications.config';
import type { OidcConfig } from './oidc.config';
import { oidcConfig } from './oidc.config';
import type { RedisConfig } from './redis.config';
import { redisConfig } from './redis.config';
import type { RetentionConfig } from './retention.config';
import { retentionConfig } from './retention.config';
import type { ScimConfig } from './scim.config';
import { scimConfig } from './scim.config';
import type { ServiceTokensConfig } from './service-tokens.config';
import { serviceTokensConfig } from './service-tokens.config';
import type { SignupConfig } from './signup.config';
import { signupConfig } from './signup.config';
import type { WebhooksConfig } from './webhooks.config';
import { webhooksConfig } from './webhooks.config';

export {
  appConfig,
  authConfig,
  databaseConfig,
  directoryConfig,
  embedConfig,
  logConfig,
  mailConfig,
  mediaConfig,
  metricsConfig,
  notificationsConfig,
  oidcConfig,
  redisConfig,
  retentionConfig,
  scimConfig,
  serviceTokensConfig,
  signupConfig,
  webhooksConfig,
};
export { validateEnv } from './env.validation';

/** Every configuration area, loaded (and the environment validated) once at start-up. */
export const ALL_CONFIG = [
  appConfig,
  authConfig,
  databaseConfig,
  logConfig,
  mailConfig,
  mediaConfig,
  oidcConfig,
  redisConfig,
  scimConfig,
  signupConfig,
  directoryConfig,
  metricsConfig,
  embedConfig,
  serviceTokensConfig,
  webhooksConfig,
  notificationsConfig,
  retentionConfig,
];

/** Read with `ConfigService<AllConfig, true>` and `{ infer: true }`. */
export interface AllConfig {
  app: AppConfig;
  auth: AuthConfig;
  database: DatabaseConfig;
  log: LogConfig;
  mail: MailConfig;
  media: MediaConfig;
  oidc: OidcConfig;
  redis: RedisConfig;
  scim: ScimConfig;
  signup: SignupConfig;
  directory: DirectoryConfig;
  metrics: MetricsConfig;
  embed: EmbedConfig;
  serviceTokens: ServiceTokensConfig;
  webhooks: WebhooksConfig;
  notifications: NotificationsConfig;
  retention: RetentionConfig;
}
