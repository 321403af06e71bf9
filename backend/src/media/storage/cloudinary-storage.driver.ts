import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';

import { BadGatewayException } from '@nestjs/common';
import { type UploadApiResponse, v2 as cloudinary } from 'cloudinary';
import type { Response } from 'express';

import type { MediaKind } from '../../contracts/messages';
import type { PutOptions, SendOptions, StorageDriver, StoredObject } from './storage-driver';

export interface CloudinarySettings {
  /** cloudinary://<api key>:<api secret>@<cloud name> */
  url: string;
  uploadPrefix: string | null;
  signedUrlTtlSeconds: number;
}

/**
 * Media on Cloudinary, uploaded as "authenticated" assets (not publicly listable or fetchable). Reads are
 * answered with a redirect to a signed download URL that expires after a few minutes.
 */
export class CloudinaryStorageDriver implements StorageDriver {
  readonly name = 'cloudinary' as const;

  constructor(private readonly settings: CloudinarySettings) {
    const url = new URL(settings.url);
    cloudinary.config({
      cloud_name: url.hostname,
      api_key: decodeURIComponent(url.username),
      api_secret: decodeURIComponent(url.password),
      secure: true,
      ...(settings.uploadPrefix ? { upload_prefix: settings.uploadPrefix } : {}),
    });
  }

  putFile(path: string, options: PutOptions): Promise<StoredObject> {
    return this.upload(createReadStream(path), options);
  }

  putBuffer(data: Buffer, options: PutOptions): Promise<StoredObject> {
    return this.upload(Readable.from([data]), options);
  }

  async send(key: string, options: SendOptions, res: Response): Promise<void> {
    const expiresAt = Math.floor(Date.now() / 1000) + this.settings.signedUrlTtlSeconds;
    const url = cloudinary.utils.private_download_url(key, options.extension, {
      resource_type: resourceType(options.kind),
      type: 'authenticated',
      expires_at: expiresAt,
      ...(options.downloadName ? { attachment: true } : {}),
    });
    res.setHeader('Cache-Control', 'private, no-store');
    res.redirect(302, url);
  }

  async read(key: string, options: PutOptions): Promise<Readable> {
    const url = cloudinary.utils.private_download_url(key, options.extension, {
      resource_type: resourceType(options.kind),
      type: 'authenticated',
      expires_at: Math.floor(Date.now() / 1000) + this.settings.signedUrlTtlSeconds,
    });
    const response = await fetch(url);
    if (!response.ok || !response.body) {
      throw new BadGatewayException({ message: 'The media store did not return the file', code: 'storage_failed' });
    }
    return Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
  }

  async delete(key: string, options: Pick<PutOptions, 'kind'>): Promise<void> {
    await cloudinary.uploader.destroy(key, {
      resource_type: resourceType(options.kind),
      type: 'authenticated',
      invalidate: true,
    });
  }

  private upload(source: Readable, options: PutOptions): Promise<StoredObject> {
    return new Promise((resolve, reject) => {
      const upload = cloudinary.uploader.upload_stream(
        { resource_type: resourceType(options.kind), type: 'authenticated', folder: 'chat' },
        (error, result?: UploadApiResponse) => {
          if (error || !result) {
            reject(new BadGatewayException({ message: 'The media store refused the upload', code: 'storage_failed' }));
          } else {
            resolve({ key: result.public_id });
          }
        },
      );
      source.on('error', reject).pipe(upload);
    });
  }
}

/** Cloudinary keeps sound under "video" and any other file as "raw". */
function resourceType(kind: MediaKind): 'image' | 'video' | 'raw' {
  if (kind === 'image') return 'image';
  return kind === 'file' ? 'raw' : 'video';
}
