import { BadRequestException } from '@nestjs/common';

/** Cursors are opaque to clients: base64url of the sort key of the last item of a page. */
export function encodeCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

/** The sort key of a cursor; 400 `invalid_cursor` when it is not one (`isKey` says what a key looks like). */
export function decodeCursor(cursor: string, isKey: (key: string) => boolean = (key) => key !== ''): string {
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!isKey(key)) throw new BadRequestException({ message: 'cursor is invalid', code: 'invalid_cursor' });
  return key;
}
