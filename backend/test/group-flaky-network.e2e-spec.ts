import { io, type Socket } from 'socket.io-client';
import request from 'supertest';

import { bearer, createGroup, newClientId, type SignedUp, signUp } from './support/builders';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * flaky-network.e2e-spec.ts for a group of 10: the sender and three of the nine receivers lose their transport at
 * random moments while 100 messages are sent. The sender retries each unacknowledged send with the same clientId;
 * every receiver catches up with `after` on each reconnect, as the SPA does. Each member ends with every message
 * exactly once, and none arrives twice live.
 */
describe('Group messaging over a flaky network (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const socketOf = (token: string): Socket =>
    io(t.baseUrl, { auth: { token }, transports: ['websocket'], reconnectionDelay: 20, reconnectionDelayMax: 100 });
  const connected = (socket: Socket) =>
    socket.connected ? Promise.resolve() : new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const cut = (socket: Socket) => socket.io.engine?.close();

  /** A member's receiving side: what it got live (with duplicates counted) and what it caught up on. */
  function receiver(conversationId: string, who: SignedUp) {
    const socket = socketOf(who.accessToken);
    const liveCount = new Map<string, number>();
    const received = new Set<string>();
    let lastSeen: { id: string; seq: number } | null = null;
    const remember = (message: { id: string; seq: number; kind: string }) => {
      if (message.kind === 'system') return;
      received.add(message.id);
      if (!lastSeen || message.seq > lastSeen.seq) lastSeen = message;
    };
    socket.on('message:new', ({ message }) => {
      if (message.conversationId !== conversationId) return;
      liveCount.set(message.id, (liveCount.get(message.id) ?? 0) + 1);
      remember(message);
    });
    const catchUp = async () => {
      let after = lastSeen?.id ?? null;
      for (;;) {
        const page = await request(t.baseUrl)
          .get(`/api/conversations/${conversationId}/messages`)
          .query(after ? { after, limit: 100 } : { limit: 100 })
          .set(bearer(who.accessToken));
        const items = (page.body.items ?? []) as { id: string; seq: number; kind: string }[];
        items.forEach(remember);
        if (!page.body.nextCursor || !after) break;
        after = page.body.nextCursor;
      }
    };
    socket.on('connect', () => void catchUp());
    return { socket, liveCount, received, catchUp };
  }

  it('stores and delivers every message to each of 10 members exactly once despite cut connections', async () => {
    const members = await Promise.all(Array.from({ length: 10 }, () => signUp(t.baseUrl)));
    const [owner, ...others] = members;
    const conversationId = await createGroup(t.baseUrl, owner, others);
    const sender = socketOf(owner.accessToken);
    const receivers = others.map((member) => receiver(conversationId, member));
    const flaky = [sender, ...receivers.slice(0, 3).map((r) => r.socket)];
    await Promise.all([sender, ...receivers.map((r) => r.socket)].map(connected));

    let cuts = 0;
    const chaos = setInterval(() => {
      if (Math.random() < 0.3) {
        cut(flaky[Math.floor(Math.random() * flaky.length)]);
        cuts++;
      }
    }, 40);

    const clientIds = Array.from({ length: 100 }, () => newClientId());
    const stored: string[] = [];
    for (const [i, clientId] of clientIds.entries()) {
      for (let attempt = 0; ; attempt++) {
        await connected(sender);
        try {
          const ack = await sender
            .timeout(500)
            .emitWithAck('message:send', { conversationId, clientId, text: `n${i}` });
          if (ack.ok) {
            stored.push(ack.message.id);
            break;
          }
        } catch {
          // no ack: the connection dropped; retry with the same clientId
        }
        if (attempt > 100) throw new Error(`message ${i} never got through`);
      }
    }
    clearInterval(chaos);
    await Promise.all(receivers.map((r) => connected(r.socket)));
    await new Promise((resolve) => setTimeout(resolve, 500));
    await Promise.all(receivers.map((r) => r.catchUp()));

    const history: { clientId: string; kind: string }[] = [];
    for (let before: string | null = null; ;) {
      const page: request.Response = await request(t.baseUrl)
        .get(`/api/conversations/${conversationId}/messages`)
        .query(before ? { before, limit: 100 } : { limit: 100 })
        .set(bearer(owner.accessToken))
        .expect(200);
      history.push(...page.body.items);
      before = page.body.nextCursor;
      if (!before) break;
    }
    const texts = history.filter((m) => m.kind !== 'system');
    expect(texts.map((m) => m.clientId).reverse()).toEqual(clientIds);
    expect(new Set(stored).size).toBe(100);
    for (const r of receivers) {
      expect([...r.received].sort()).toEqual([...stored].sort());
      expect([...r.liveCount.values()].every((n) => n === 1)).toBe(true);
    }
    // The steady members got every message live.
    for (const r of receivers.slice(3)) expect(r.liveCount.size).toBe(100);
    expect(cuts).toBeGreaterThan(3);

    sender.disconnect();
    receivers.forEach((r) => r.socket.disconnect());
  }, 180_000);
});
