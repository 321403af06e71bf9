/**
 * A fresh clientId for a message. `crypto.randomUUID` exists only in secure contexts (https, localhost); a
 * self-hosted install reached over plain http on the office network still needs ids, so fall back to
 * `getRandomValues`, which works everywhere.
 */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
