import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import request from 'supertest';

import type { MessageView } from '../src/contracts/messages';
import { bearer, befriendAndOpenChat, newClientId, type SignedUp, signUp } from './support/builders';
import { builtServer } from './support/built-server';
import { freePort, startRedis, waitUntilReady } from './support/processes';
import { connect, emitWithAck, settle, type TestSocket } from './support/sockets';

/**
 * Real instances of the built server on one database and one Redis, as behind a load balancer, killed outright
 * while people use them.
 */
describe('Scale-out on Redis (several server processes)', () => {
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
  afterEach(() => {
    sockets.splice(0).forEach((s) => s.close());
    instances.splice(0).forEach((server) => server.kill('SIGKILL'));
  });
  afterAll(() => {
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

  it('loses no message and keeps seq order while instances are killed mid-chat, over many rounds', async () => {
    const ROUNDS = 9;
    const PER_ROUND = 16;
    const ports = [await freePort(), await freePort(), await freePort()];
    const servers = await Promise.all(ports.map((port) => startInstance(port)));
    const url = (i: number) => `http://127.0.0.1:${ports[i]}`;
    const [a, b] = [await signUp(url(0)), await signUp(url(1))];
    const conversationId = await befriendAndOpenChat(url(0), a, b);

    /** A chat client as the SPA is one: it holds what acks, live events and catch-up pages gave it. */
    interface Person {
      who: SignedUp;
      socket: TestSocket | null;
      held: Map<string, MessageView>;
    }
    const people: Person[] = [a, b].map((who) => ({ who, socket: null, held: new Map() }));
    const hold = (person: Person, message: MessageView) => person.held.set(message.id, message);
    const connectTo = async (person: Person, instance: number) => {
      const socket = await open(url(instance), person.who);
      socket.socket.on('message:new', (payload: { message: MessageView }) => hold(person, payload.message));
      person.socket = socket;
    };
    /** Resolves with the stored message, or null when the socket dropped before the ack. */
    const send = (person: Person, clientId: string, text: string) => {
      const socket = person.socket!.socket;
      return new Promise<MessageView | null>((resolve) => {
        if (!socket.connected) return resolve(null);
        socket.once('disconnect', () => resolve(null));
        socket.emit('message:send', { conversationId, clientId, text }, (ack: { ok: boolean; message?: MessageView }) =>
          resolve(ack.ok ? ack.message! : null),
        );
      });
    };
    /** The newest held message before the first missing seq: everything up to it is known to be held. */
    const cursorOf = (person: Person): string => {
      const bySeq = [...person.held.values()].sort((x, y) => x.seq - y.seq || (x.id < y.id ? -1 : 1));
      let cursor = bySeq[0];
      for (const message of bySeq.slice(1)) {
        if (message.seq > cursor.seq + 1) break;
        cursor = message;
      }
      return cursor.id;
    };
    const catchUp = async (person: Person, instance: number): Promise<MessageView[]> => {
      const got: MessageView[] = [];
      let after: string | null = cursorOf(person);
      while (after) {
        const page: request.Response = await request(url(instance))
          .get(`/api/conversations/${conversationId}/messages`)
          .query({ after, limit: 100 })
          .set(bearer(person.who.accessToken))
          .expect(200);
        got.push(...page.body.items);
        after = page.body.nextCursor;
      }
      got.forEach((message) => hold(person, message));
      return got;
    };
    const everything = async (instance: number): Promise<MessageView[]> => {
      const all: MessageView[] = [];
      let before: string | null = null;
      do {
        const page: request.Response = await request(url(instance))
          .get(`/api/conversations/${conversationId}/messages`)
          .query(before ? { before, limit: 100 } : { limit: 100 })
          .set(bearer(a.accessToken))
          .expect(200);
        all.push(...page.body.items);
        before = page.body.nextCursor;
      } while (before);
      return all.reverse();
    };

    // Both start with a first message, so each holds a cursor.
    await connectTo(people[0], 0);
    await connectTo(people[1], 1);
    hold(people[0], (await send(people[0], newClientId(), 'hello'))!);
    await people[1].socket!.next('message:new');
    hold(people[1], (await everything(1))[0]);
    const sentClientIds = new Set([...people[0].held.values()].map((m) => m.clientId));
    let kills = 0;

    for (let round = 0; round < ROUNDS; round++) {
      const victim = round % 3;
      // One of the two is on the instance that dies this round, the other elsewhere.
      const homes = [victim, (victim + 1 + (round % 2)) % 3];
      for (const [i, person] of people.entries()) {
        person.socket?.close();
        await connectTo(person, homes[i]);
      }
      const attempts: { person: Person; clientId: string; text: string; result: Promise<MessageView | null> }[] = [];
      for (let i = 0; i < PER_ROUND; i++) {
        for (const person of people) {
          const clientId = newClientId();
          const text = `round ${round} #${i} from ${person.who.user.username}`;
          sentClientIds.add(clientId);
          attempts.push({ person, clientId, text, result: send(person, clientId, text) });
        }
        if (i === PER_ROUND / 2) {
          servers[victim].server.kill('SIGKILL');
          kills += 1;
        }
        await settle(5);
      }
      const results = await Promise.all(attempts.map((attempt) => attempt.result));
      results.forEach((message, i) => message && hold(attempts[i].person, message));

      // Whoever lost their instance reconnects to a live one, catches up and sends again what was not acked.
      const alive = [0, 1, 2].filter((i) => i !== victim);
      for (const [i, person] of people.entries()) {
        if (homes[i] !== victim) continue;
        await connectTo(person, alive[round % 2]);
        await catchUp(person, alive[round % 2]);
        for (const [j, attempt] of attempts.entries()) {
          if (attempt.person !== person || results[j]) continue;
          const stored = await send(person, attempt.clientId, attempt.text);
          expect(stored).toMatchObject({ clientId: attempt.clientId, text: attempt.text });
          hold(person, stored!);
        }
      }

      const all = await everything(alive[0]);
      for (const [i, person] of people.entries()) {
        const caughtUp = await catchUp(person, alive[(round + i) % 2]);
        expect(new Set(caughtUp.map((m) => m.id)).size).toBe(caughtUp.length);
        expect(caughtUp.map((m) => m.seq)).toEqual([...caughtUp.map((m) => m.seq)].sort((x, y) => x - y));
        expect([...person.held.keys()].sort()).toEqual(all.map((m) => m.id).sort());
      }
      // Every send stored exactly once, in strictly increasing seq; a kill can leave at most one seq unused.
      expect(all.map((m) => m.clientId).sort()).toEqual([...sentClientIds].sort());
      const seqs = all.map((m) => m.seq);
      for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1]);
      expect(seqs[seqs.length - 1] - seqs.length).toBeLessThanOrEqual(kills);

      servers[victim] = await startInstance(ports[victim]);
    }
  }, 300_000);
});
