import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { getConnectionToken } from '@nestjs/mongoose';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import type { Connection } from 'mongoose';

import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';

/** The apps' signing secret, for specs that sign what the app would (an unsubscribe link). */
export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-0123456789';

export interface TestApp {
  app: NestExpressApplication;
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  /** http://localhost:<port>: browsers send Secure cookies to localhost over plain http. */
  browserUrl: string;
  /** The app's database, for another app on the same data (MONGODB_URI). */
  mongodbUri: string;
  close(): Promise<void>;
}

/**
 * Boots the real application on 127.0.0.1 and a free port, on a database of its own in the engine started by
 * the Jest global setup. `env` overrides settings for this app only.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const baseUri = process.env.TEST_MONGODB_URI;
  if (!baseUri) throw new Error('TEST_MONGODB_URI is unset: run the tests through Jest (global setup)');
  const dbName = `test_${randomBytes(6).toString('hex')}`;
  const saved = { ...process.env };
  // Files the app writes (mails without SMTP_URL, uploads) go to a directory of its own, not the developer's data/.
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-test-'));
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    MONGODB_URI: baseUri.replace(/\/[^/?]*(\?|$)/, `/${dbName}$1`),
    JWT_SECRET: TEST_JWT_SECRET,
    COOKIE_SECURE: 'false',
    AUTH_RATE_LIMIT: '100000',
    ...env,
  });
  try {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.register()] }).compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: ['error', 'warn'] });
    configureApp(app);
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    return {
      app,
      baseUrl: `http://127.0.0.1:${port}`,
      browserUrl: `http://localhost:${port}`,
      mongodbUri: process.env.MONGODB_URI!,
      async close() {
        await app.get<Connection>(getConnectionToken()).dropDatabase();
        await app.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } finally {
    process.env = saved;
  }
}
