import 'reflect-metadata';

import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger as PinoLogger } from 'nestjs-pino';

import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import type { AllConfig } from './config';
import { EmbeddedMongoError } from './database/embedded-mongo';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(), { bufferLogs: true });
  app.useLogger(app.get(PinoLogger));
  configureApp(app);
  const { port, host } = app.get(ConfigService<AllConfig, true>).get('app', { infer: true });
  await app.listen(port, host);
  Logger.log(`Chat is running on http://localhost:${port} (API docs: http://localhost:${port}/api/docs)`, 'Bootstrap');
  // Later signals are ignored while stopping: `npm start` passes on the Ctrl-C that the terminal already sent us,
  // and dying half-way would leave the embedded engine behind. The shutdown deadline still bounds the wait.
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void shutdown(app, signal);
    });
  }
}

/**
 * Stop accepting connections, close sockets (clients reconnect elsewhere), let in-flight requests finish, then
 * close the database and stop the embedded engine: app.close() runs the modules' shutdown hooks in that order.
 */
async function shutdown(app: NestExpressApplication, signal: string): Promise<void> {
  Logger.log(`${signal} received, shutting down`, 'Bootstrap');
  const timer = setTimeout(() => process.exit(1), 20_000).unref();
  await app.close();
  clearTimeout(timer);
  process.exit(0);
}

bootstrap().catch((error: unknown) => {
  // One clear line for the errors a person can fix (missing Java, bad environment), a stack for the rest.
  const known =
    error instanceof EmbeddedMongoError || (error instanceof Error && /environment|must be set/i.test(error.message));
  console.error(known ? `Cannot start: ${(error as Error).message}` : error);
  process.exit(1);
});
