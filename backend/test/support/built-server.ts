import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PROJECT_ROOT } from '../../src/common/project-root';
import { freePort, waitUntilReady } from './processes';

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

export interface BuiltServer {
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * Runs the built server on 127.0.0.1 and a free port, on a database of its own in the engine of the Jest global
 * setup; `env` adds or overrides settings. Throws with the server's error output when it does not become ready.
 */
export async function startBuiltServer(env: Record<string, string> = {}): Promise<BuiltServer> {
  const main = await builtServer();
  const baseUri = process.env.TEST_MONGODB_URI;
  if (!baseUri) throw new Error('TEST_MONGODB_URI is unset: run the tests through Jest (global setup)');
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-built-'));
  const server = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      MONGODB_URI: baseUri.replace(/\/[^/?]*(\?|$)/, `/test_${randomBytes(6).toString('hex')}$1`),
      JWT_SECRET: 'built-server-test-secret-that-is-long-enough',
      COOKIE_SECURE: 'false',
      AUTH_RATE_LIMIT: '100000',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  server.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise((resolve) => server.once('exit', resolve));
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(baseUrl, server);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${errors}`);
  }
  return { baseUrl, stop };
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
