import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { PROJECT_ROOT } from '../src/common/project-root';
import { signUp } from './support/builders';
import { freePort, waitUntilReady } from './support/processes';

const MAIN = join(PROJECT_ROOT, 'dist', 'backend', 'main.js');

/** The built server as operators run it (`npm run build` makes dist/; npm test builds it first). */
(existsSync(MAIN) ? describe : describe.skip)('Graceful shutdown (built server process)', () => {
  it('on SIGTERM closes sockets so clients reconnect, exits cleanly and stops the embedded engine', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'chat-shutdown-'));
    const server = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        EMBEDDED_MONGO_IN_MEMORY: 'true',
        MONGODB_URI: '',
        JWT_SECRET: 'shutdown-test-secret-that-is-long-enough',
        COOKIE_SECURE: 'false',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'test',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const baseUrl = `http://127.0.0.1:${port}`;
    try {
      await waitUntilReady(baseUrl, server);
      const engine = spawnSync('pgrep', ['-P', String(server.pid), 'java'], { encoding: 'utf8' }).stdout.trim();
      expect(engine).not.toBe('');

      const user = await signUp(baseUrl);
      const socket = io(baseUrl, { auth: { token: user.accessToken }, transports: ['websocket'], reconnection: false });
      await new Promise((resolve) => socket.once('connect', () => resolve(undefined)));
      const reason = new Promise((resolve) => socket.once('disconnect', resolve));

      server.kill('SIGTERM');
      // "transport close" is the hint: socket.io-client retries that on its own; "io server disconnect" it does not.
      expect(await reason).toBe('transport close');
      const code = await new Promise((resolve) => server.once('exit', (c) => resolve(c)));
      expect(code).toBe(0);
      expect(spawnSync('ps', ['-p', engine], { encoding: 'utf8' }).status).not.toBe(0);
      socket.close();
    } finally {
      if (server.exitCode === null) server.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
