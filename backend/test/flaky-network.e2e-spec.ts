import { io, type Socket } from 'socket.io-client';
import request from 'supertest';

import { bearer, befriendAndOpenChat, newClientId, signUp } from './support/builders';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * A client on a bad network: its transport is closed at random moments while it sends 100 messages. It retries
 * each unacknowledged send with the same clientId after reconnecting, and catches up with `after` each time it
 * reconnects, as the SPA does. Nothing may be lost or duplicated.
 */
describe('Messaging over a flaky network (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const flakySocket = (token: string): Socket =>
    io(t.baseUrl, { auth: { token }, transports: ['websocket'], reconnectionDelay: 20, reconnectionDelayMax: 100 });
  const connected = (socket: Socket) =>
    socket.connected ? Promise.resolve() : new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const cut = (socket: Socket) => socket.io.engine?.close();

  // A hundred sends through random cuts take a while on a busy machine: the two-minute bound only catches a hang.
  it('stores and delivers every message exactly once despite cut connections', async () => {
    const [a, b] = [await signUp(t.baseUrl), await signUp(t.baseUrl)];
    const conversationId = await befriendAndOpenChat(t.baseUrl, a, b);
    const sender = flakySocket(a.accessToken);
    const receiver = flakySocket(b.accessToken);

    // The receiver keeps what it got live and what it caught up on, by id, and counts live duplicates.
    const liveCount = new Map<string, number>();
    const received = new Set<string>();
    let lastSeen: string | null = null;
    const remember = (id: string) => {
      received.add(id);
      if (!lastSeen || id > lastSeen) lastSeen = id;
    };
    receiver.on('message:new', ({ message }) => {
      liveCount.set(message.id, (liveCount.get(message.id) ?? 0) + 1);
      remember(message.id);
    });
    const catchUp = async () => {
      let after = lastSeen;
      for (;;) {
        const query = after ? { after, limit: 100 } : { limit: 100 };
        const page = await request(t.baseUrl)
          .get(`/api/conversations/${conversationId}/messages`)
          .query(query)
          .set(bearer(b.accessToken));
        const items = (page.body.items ?? []) as { id: string }[];
        if (!after) items.reverse();
        items.forEach((m) => remember(m.id));
        if (!page.body.nextCursor || !after) break;
        after = page.body.nextCursor;
      }
    };
    receiver.on('connect', () => void catchUp());
    await Promise.all([connected(sender), connected(receiver)]);

    // Cut each side's transport at random moments while sending.
    let cuts = 0;
    const chaos = setInterval(() => {
      if (Math.random() < 0.3) {
        cut(Math.random() < 0.5 ? sender : receiver);
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
    await connected(receiver);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await catchUp();

    const history = await request(t.baseUrl)
      .get(`/api/conversations/${conversationId}/messages`)
      .query({ limit: 100 })
      .set(bearer(a.accessToken))
      .expect(200);
    const more = await request(t.baseUrl)
      .get(`/api/conversations/${conversationId}/messages`)
      .query({ before: history.body.items[history.body.items.length - 1].id })
      .set(bearer(a.accessToken))
      .expect(200);
    expect(more.body.items).toEqual([]);
    expect(history.body.items.map((m: { clientId: string }) => m.clientId).reverse()).toEqual(clientIds);
    expect(new Set(stored).size).toBe(100);
    expect([...received].sort()).toEqual([...stored].sort());
    expect([...liveCount.values()].every((n) => n === 1)).toBe(true);
    expect(cuts).toBeGreaterThan(3);

    sender.disconnect();
    receiver.disconnect();
  }, 120_000);
});
