import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** What a single sign-on session keeps from the IdP: to refresh there, and to end the IdP session at logout. */
export interface IdpTokens {
  refreshToken: string | null;
  idToken: string | null;
}

/** A key of its own for the stored IdP tokens, derived from the app's secret. */
export function idpTokensKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'chat', 'idp-tokens', 32));
}

/** AES-256-GCM, so a database dump alone does not hand out the IdP's refresh tokens. */
export function sealIdpTokens(tokens: IdpTokens, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(tokens), 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((part) => part.toString('base64url')).join('.');
}

/** The tokens again; null when the value was not sealed with this key (say, after JWT_SECRET changed). */
export function openIdpTokens(sealed: string, key: Buffer): IdpTokens | null {
  try {
    const [iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    return JSON.parse(Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8')) as IdpTokens;
  } catch {
    return null;
  }
}
