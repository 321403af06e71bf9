import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { io } from 'socket.io-client';

import { PROJECT_ROOT } from '../src/common/project-root';
import { signUp } from './support/builders';
import { builtServer } from './support/built-server';
import { freePort, waitUntilReady } from './support/processes';

interface RunningServer {
  server: ChildProcess;
  baseUrl: string;
  /** The embedded engine's process id. */
  engine: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  cleanUp(): void;
}

/** The built server as operators run it, on an embedded engine with its data on disk, in a process group of its own. */
async function startServer(main: string): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-shutdown-'));
  const server = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      MONGODB_URI: '',
      JWT_SECRET: 'shutdown-test-secret-that-is-long-enough',
      COOKIE_SECURE: 'false',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    server.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const cleanUp = () => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(baseUrl, server);
  } catch (error) {
    cleanUp();
    throw error;
  }
  const engine = spawnSync('pgrep', ['-P', String(server.pid), 'java'], { encoding: 'utf8' }).stdout.trim();
  return { server, baseUrl, engine, exited, cleanUp };
}

const isRunning = (pid: string) => spawnSync('ps', ['-p', pid], { encoding: 'utf8' }).status === 0;

describe('Graceful shutdown (built server process)', () => {
  let main: string;
  beforeAll(async () => {
    main = await builtServer();
  }, 300_000);

  it('on SIGTERM closes sockets so clients reconnect, exits cleanly and stops the embedded engine', async () => {
    const { server, baseUrl, engine, exited, cleanUp } = await startServer(main);
    try {
      expect(engine).not.toBe('');
      const user = await signUp(baseUrl);
      const socket = io(baseUrl, { auth: { token: user.accessToken }, transports: ['websocket'], reconnection: false });
      await new Promise((resolve) => socket.once('connect', () => resolve(undefined)));
      const reason = new Promise((resolve) => socket.once('disconnect', resolve));

      server.kill('SIGTERM');
      // "transport close" is the hint: socket.io-client retries that on its own; "io server disconnect" it does not.
      expect(await reason).toBe('transport close');
      expect(await exited).toEqual({ code: 0, signal: null });
      expect(isRunning(engine)).toBe(false);
      socket.close();
    } finally {
      cleanUp();
    }
  });

  // A bound, not a benchmark: a rolling restart must not wait seconds for the engine. Ctrl-C signals the whole
  // process group, and `npm start` passes the same signal on once more.
  it.each([
    ['SIGTERM to the server', (server: ChildProcess) => server.kill('SIGTERM')],
    [
      'Ctrl-C: SIGINT to the process group, then once more to the server',
      (server: ChildProcess) => {
        process.kill(-server.pid!, 'SIGINT');
        server.kill('SIGINT');
      },
    ],
  ])(
    'exits with 0 within 2 s, its engine gone, every time (%s)',
    async (_how, stop) => {
      for (let run = 0; run < 4; run++) {
        const { server, baseUrl, engine, exited, cleanUp } = await startServer(main);
        try {
          const user = await signUp(baseUrl);
          const socket = io(baseUrl, {
            auth: { token: user.accessToken },
            transports: ['websocket'],
            reconnection: false,
          });
          await new Promise((resolve) => socket.once('connect', () => resolve(undefined)));

          const startedAt = Date.now();
          stop(server);
          const result = await exited;
          // Gone, not only exited: an orphaned engine lingers as a zombie until init reaps it.
          while (isRunning(engine) && Date.now() - startedAt < 10_000) await new Promise((r) => setTimeout(r, 20));
          const elapsedMs = Date.now() - startedAt;
          expect({ run, result, engineRunning: isRunning(engine), within2s: elapsedMs < 2_000 }).toEqual({
            run,
            result: { code: 0, signal: null },
            engineRunning: false,
            within2s: true,
          });
          socket.close();
        } finally {
          cleanUp();
        }
      }
    },
    120_000,
  );
});

describe('npm start (as a container or service manager runs it)', () => {
  it('stops the server and the embedded engine when only the npm process gets SIGTERM', async () => {
    await builtServer();
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'chat-npm-start-'));
    const ours = () => spawnSync('pgrep', ['-f', dataDir], { encoding: 'utf8' }).stdout.trim();
    const npm = spawn('npm', ['start'], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        MONGODB_URI: '',
        JWT_SECRET: 'npm-start-test-secret-that-is-long-enough',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'test',
      },
      stdio: 'ignore',
    });
    try {
      await waitUntilReady(`http://127.0.0.1:${port}`, npm);
      expect(ours()).not.toBe('');
      const exited = new Promise((resolve) => npm.once('exit', resolve));
      npm.kill('SIGTERM');
      await exited;
      // The server and its engine follow (the engine is started with the data directory on its command line).
      for (let i = 0; i < 100 && ours() !== ''; i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(ours()).toBe('');
    } finally {
      for (const pid of ours().split('\n').filter(Boolean)) spawnSync('kill', ['-KILL', pid]);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
