import { Global, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectConnection, MongooseModule } from '@nestjs/mongoose';
import mongoose, { type Connection } from 'mongoose';

import type { AllConfig } from '../config';
import { EmbeddedMongoHolder } from './embedded-mongo.holder';

// Body values such as {"$gt": ""} must never turn into query operators, and a filter on a field the schema
// doesn't know must fail instead of silently matching everything.
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', 'throw');

/**
 * Resolves once every model's collection and indexes exist. `Model.init()` runs once and hands every caller the
 * same promise, so a module whose onModuleInit reads the database before this module's hook has run (Nest calls
 * deeper modules first) can wait for the same work instead of racing it.
 */
export function collectionsReady(connection: Connection): Promise<unknown> {
  return Promise.all(Object.values(connection.models).map((model) => model.init()));
}

@Global()
@Module({
  providers: [EmbeddedMongoHolder],
  exports: [EmbeddedMongoHolder],
})
class EmbeddedMongoModule {}

@Module({
  imports: [
    EmbeddedMongoModule,
    MongooseModule.forRootAsync({
      inject: [ConfigService, EmbeddedMongoHolder],
      useFactory: async (config: ConfigService<AllConfig, true>, embedded: EmbeddedMongoHolder) => {
        const { uri, embeddedFile } = config.get('database', { infer: true });
        const resolvedUri = uri ?? (await embedded.start(embeddedFile));
        return { uri: resolvedUri, autoIndex: true, serverSelectionTimeoutMS: 10_000 };
      },
    }),
  ],
})
export class DatabaseModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseModule.name);
  constructor(
    private readonly embedded: EmbeddedMongoHolder,
    @InjectConnection() private readonly connection: Connection,
  ) {}

  /**
   * Every collection and index exists before the first write: unique keys must hold from the start, and the
   * embedded engine fails a write that implicitly creates a collection while Mongoose's autoCreate is creating it
   * ("Unknown error: null"). Nest finishes every module's onModuleInit before any onApplicationBootstrap, so
   * start-up writes (ADMIN_EMAIL) belong in onApplicationBootstrap and requests come later still.
   */
  async onModuleInit(): Promise<void> {
    await collectionsReady(this.connection);
  }

  async onApplicationShutdown(): Promise<void> {
    // Mongoose closes its connection in the same hook; give it a moment before the engine goes away.
    await new Promise((resolve) => setImmediate(resolve));
    await this.embedded.stop();
    this.logger.debug('database stopped');
  }
}
