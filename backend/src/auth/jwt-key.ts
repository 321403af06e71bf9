import { createSecretKey, type KeyObject } from 'node:crypto';

/**
 * The HS256 secret as a key object, made once. Given a string, jsonwebtoken makes this same key on every sign and
 * verify, after first trying to read the string as a public or private key (a thrown error, stack trace and all).
 */
export const jwtKeyOf = (secret: string): KeyObject => createSecretKey(Buffer.from(secret));
