import { registerAs } from '@nestjs/config';
import { loadDevelopmentSecret } from './dev-secrets';

export const authConfig = registerAs('auth', () => ({
  jwtSecret: process.env.JWT_SECRET ?? developmentOnlySecret(),
  accessTokenTtlSeconds: Number(process.env.ACCESS_TOKEN_TTL_SECONDS ?? 15 * 60),
  refreshTokenTtlDays: 30,
  refreshIdleDays: 7,
  /** A rotated refresh token is still honoured this long, so tabs refreshing together don't log each other out. */
  refreshReuseIntervalSeconds: Number(process.env.REFRESH_REUSE_INTERVAL_SECONDS ?? 10),
  rateLimit: Number(process.env.AUTH_RATE_LIMIT ?? 20),
  rateWindowSeconds: Number(process.env.AUTH_RATE_WINDOW_SECONDS ?? 60),
}));
export type AuthConfig = ReturnType<typeof authConfig>;

function developmentOnlySecret(): string {
  if (process.env.NODE_ENV === 'production') {
    throw new Error('JWT_SECRET must be set in production (at least 32 random characters).');
  }
  return loadDevelopmentSecret('jwt-secret');
}
