import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, existsSync } from 'node:fs';
import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

import { NotFoundException } from '@nestjs/common';
import type { Response } from 'express';

import { attachmentHeader } from '../file-name';
import type { PutOptions, SendOptions, StorageDriver, StoredObject } from './storage-driver';

/** Media on local disk under data/media, served with Range support and private caching. */
export class LocalStorageDriver implements StorageDriver {
  readonly name = 'local' as const;

  constructor(private readonly dir: string) {}

  async putFile(path: string, options: PutOptions): Promise<StoredObject> {
    const key = await this.newKey(options);
    try {
      await rename(path, join(this.dir, key));
    } catch {
      // A different file system: copy instead.
      await copyFile(path, join(this.dir, key));
    }
    return { key };
  }

  async putBuffer(data: Buffer, options: PutOptions): Promise<StoredObject> {
    const key = await this.newKey(options);
    await writeFile(join(this.dir, key), data);
    return { key };
  }

  send(key: string, options: SendOptions, res: Response): Promise<void> {
    const path = join(this.dir, key);
    if (!existsSync(path)) throw new NotFoundException({ message: 'Media not found', code: 'media_not_found' });
    return new Promise((resolve, reject) => {
      // sendFile answers Range requests (206) and conditional requests (ETag, Last-Modified) itself.
      res.sendFile(
        path,
        {
          headers: {
            'Content-Type': options.mime,
            'Cache-Control': 'private, max-age=86400',
            'X-Content-Type-Options': 'nosniff',
            ...(options.downloadName ? { 'Content-Disposition': attachmentHeader(options.downloadName) } : {}),
          },
          dotfiles: 'deny',
        },
        (error) => (error && !res.headersSent ? reject(error) : resolve()),
      );
    });
  }

  async read(key: string): Promise<Readable> {
    const stream = createReadStream(join(this.dir, key));
    // Opened before it is handed over, so a missing file is an error here rather than in the middle of a download.
    await once(stream, 'open');
    return stream;
  }

  async delete(key: string): Promise<void> {
    await rm(join(this.dir, key), { force: true });
  }

  private async newKey(options: PutOptions): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    return `${randomBytes(16).toString('hex')}.${options.extension}`;
  }
}
