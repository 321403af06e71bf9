import type { AppConfig } from './app.config';
import type { AuthConfig } from './auth.config';
import type { DatabaseConfig } from './database.config';
import type { MailConfig } from './mail.config';

export { appConfig } from './app.config';
export { authConfig } from './auth.config';
export { databaseConfig } from './database.config';
export { mailConfig } from './mail.config';
export { validateEnv } from './env.validation';

/** Read with `ConfigService<AllConfig, true>` and `{ infer: true }`. */
export interface AllConfig {
  app: AppConfig;
  auth: AuthConfig;
  database: DatabaseConfig;
  mail: MailConfig;
}
