import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import 'reflect-metadata';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import type { AllConfig } from './config';
import { EmbeddedMongoError } from './database/embedded-mongo';
import { Logger as PinoLogger } from 'nestjs-pino';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(), { bufferLogs: true });
  app.useLogger(app.get(PinoLogger));
  configureApp(app);
  const { port, host } = app.get(ConfigService<AllConfig, true>).get('app', { infer: true });
  await app.listen(port, host);
  Logger.log(`Chat is running on http://localhost:${port} (API docs: http://localhost:${port}/api/docs)`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  // One clear line for the errors a person can fix (missing Java, bad environment), a stack for the rest.
  const known =
    error instanceof EmbeddedMongoError || (error instanceof Error && /environment|must be set/i.test(error.message));
  console.error(known ? `Cannot start: ${(error as Error).message}` : error);
  process.exit(1);
});
