import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

import request from 'supertest';

/**
 * A port for a child process to listen on, outside the kernel's ephemeral range (32768–60999 on Linux). A port
 * from `listen(0)` is free only until it is closed: the next outgoing connection of any process may take it before
 * the child binds it (EADDRINUSE in CI). Ports below that range are never handed out by the kernel.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (issuedPorts.has(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer()
        .once('error', () => resolve(false))
        .listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) {
      issuedPorts.add(port);
      return port;
    }
  }
}
const issuedPorts = new Set<number>();

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
