import { registerAs } from '@nestjs/config';

import { loadEnv } from './env.validation';

/** Message retention: off unless RETENTION_DAYS is set (1 to 36,500). */
export const retentionConfig = registerAs('retention', () => ({
  /** Messages older than this many days are removed with their media; null keeps everything. */
  days: loadEnv().RETENTION_DAYS ?? null,
  /** How often the job looks for messages past the limit. */
  intervalMs: 60 * 60 * 1000,
  /** Messages removed per step; the job yields and renews its lease between steps. */
  chunkSize: 500,
}));
export type RetentionConfig = ReturnType<typeof retentionConfig>;
