import { join } from 'node:path';

import { registerAs } from '@nestjs/config';

import { dataDirOf, loadEnv } from './env.validation';

export const databaseConfig = registerAs('database', () => {
  const env = loadEnv();
  return {
    /** A real MongoDB; when unset the embedded engine is started. */
    uri: env.MONGODB_URI ?? null,
    /** Where the embedded engine keeps its data; tests use memory (EMBEDDED_MONGO_IN_MEMORY=true). */
    embeddedFile: env.EMBEDDED_MONGO_IN_MEMORY === 'true' ? null : join(dataDirOf(env), 'mongo.mv'),
  };
});
export type DatabaseConfig = ReturnType<typeof databaseConfig>;
