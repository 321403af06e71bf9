import * as argon2 from 'argon2';

// argon2id with OWASP's second recommended setting (19 MiB, t=2, p=1).
const OPTIONS = { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** Verifying against this when the account doesn't exist keeps the response time from revealing that. */
export const DUMMY_PASSWORD_HASH = hashPassword('not-a-real-password');
