import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root, found from this file so it works from backend/src (tests) and dist/backend (built). */
export const PROJECT_ROOT = findProjectRoot();

function findProjectRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'backend', 'embedded-mongo', 'pom.xml'))) return dir;
  }
  return process.cwd();
}
