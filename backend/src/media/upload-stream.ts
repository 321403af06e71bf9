import { createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { BadRequestException, HttpException, HttpStatus, PayloadTooLargeException } from '@nestjs/common';
import Busboy from 'busboy';
import type { Request } from 'express';

import { SIGNATURE_BYTES } from './file-signature';

export interface ReceivedFile {
  /** Temporary file holding the upload; the caller moves or deletes it. */
  path: string;
  size: number;
  /** The name the client gave the file (untrusted: for display only, once sanitized). */
  filename: string | undefined;
}

/**
 * Streams the multipart field `file` to a temporary file, never holding it in memory. Once the first bytes are
 * in, `limitFor(head)` judges the type (throwing 415 for anything unsupported) and gives its size limit; the
 * upload stops as soon as it passes that (413). On any failure the partial file is deleted.
 */
export function receiveFile(
  req: Request,
  tempPath: string,
  maxBytes: number,
  limitFor: (head: Buffer) => Promise<number>,
): Promise<ReceivedFile> {
  return new Promise((resolve, reject) => {
    let busboy: Busboy.Busboy;
    try {
      busboy = Busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { files: 1, fileSize: maxBytes, fields: 5, parts: 6 },
      });
    } catch {
      return reject(
        new BadRequestException({
          message: 'Send the file as multipart/form-data, field "file"',
          code: 'not_multipart',
        }),
      );
    }
    let received: Promise<ReceivedFile> | null = null;

    busboy.on('file', (field, stream, info) => {
      if (field !== 'file' || received) {
        stream.resume();
        return;
      }
      let size = 0;
      let head = Buffer.alloc(0);
      let limit: number | null = null;
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          size += chunk.length;
          if (head.length < SIGNATURE_BYTES) head = Buffer.concat([head, chunk]).subarray(0, SIGNATURE_BYTES);
          const judged = limit === null && head.length >= SIGNATURE_BYTES ? limitFor(head) : Promise.resolve(limit);
          judged.then((found) => {
            limit = found;
            callback(limit !== null && size > limit ? tooLarge(limit) : null, chunk);
          }, callback);
        },
        flush(callback) {
          const judged = limit === null && size > 0 ? limitFor(head) : Promise.resolve(limit);
          judged.then((found) => {
            limit = found;
            callback(limit !== null && size > limit ? tooLarge(limit) : null);
          }, callback);
        },
      });
      let truncated = false;
      stream.on('limit', () => (truncated = true));
      received = pipeline(stream, counter, createWriteStream(tempPath)).then(() => {
        if (truncated) throw tooLarge(maxBytes);
        if (size === 0) throw new BadRequestException({ message: 'The file is empty', code: 'empty_file' });
        return { path: tempPath, size, filename: info.filename };
      });
      received.catch(fail);
    });
    busboy.on('error', (error) => fail(error));
    busboy.on('close', () => {
      if (!received) return fail(new BadRequestException({ message: 'No file in field "file"', code: 'no_file' }));
      received.then(resolve, () => undefined);
    });
    req.on('aborted', () => fail(new HttpException('Upload aborted', HttpStatus.BAD_REQUEST)));
    req.pipe(busboy);

    let failed = false;
    function fail(error: unknown) {
      if (failed) return;
      failed = true;
      // Stop parsing, but read (and drop) the rest of the body so the client gets the answer, not a reset.
      req.unpipe(busboy);
      req.resume();
      const answer =
        error instanceof HttpException
          ? error
          : new BadRequestException({ message: 'The upload could not be read', code: 'bad_upload' });
      // Answer only once the partial file is gone: nothing is left behind when the client hears back.
      void unlink(tempPath)
        .catch(() => undefined)
        .then(() => reject(answer));
    }
  });
}

export function tooLarge(maxBytes: number): PayloadTooLargeException {
  return new PayloadTooLargeException({
    message: `The file is too large (limit ${Math.round(maxBytes / 1024 / 1024)} MB)`,
    code: 'file_too_large',
  });
}
