import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PROJECT_ROOT } from '../../src/common/project-root';

const MAIN = join(PROJECT_ROOT, 'dist', 'backend', 'main.js');
const SOURCES = ['backend/src', 'nest-cli.json', 'package.json', 'tsconfig.json'];
// One build at a time across Jest workers: `nest build` empties dist/ first, under a server another suite runs.
const LOCK = join(tmpdir(), `chat-nest-build-${createHash('sha1').update(PROJECT_ROOT).digest('hex').slice(0, 12)}`);

/**
 * The built server (dist/backend/main.js) for suites that run it as operators do. Builds it when it is missing or
 * older than the sources, and throws when the build fails: such a suite never skips silently.
 */
export async function builtServer(): Promise<string> {
  while (!tryLock()) await new Promise((resolve) => setTimeout(resolve, 200));
  try {
    if (isStale()) {
      const build = spawnSync(join(PROJECT_ROOT, 'node_modules', '.bin', 'nest'), ['build'], {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
        timeout: 300_000,
      });
      if (build.status !== 0 || !existsSync(MAIN)) {
        throw new Error(`nest build failed (${build.status}):\n${build.stdout}\n${build.stderr}`);
      }
    }
    return MAIN;
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function tryLock(): boolean {
  try {
    mkdirSync(LOCK);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // A lock older than any build was left by a killed run.
    const age = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > 600_000) rmSync(LOCK, { recursive: true, force: true });
    return false;
  }
}

function isStale(): boolean {
  return !existsSync(MAIN) || statSync(MAIN).mtimeMs < Math.max(...SOURCES.map((p) => newest(join(PROJECT_ROOT, p))));
}

function newest(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}
