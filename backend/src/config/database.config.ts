import { registerAs } from '@nestjs/config';
import { join, resolve } from 'node:path';

export const databaseConfig = registerAs('database', () => ({
  /** A real MongoDB; when unset the embedded engine is started. */
  uri: process.env.MONGODB_URI || null,
  /** Where the embedded engine keeps its data; tests use memory (EMBEDDED_MONGO_IN_MEMORY=true). */
  embeddedFile:
    process.env.EMBEDDED_MONGO_IN_MEMORY === 'true' ? null : join(resolve(process.env.DATA_DIR ?? 'data'), 'mongo.mv'),
}));
export type DatabaseConfig = ReturnType<typeof databaseConfig>;
