import { registerAs } from '@nestjs/config';

import { loadDevelopmentSecret } from './dev-secrets';
import { dataDirOf, type EnvironmentVariables, loadEnv } from './env.validation';

export const authConfig = registerAs('auth', () => {
  const env = loadEnv();
  return {
    jwtSecret: env.JWT_SECRET ?? developmentOnlySecret(env),
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS ?? 15 * 60,
    refreshTokenTtlDays: 30,
    refreshIdleDays: 7,
    /** A rotated refresh token is still honoured this long, so tabs refreshing together don't log each other out. */
    refreshReuseIntervalSeconds: env.REFRESH_REUSE_INTERVAL_SECONDS ?? 10,
    rateLimit: env.AUTH_RATE_LIMIT ?? 20,
    rateWindowSeconds: env.AUTH_RATE_WINDOW_SECONDS ?? 60,
    /** PASSWORD_LOGIN=off: single sign-on is the only way in; password sign-in, sign-up and resets are refused. */
    passwordLogin: env.PASSWORD_LOGIN !== 'off',
  };
});
export type AuthConfig = ReturnType<typeof authConfig>;

function developmentOnlySecret(env: EnvironmentVariables): string {
  if (env.NODE_ENV === 'production') {
    throw new Error('JWT_SECRET must be set in production (at least 32 random characters).');
  }
  return loadDevelopmentSecret(dataDirOf(env), 'jwt-secret');
}
