import type { Readable } from 'node:stream';

import type { Response } from 'express';

import type { MediaKind } from '../../contracts/messages';

export interface StoredObject {
  /** Where the driver keeps it (a file name, or a Cloudinary public id). */
  key: string;
}

export interface PutOptions {
  kind: MediaKind;
  mime: string;
  extension: string;
}

export interface SendOptions extends PutOptions {
  /** Offered as a download under this name (Content-Disposition: attachment), never shown inline. */
  downloadName?: string;
}

/**
 * Where media bytes live. The local driver writes under data/media; the Cloudinary driver uploads to a private
 * ("authenticated") Cloudinary asset and answers reads with a short-lived signed URL.
 */
export interface StorageDriver {
  readonly name: 'local' | 'cloudinary';
  /** Stores a file from disk (streamed, never buffered whole). */
  putFile(path: string, options: PutOptions): Promise<StoredObject>;
  putBuffer(data: Buffer, options: PutOptions): Promise<StoredObject>;
  /** Answers a GET for the object: the bytes (with Range support) or a redirect to a signed URL. */
  send(key: string, options: SendOptions, res: Response): Promise<void>;
  /** The object's bytes as a stream (the personal data export). */
  read(key: string, options: PutOptions): Promise<Readable>;
  delete(key: string, options: Pick<PutOptions, 'kind'>): Promise<void>;
}

export const STORAGE_DRIVER = Symbol('STORAGE_DRIVER');
