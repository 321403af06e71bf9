import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import { PROJECT_ROOT } from '../common/project-root';

export interface EmbeddedMongo {
  uri: string;
  stop(): Promise<void>;
}

export interface EmbeddedMongoOptions {
  /** H2 file that keeps the data across restarts; in memory when omitted. */
  file?: string;
  /** Database name put into the returned URI. */
  dbName?: string;
  startTimeoutMs?: number;
}

/** The embedded engine could not start; the message says what to install or set. */
export class EmbeddedMongoError extends Error {}

const LAUNCHER_DIR = join(PROJECT_ROOT, 'backend', 'embedded-mongo');
const JAR = join(LAUNCHER_DIR, 'target', 'embedded-mongo.jar');

/**
 * Starts mongo-java-server (see backend/embedded-mongo/) on 127.0.0.1 and a free port. The Java process watches
 * its stdin and exits when it closes, so it dies with this process even on SIGKILL: no orphans. It runs in a
 * process group of its own: a Ctrl-C (or a signal to our group) must not stop the engine under the app, which
 * still has to close its connection; the app stops it after that (stop()).
 */
export async function startEmbeddedMongo(options: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  ensureLauncherBuilt();
  const args = ['-Xss4m', '-jar', JAR, ...(options.file ? ['--file', options.file] : [])];
  const child = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  const port = await waitForReady(child, options.startTimeoutMs ?? 60_000);
  const uri = `mongodb://127.0.0.1:${port}/${options.dbName ?? 'chat'}`;
  return { uri, stop: () => stopProcess(child) };
}

/** Builds the launcher jar with Maven the first time (a few seconds once the artifacts are cached). */
export function ensureLauncherBuilt(): void {
  if (!commandExists('java')) {
    throw new EmbeddedMongoError(
      'The embedded MongoDB engine needs Java 17+: install a JDK (e.g. apt-get install openjdk-17-jdk-headless) or set MONGODB_URI to a real MongoDB.',
    );
  }
  if (existsSync(JAR)) return;
  if (!commandExists('mvn')) {
    throw new EmbeddedMongoError(
      'The embedded MongoDB engine is built with Maven: install it (e.g. apt-get install maven) or set MONGODB_URI to a real MongoDB.',
    );
  }
  const build = spawnSync('mvn', ['-q', '-B', 'package', '-DskipTests'], {
    cwd: LAUNCHER_DIR,
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (build.status !== 0 || !existsSync(JAR)) {
    const detail = (build.stdout + build.stderr).trim().split('\n').slice(-5).join(' ');
    throw new EmbeddedMongoError(`Building the embedded MongoDB engine with Maven failed: ${detail}`);
  }
}

function waitForReady(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    let stderr = '';
    const fail = (message: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new EmbeddedMongoError(message));
    };
    const timer = setTimeout(() => fail(`The embedded MongoDB engine did not start within ${timeoutMs} ms`), timeoutMs);
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    child.once('error', (error) => fail(`Could not run java for the embedded MongoDB engine: ${error.message}`));
    child.once('exit', (code) => fail(`The embedded MongoDB engine exited (code ${code}): ${stderr.trim()}`));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^READY (\d+)$/.exec(line.trim());
      if (!match) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolvePort(Number(match[1]));
    });
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(killer);
      done();
    });
    child.stdin!.end();
  });
}

function commandExists(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}
