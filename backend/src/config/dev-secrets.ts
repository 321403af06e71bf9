import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Development secrets are generated on first start and kept under data/, never in the repository. */
export function loadDevelopmentSecret(name: string): string {
  const dir = resolve(process.env.DATA_DIR ?? 'data');
  const file = join(dir, `${name}.txt`);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
