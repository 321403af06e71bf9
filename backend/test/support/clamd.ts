import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLAMD = '/usr/sbin/clamd';

/** The EICAR test file: harmless, and detected by every virus scanner as if it were a virus. */
export const EICAR = Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*');

export interface Clamd {
  socket: string;
  stop(): Promise<void>;
}

/**
 * ClamAV's real clamd (Debian's clamav-daemon) on a unix socket of its own. Without internet there is no
 * freshclam, so its database is one hash signature (an .hdb line md5:size:name) that detects the EICAR file.
 */
export async function startClamd(): Promise<Clamd> {
  if (!existsSync(CLAMD)) {
    throw new Error('clamd is not installed: apt-get install -y clamav-daemon (npm test installs it)');
  }
  const dir = mkdtempSync(join(tmpdir(), 'clamd-'));
  mkdirSync(join(dir, 'db'));
  const md5 = createHash('md5').update(EICAR).digest('hex');
  writeFileSync(join(dir, 'db', 'eicar.hdb'), `${md5}:${EICAR.length}:Eicar-Test-Signature\n`);
  const socket = join(dir, 'clamd.sock');
  writeFileSync(
    join(dir, 'clamd.conf'),
    [
      `LocalSocket ${socket}`,
      `DatabaseDirectory ${join(dir, 'db')}`,
      `TemporaryDirectory ${dir}`,
      'Foreground yes',
      'StreamMaxLength 100M',
      'LogFile /dev/null',
    ].join('\n') + '\n',
  );
  const clamd = spawn(CLAMD, ['--config-file', join(dir, 'clamd.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  clamd.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  await waitForPong(socket, clamd, () => errors);
  return {
    socket,
    async stop() {
      if (clamd.exitCode === null && clamd.signalCode === null) {
        clamd.kill('SIGTERM');
        await new Promise((resolve) => clamd.once('exit', resolve));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPong(socket: string, clamd: ChildProcess, errors: () => string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (clamd.exitCode !== null) throw new Error(`clamd exited (${clamd.exitCode}): ${errors()}`);
    if (existsSync(socket) && (await ping(socket))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  clamd.kill('SIGKILL');
  throw new Error(`clamd did not answer on ${socket}: ${errors()}`);
}

function ping(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const connection = createConnection(socket);
    let reply = '';
    connection.on('data', (data) => (reply += data.toString()));
    connection.on('end', () => resolve(reply.startsWith('PONG')));
    connection.on('error', () => resolve(false));
    connection.on('connect', () => connection.end('zPING\0'));
  });
}
