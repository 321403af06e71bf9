import { registerAs } from '@nestjs/config';

import { loadEnv } from './env.validation';

export const redisConfig = registerAs('redis', () => ({
  /** Set to run several instances: Socket.IO events, presence and cache invalidation then go through Redis. */
  url: loadEnv().REDIS_URL ?? null,
}));
export type RedisConfig = ReturnType<typeof redisConfig>;
