import request from 'supertest';

import { bearer, createGroup, signUp } from './support/builders';
import { connected, flakyReceiver, flakySocket, sendThroughCuts, startCuts } from './support/flaky';
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

  it('stores and delivers every message to each of 10 members exactly once despite cut connections', async () => {
    const members = await Promise.all(Array.from({ length: 10 }, () => signUp(t.baseUrl)));
    const [owner, ...others] = members;
    const conversationId = await createGroup(t.baseUrl, owner, others);
    const sender = flakySocket(t.baseUrl, owner.accessToken);
    const receivers = others.map((member) => flakyReceiver(t.baseUrl, conversationId, member));
    await Promise.all([sender, ...receivers.map((r) => r.socket)].map(connected));

    const cuts = startCuts([sender, ...receivers.slice(0, 3).map((r) => r.socket)]);
    const { clientIds, stored } = await sendThroughCuts(sender, conversationId, 100);
    const cutCount = cuts.stop();
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
    expect(cutCount).toBeGreaterThan(3);

    sender.disconnect();
    receivers.forEach((r) => r.socket.disconnect());
  }, 180_000);
});
