import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import request from 'supertest';

import { bearer, befriend, newClientId, type SignedUp, signUp } from './support/builders';
import { builtServer } from './support/built-server';
import { freePort, startRedis, waitUntilReady } from './support/processes';
import { connect, emitWithAck, settle, type TestSocket } from './support/sockets';

/** Two instances of the built server on one database and one Redis: a group's changes reach sockets on both. */
describe('Groups across instances on Redis', () => {
  let redis: { url: string; stop(): void };
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-groups-scale-'));
  const mongoUri = process.env.TEST_MONGODB_URI!.replace(
    /\/[^/?]*(\?|$)/,
    `/groups_scale_${randomBytes(4).toString('hex')}$1`,
  );
  const instances: ChildProcess[] = [];
  const sockets: TestSocket[] = [];

  const startInstance = async (main: string) => {
    const port = await freePort();
    const server = spawn(process.execPath, [main], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        MONGODB_URI: mongoUri,
        REDIS_URL: redis.url,
        DATA_DIR: dataDir,
        JWT_SECRET: 'groups-scale-out-test-secret-that-is-long-enough',
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
    return baseUrl;
  };
  const open = async (baseUrl: string, who: SignedUp) => {
    const socket = await connect(baseUrl, who.accessToken);
    sockets.push(socket);
    return socket;
  };

  let one: string;
  let two: string;
  beforeAll(async () => {
    const main = await builtServer();
    redis = await startRedis();
    [one, two] = [await startInstance(main), await startInstance(main)];
  }, 300_000);
  afterAll(() => {
    sockets.splice(0).forEach((s) => s.close());
    instances.splice(0).forEach((server) => server.kill('SIGKILL'));
    redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('tells members on the other instance of a new group, an added member, and a removal, at once', async () => {
    const [ada, ben, cy, dan] = [await signUp(one), await signUp(one), await signUp(two), await signUp(two)];
    for (const other of [ben, cy, dan]) await befriend(one, ada, other);
    const [sb, sc, sd] = [await open(two, ben), await open(two, cy), await open(two, dan)];

    const created = await request(one)
      .post('/api/conversations')
      .set(bearer(ada.accessToken))
      .send({ userIds: [ben.user.id, cy.user.id], name: 'Across' })
      .expect(201);
    const id = created.body.id;
    await sb.next('conversation:updated', (p) => p.conversation.id === id);
    await sc.next('message:new', (p) => p.message.system?.event === 'created');

    await request(one)
      .post(`/api/conversations/${id}/members`)
      .set(bearer(ada.accessToken))
      .send({ userIds: [dan.user.id] })
      .expect(200);
    const added = await sd.next('conversation:updated', (p) => p.conversation.id === id);
    expect(added.conversation.members.map((m: { userId: string }) => m.userId)).toContain(dan.user.id);
    await sd.next('message:new', (p) => p.message.system?.event === 'added');

    await request(one)
      .delete(`/api/conversations/${id}/members/${ben.user.id}`)
      .set(bearer(ada.accessToken))
      .expect(204);
    await sb.next('conversation:removed', (p) => p.conversationId === id);
    // The removal took effect on every instance: a send through the other one is refused, and reaches others only.
    const refused = await emitWithAck(sb.socket, 'message:send', {
      conversationId: id,
      clientId: newClientId(),
      text: 'still there?',
    });
    expect(refused).toMatchObject({ ok: false, error: { statusCode: 403, code: 'not_participant' } });
    const ack = await emitWithAck(sc.socket, 'message:send', {
      conversationId: id,
      clientId: newClientId(),
      text: 'hi',
    });
    expect(ack.ok).toBe(true);
    await sd.next('message:new', (p) => p.message.id === ack.message.id);
    await settle();
    const afterRemoval = sb.events.slice(sb.events.findIndex((e) => e.event === 'conversation:removed') + 1);
    expect(afterRemoval.filter((e) => e.event === 'message:new' || e.event === 'conversation:updated')).toEqual([]);
  }, 120_000);

  it('a member removed under sends on both instances gets nothing newer than the removal line (upToSeq) on either', async () => {
    const [ada, ben, cy, vic] = [await signUp(one), await signUp(one), await signUp(two), await signUp(two)];
    for (const other of [ben, cy, vic]) await befriend(one, ada, other);
    const [sb, sc] = [await open(one, ben), await open(two, cy)];
    const victims = [await open(one, vic), await open(two, vic)];
    const sendAll = async (socket: TestSocket, conversationId: string, count: number) => {
      for (let i = 0; i < count; i++) {
        await emitWithAck(socket.socket, 'message:send', { conversationId, clientId: newClientId(), text: `m${i}` });
      }
    };
    for (let round = 0; round < 5; round++) {
      const created = await request(one)
        .post('/api/conversations')
        .set(bearer(ada.accessToken))
        .send({ userIds: [ben.user.id, cy.user.id, vic.user.id], name: `Round ${round}` })
        .expect(201);
      const id = created.body.id;
      const sending = Promise.all([sendAll(sb, id, 15), sendAll(sc, id, 15)]);
      await settle(20 * round);
      await request(round % 2 ? one : two)
        .delete(`/api/conversations/${id}/members/${vic.user.id}`)
        .set(bearer(ada.accessToken))
        .expect(204);
      // Acknowledged: what the removed member's tabs get from now on is at most what they had.
      const marks = victims.map((socket) => socket.events.length);
      await sending;
      await sendAll(sb, id, 1);
      await settle();

      const removal = (
        await request(one)
          .get(`/api/conversations/${id}/messages`)
          .query({ limit: 100 })
          .set(bearer(ada.accessToken))
          .expect(200)
      ).body.items.find((m: { system?: { event: string } }) => m.system?.event === 'removed');
      for (const [i, socket] of victims.entries()) {
        const removed = await socket.next('conversation:removed', (p) => p.conversationId === id);
        expect(removed.upToSeq).toBe(removal.seq);
        const messages = socket.received('message:new').filter((p) => p.message.conversationId === id);
        expect(messages.filter((p) => p.message.seq > removal.seq)).toEqual([]);
        const late = socket.events
          .slice(marks[i])
          .filter((e) => e.payload?.conversation?.id === id || e.payload?.message?.conversationId === id);
        expect(late.filter((e) => e.event !== 'message:new' || e.payload.message.seq > removal.seq)).toEqual([]);
      }
    }
  }, 180_000);
});
