import { registerAs } from '@nestjs/config';

import { loadEnv } from './env.validation';

export const logConfig = registerAs('log', () => {
  const env = loadEnv();
  return {
    /** pino level; tests are silent unless asked. */
    level: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    /** Human-readable lines (pino-pretty) instead of JSON, for development. */
    pretty: env.LOG_PRETTY === 'true',
  };
});
export type LogConfig = ReturnType<typeof logConfig>;
