import { createReadStream } from 'node:fs';
import { createConnection } from 'node:net';

import { HttpStatus, Logger, ServiceUnavailableException } from '@nestjs/common';

export type ScanResult = { clean: true } | { clean: false; signature: string };

const SCAN_TIMEOUT_MS = 60_000;
/** How long a client waits before trying again after the scanner could not be reached. */
export const SCANNER_RETRY_AFTER_SECONDS = 30;

/**
 * Scans a file with ClamAV's clamd over its unix socket (the INSTREAM command: the bytes go in length-prefixed
 * chunks, so clamd needs no access to our files). Fails closed: whatever keeps clamd from answering "OK" or
 * "FOUND" (not running, a timeout, a refused stream) is a 503 with Retry-After.
 */
export class ClamdScanner {
  private readonly logger = new Logger(ClamdScanner.name);

  constructor(private readonly socketPath: string) {}

  async scan(path: string): Promise<ScanResult> {
    let reply: string;
    try {
      reply = await this.instream(path);
    } catch (error) {
      this.logger.error(`clamd at ${this.socketPath} could not scan: ${(error as Error).message}`);
      throw unavailable();
    }
    const found = /^stream: (.+) FOUND$/.exec(reply);
    if (found) return { clean: false, signature: found[1] };
    if (reply === 'stream: OK') return { clean: true };
    this.logger.error(`clamd at ${this.socketPath} answered: ${reply}`);
    throw unavailable();
  }

  private instream(path: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = createConnection(this.socketPath);
      const chunks: Buffer[] = [];
      const fail = (error: Error) => {
        socket.destroy();
        reject(error);
      };
      socket.setTimeout(SCAN_TIMEOUT_MS, () => fail(new Error('timed out')));
      socket.on('error', fail);
      socket.on('data', (data: Buffer) => chunks.push(data));
      socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8').replace(/\0$/, '').trim()));
      socket.on('connect', () => {
        socket.write('zINSTREAM\0');
        const file = createReadStream(path);
        file.on('error', fail);
        file.on('data', (chunk) => {
          const size = Buffer.alloc(4);
          size.writeUInt32BE(chunk.length);
          if (!socket.write(Buffer.concat([size, chunk as Buffer]))) {
            file.pause();
            socket.once('drain', () => file.resume());
          }
        });
        file.on('end', () => socket.end(Buffer.alloc(4)));
      });
    });
  }
}

function unavailable(): ServiceUnavailableException {
  return new ServiceUnavailableException({
    statusCode: HttpStatus.SERVICE_UNAVAILABLE,
    message: 'Uploads cannot be checked for viruses right now; try again shortly',
    code: 'virus_scan_unavailable',
    retryAfterMs: SCANNER_RETRY_AFTER_SECONDS * 1000,
  });
}

/** The ClamdScanner when CLAMAV_SOCKET is set, null otherwise. */
export const VIRUS_SCANNER = Symbol('VIRUS_SCANNER');
