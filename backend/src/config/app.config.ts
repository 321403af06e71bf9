import { registerAs } from '@nestjs/config';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../common/project-root';

export const appConfig = registerAs('app', () => {
  const port = Number(process.env.PORT ?? 3000);
  return {
    nodeEnv: process.env.NODE_ENV ?? 'development',
    port,
    host: process.env.HOST ?? '0.0.0.0',
    corsOrigins: (process.env.CORS_ORIGIN ?? `http://localhost:${port},http://127.0.0.1:${port}`)
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    /** Browsers treat http://localhost as secure; only plain-http test rigs turn this off. */
    cookieSecure: process.env.COOKIE_SECURE !== 'false',
    adminEmail: process.env.ADMIN_EMAIL?.toLowerCase() ?? null,
    dataDir: resolve(process.env.DATA_DIR ?? 'data'),
    frontendDir: resolve(process.env.FRONTEND_DIR ?? join(PROJECT_ROOT, 'dist', 'frontend', 'browser')),
  };
});
export type AppConfig = ReturnType<typeof appConfig>;
