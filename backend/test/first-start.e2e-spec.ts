import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { builtServer } from './support/built-server';
import { freePort, waitUntilReady } from './support/processes';

describe('First start (built server process)', () => {
  let main: string;
  beforeAll(async () => {
    main = await builtServer();
  }, 300_000);

  // Start-up writes (ADMIN_EMAIL) used to race the creation of collections and indexes on an empty database.
  it('comes up on an empty data directory with ADMIN_EMAIL set, 20 times in a row', async () => {
    const outcomes: string[] = [];
    for (let run = 0; run < 20; run++) {
      const port = await freePort();
      const dataDir = mkdtempSync(join(tmpdir(), 'chat-first-start-'));
      const server = spawn(process.execPath, [main], {
        env: {
          ...process.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          MONGODB_URI: '',
          ADMIN_EMAIL: 'boss@example.com',
          JWT_SECRET: 'first-start-test-secret-that-is-long-enough',
          COOKIE_SECURE: 'false',
          LOG_LEVEL: 'warn',
          NODE_ENV: 'test',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      server.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise((resolve) => server.once('exit', resolve));
      try {
        await waitUntilReady(`http://127.0.0.1:${port}`, server);
        outcomes.push('up');
      } catch {
        outcomes.push(`run ${run} did not come up: ${stderr.slice(0, 300)}`);
      } finally {
        server.kill('SIGTERM');
        await exited;
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
    expect(outcomes).toEqual(Array(20).fill('up'));
  }, 300_000);
});
