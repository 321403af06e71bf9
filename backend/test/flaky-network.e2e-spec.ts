import request from 'supertest';

import { bearer, befriendAndOpenChat, signUp } from './support/builders';
import { connected, flakyReceiver, flakySocket, sendThroughCuts, startCuts } from './support/flaky';
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

  // A hundred sends through random cuts take a while on a busy machine: the two-minute bound only catches a hang.
  it('stores and delivers every message exactly once despite cut connections', async () => {
    const [a, b] = [await signUp(t.baseUrl), await signUp(t.baseUrl)];
    const conversationId = await befriendAndOpenChat(t.baseUrl, a, b);
    const sender = flakySocket(t.baseUrl, a.accessToken);
    const receiver = flakyReceiver(t.baseUrl, conversationId, b);
    await Promise.all([connected(sender), connected(receiver.socket)]);

    // Cut each side's transport at random moments while sending.
    const cuts = startCuts([sender, receiver.socket]);
    const { clientIds, stored } = await sendThroughCuts(sender, conversationId, 100);
    const cutCount = cuts.stop();
    await connected(receiver.socket);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await receiver.catchUp();

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
    expect([...receiver.received].sort()).toEqual([...stored].sort());
    expect([...receiver.liveCount.values()].every((n) => n === 1)).toBe(true);
    expect(cutCount).toBeGreaterThan(3);

    sender.disconnect();
    receiver.socket.disconnect();
  }, 120_000);
});
