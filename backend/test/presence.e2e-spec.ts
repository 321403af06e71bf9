import request from 'supertest';

import { bearer, type SignedUp, signUp } from './support/builders';
import { connect, settle, type TestSocket } from './support/sockets';
import { startTestApp, type TestApp } from './support/test-app';

describe('Presence and friend events over Socket.IO (e2e)', () => {
  let t: TestApp;
  let a: SignedUp, b: SignedUp, c: SignedUp;
  const sockets: TestSocket[] = [];
  const api = () => request(t.baseUrl);
  const open = async (who: SignedUp) => {
    const socket = await connect(t.baseUrl, who.accessToken);
    sockets.push(socket);
    return socket;
  };
  const befriend = async (x: SignedUp, y: SignedUp) => {
    const req = await api()
      .post('/api/friends/requests')
      .set(bearer(x.accessToken))
      .send({ to: y.user.id })
      .expect(201);
    await api().post(`/api/friends/requests/${req.body.id}/accept`).set(bearer(y.accessToken)).expect(200);
  };
  const presenceAbout = (s: TestSocket, userId: string) =>
    s.received('presence:update').filter((p) => p.userId === userId);

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    [a, b, c] = [await signUp(t.baseUrl), await signUp(t.baseUrl), await signUp(t.baseUrl)];
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.close()));

  it("delivers a request live, then on accept both get friend:added and each other's presence; C hears nothing", async () => {
    const [sa, sb, sc] = [await open(a), await open(b), await open(c)];
    const req = await api()
      .post('/api/friends/requests')
      .set(bearer(a.accessToken))
      .send({ to: b.user.id })
      .expect(201);

    const live = await sb.next('friend:request');
    expect(live.request).toMatchObject({ id: req.body.id, from: a.user.id, user: { id: a.user.id } });

    await api().post(`/api/friends/requests/${req.body.id}/accept`).set(bearer(b.accessToken)).expect(200);
    expect((await sa.next('friend:added')).user).toMatchObject({ id: b.user.id, online: true });
    expect((await sb.next('friend:added')).user).toMatchObject({ id: a.user.id, online: true });
    await sa.next('friend:request:update', (p) => p.id === req.body.id && p.status === 'accepted');
    await sa.next('presence:update', (p) => p.userId === b.user.id && p.online === true);
    await sb.next('presence:update', (p) => p.userId === a.user.id && p.online === true);

    await settle();
    expect(sc.events.filter((e) => e.event !== 'presence:snapshot')).toEqual([]);
  });

  it('counts tabs: one online event for two tabs, none when one closes, offline with lastSeenAt when both close', async () => {
    await befriend(a, b);
    const sb = await open(b);
    expect((await sb.next('presence:snapshot')).online).toEqual([]);

    const tab1 = await open(a);
    await sb.next('presence:update', (p) => p.userId === a.user.id && p.online);
    const tab2 = await open(a);
    expect((await tab2.next('presence:snapshot')).online).toEqual([b.user.id]);
    await settle();
    expect(presenceAbout(sb, a.user.id)).toHaveLength(1);

    tab1.close();
    await settle();
    expect(presenceAbout(sb, a.user.id)).toHaveLength(1);

    tab2.close();
    const offline = await sb.next('presence:update', (p) => p.userId === a.user.id && !p.online);
    expect(new Date(offline.lastSeenAt).getTime()).toBeGreaterThan(Date.now() - 5_000);
    const friends = await api().get('/api/friends').set(bearer(b.accessToken)).expect(200);
    expect(friends.body.items[0]).toMatchObject({ id: a.user.id, online: false, lastSeenAt: offline.lastSeenAt });
  });

  it('never tells a non-friend about presence', async () => {
    await befriend(a, b);
    const sc = await open(c);
    const sa = await open(a);
    sa.close();
    await settle();
    expect(sc.received('presence:update')).toEqual([]);
    expect((await sc.next('presence:snapshot')).online).toEqual([]);
  });

  it('stops presence at once on unfriend and on block', async () => {
    await befriend(a, b);
    await befriend(a, c);
    const [sb, sc] = [await open(b), await open(c)];
    await api().delete(`/api/friends/${b.user.id}`).set(bearer(a.accessToken)).expect(204);
    await api().post(`/api/users/${a.user.id}/block`).set(bearer(c.accessToken)).expect(204);
    expect(await sb.next('friend:removed')).toEqual({ userId: a.user.id });
    expect(await sc.next('friend:removed')).toEqual({ userId: a.user.id });

    const sa = await open(a);
    sa.close();
    await settle();
    expect(presenceAbout(sb, a.user.id)).toEqual([]);
    expect(presenceAbout(sc, a.user.id)).toEqual([]);
  });
});
