import { registerAs } from '@nestjs/config';

import { loadEnv } from './env.validation';

/** Requests each service token may make per minute (SERVICE_TOKEN_RATE_LIMIT, default 600) across /api/service. */
export const serviceTokensConfig = registerAs('serviceTokens', () => ({
  ratePerMinute: loadEnv().SERVICE_TOKEN_RATE_LIMIT ?? 600,
}));
export type ServiceTokensConfig = ReturnType<typeof serviceTokensConfig>;
