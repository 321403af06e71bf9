import { Injectable, Logger } from '@nestjs/common';

import { type EmbeddedMongo, startEmbeddedMongo } from './embedded-mongo';

/** Owns the embedded engine process when MONGODB_URI is unset, so the app can stop it on shutdown. */
@Injectable()
export class EmbeddedMongoHolder {
  private readonly logger = new Logger('EmbeddedMongo');
  private engine: EmbeddedMongo | null = null;

  async start(file: string | null): Promise<string> {
    this.engine = await startEmbeddedMongo({ file: file ?? undefined });
    this.logger.log(`embedded MongoDB engine (${file ? `file ${file}` : 'in memory'}) at ${this.engine.uri}`);
    return this.engine.uri;
  }

  async stop(): Promise<void> {
    await this.engine?.stop();
    this.engine = null;
  }
}
