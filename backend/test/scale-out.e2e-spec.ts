import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { bearer, signUp, type SignedUp } from './support/builders';
import { builtServer } from './support/built-server';
import { freePort, startRedis, waitUntilReady } from './support/processes';
import { connect, emitWithAck, settle, type TestSocket } from './support/sockets';

/**
 * Two real instances of the built server on one database and one Redis, as behind a load balancer: A talks to
 * instance 1, B to instance 2.
 */
describe('Scale-out on Redis (two server processes)', () => {
  let redis: { url: string; stop(): void };
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-scale-'));
  const mongoUri = process.env.TEST_MONGODB_URI!.replace(
    /\/[^/?]*(\?|$)/,
    `/scale_${randomBytes(4).toString('hex')}$1`,
  );
  let main: string;
  const instances: ChildProcess[] = [];
  const sockets: TestSocket[] = [];

  const startInstance = async (port: number) => {
    const server = spawn(process.execPath, [main], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        MONGODB_URI: mongoUri,
        REDIS_URL: redis.url,
        DATA_DIR: dataDir,
        JWT_SECRET: 'scale-out-test-secret-that-is-long-enough',
        COOKIE_SECURE: 'false',
        AUTH_RATE_LIMIT: '100000',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'test',
      },
      stdio: 'ignore',
    });
    instances.push(server);
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitUntilReady(baseUrl, server);
    return { server, baseUrl };
  };
  const open = async (baseUrl: string, who: SignedUp) => {
    const socket = await connect(baseUrl, who.accessToken);
    sockets.push(socket);
    return socket;
  };
  const count = (socket: TestSocket, event: string, match: (p: any) => boolean) =>
    socket.received(event).filter(match).length;

  beforeAll(async () => {
    main = await builtServer();
    redis = await startRedis();
  }, 300_000);
  afterAll(() => {
    sockets.forEach((s) => s.close());
    instances.forEach((server) => server.kill('SIGKILL'));
    redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('carries friend events, presence and messages across instances exactly once, and survives an instance crash', async () => {
    const [port1, port2] = [await freePort(), await freePort()];
    let one = await startInstance(port1);
    const two = await startInstance(port2);
    const a = await signUp(one.baseUrl);
    const b = await signUp(two.baseUrl);
    const sb = await open(two.baseUrl, b);
    let sa = await open(one.baseUrl, a);

    const req = await request(one.baseUrl)
      .post('/api/friends/requests')
      .set(bearer(a.accessToken))
      .send({ to: b.user.id })
      .expect(201);
    await sb.next('friend:request', (p) => p.request.id === req.body.id);
    await request(two.baseUrl)
      .post(`/api/friends/requests/${req.body.id}/accept`)
      .set(bearer(b.accessToken))
      .expect(200);
    await sa.next('friend:added', (p) => p.user.id === b.user.id);
    await sa.next('presence:update', (p) => p.userId === b.user.id && p.online);

    const conversation = await request(one.baseUrl)
      .post('/api/conversations')
      .set(bearer(a.accessToken))
      .send({ userId: b.user.id })
      .expect(200);
    const conversationId = conversation.body.id;
    const fromA = await emitWithAck(sa.socket, 'message:send', {
      conversationId,
      clientId: 'scale-a-1',
      text: 'hi from 1',
    });
    const fromB = await emitWithAck(sb.socket, 'message:send', {
      conversationId,
      clientId: 'scale-b-1',
      text: 'hi from 2',
    });
    await sb.next('message:new', (p) => p.message.id === fromA.message.id);
    await sa.next('message:new', (p) => p.message.id === fromB.message.id);

    await settle(500);
    expect(count(sb, 'friend:request', (p) => p.request.id === req.body.id)).toBe(1);
    expect(count(sa, 'friend:added', () => true)).toBe(1);
    expect(count(sb, 'message:new', (p) => p.message.id === fromA.message.id)).toBe(1);
    expect(count(sa, 'message:new', (p) => p.message.id === fromB.message.id)).toBe(1);
    expect(count(sb, 'message:new', (p) => p.message.id === fromB.message.id)).toBe(1);

    // Instance 1 dies without a word: A must go offline for B within 15 seconds.
    const crashedAt = Date.now();
    one.server.kill('SIGKILL');
    await sb.next('presence:update', (p) => p.userId === a.user.id && p.online === false, 20_000);
    expect(Date.now() - crashedAt).toBeLessThan(15_000);

    // It comes back, A reconnects to it: online again for B.
    one = await startInstance(port1);
    sa = await open(one.baseUrl, a);
    await sb.next(
      'presence:update',
      (p) => p.userId === a.user.id && p.online === true && Date.now() > crashedAt,
      10_000,
    );
    const online = await request(two.baseUrl).get('/api/friends').set(bearer(b.accessToken)).expect(200);
    expect(online.body.items[0]).toMatchObject({ id: a.user.id, online: true });
  }, 90_000);
});
