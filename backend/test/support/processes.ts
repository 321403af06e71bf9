import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

import request from 'supertest';

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls readiness until the server answers (or exits, or a minute passes). */
export async function waitUntilReady(baseUrl: string, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 300 && server.exitCode === null && server.signalCode === null; i++) {
    const ok = await request(baseUrl)
      .get('/api/health/ready')
      .then(
        (r) => r.status === 200,
        () => false,
      );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server at ${baseUrl} did not become ready`);
}

/** A Redis server from Debian's redis-server on a free loopback port, without persistence. */
export async function startRedis(): Promise<{ url: string; stop(): void }> {
  const port = await freePort();
  const redis = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    redis.once('error', () => reject(new Error('redis-server is not installed (apt-get install redis-server)')));
    redis.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Ready to accept connections')) resolve();
    });
    redis.once('exit', (code) => reject(new Error(`redis-server exited (${code})`)));
  });
  return { url: `redis://127.0.0.1:${port}`, stop: () => redis.kill('SIGKILL') };
}
