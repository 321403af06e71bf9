import { join, resolve } from 'node:path';

import { registerAs } from '@nestjs/config';

import { PROJECT_ROOT } from '../common/project-root';
import { dataDirOf, loadEnv } from './env.validation';

export const appConfig = registerAs('app', () => {
  const env = loadEnv();
  const port = env.PORT ?? 3000;
  return {
    nodeEnv: env.NODE_ENV ?? 'development',
    port,
    host: env.HOST ?? '0.0.0.0',
    corsOrigins: (env.CORS_ORIGIN ?? `http://localhost:${port},http://127.0.0.1:${port}`)
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    /** Browsers treat http://localhost as secure; only plain-http test rigs turn this off. */
    cookieSecure: env.COOKIE_SECURE !== 'false',
    /** Behind one reverse proxy: client IPs (login throttling, sessions) come from X-Forwarded-For. */
    trustProxy: env.TRUST_PROXY === 'true',
    adminEmail: env.ADMIN_EMAIL?.toLowerCase() ?? null,
    dataDir: dataDirOf(env),
    /** Sends one instance works on at once; more are answered 503 `busy` with retryAfterMs (clients back off). */
    sendMaxInFlight: env.SEND_MAX_IN_FLIGHT ?? 500,
    frontendDir: env.FRONTEND_DIR ? resolve(env.FRONTEND_DIR) : join(PROJECT_ROOT, 'dist', 'frontend', 'browser'),
  };
});
export type AppConfig = ReturnType<typeof appConfig>;
