import request from 'supertest';

import { bearer, type SignedUp, signUp } from './support/builders';
import { startTestApp, type TestApp } from './support/test-app';

describe('Friends (e2e)', () => {
  let t: TestApp;
  let a: SignedUp, b: SignedUp, c: SignedUp;
  const api = () => request(t.baseUrl);

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    [a, b, c] = [await signUp(t.baseUrl), await signUp(t.baseUrl), await signUp(t.baseUrl)];
  });

  const send = (from: SignedUp, to: SignedUp) =>
    api().post('/api/friends/requests').set(bearer(from.accessToken)).send({ to: to.user.id });
  const list = (who: SignedUp, direction: string) =>
    api().get('/api/friends/requests').query({ direction }).set(bearer(who.accessToken)).expect(200);
  const friendsOf = async (who: SignedUp) =>
    (await api().get('/api/friends').set(bearer(who.accessToken)).expect(200)).body.items.map(
      (f: { id: string }) => f.id,
    );

  it('sends, lists both ways with the other user, and accepts into a friendship', async () => {
    const sent = await send(a, b).expect(201);
    expect(sent.body).toMatchObject({ from: a.user.id, to: b.user.id, status: 'pending', user: { id: b.user.id } });

    const incoming = await list(b, 'incoming');
    expect(incoming.body.items).toEqual([
      expect.objectContaining({
        id: sent.body.id,
        user: expect.objectContaining({ id: a.user.id, username: a.user.username }),
      }),
    ]);
    expect(JSON.stringify(incoming.body)).not.toMatch(/email|passwordHash/);
    expect((await list(a, 'outgoing')).body.items[0].id).toBe(sent.body.id);
    expect((await list(a, 'incoming')).body.items).toEqual([]);

    const accepted = await api()
      .post(`/api/friends/requests/${sent.body.id}/accept`)
      .set(bearer(b.accessToken))
      .expect(200);
    expect(accepted.body.status).toBe('accepted');
    expect(await friendsOf(a)).toEqual([b.user.id]);
    expect(await friendsOf(b)).toEqual([a.user.id]);
    expect((await list(b, 'incoming')).body.items).toEqual([]);
  });

  it('pages incoming requests newest first without gaps', async () => {
    const senders = [];
    for (let i = 0; i < 5; i++) senders.push(await signUp(t.baseUrl));
    for (const s of senders) await send(s, a).expect(201);
    const first = await api()
      .get('/api/friends/requests')
      .query({ direction: 'incoming', limit: 3 })
      .set(bearer(a.accessToken))
      .expect(200);
    const second = await api()
      .get('/api/friends/requests')
      .query({ direction: 'incoming', limit: 3, cursor: first.body.nextCursor })
      .set(bearer(a.accessToken))
      .expect(200);
    const order = [...first.body.items, ...second.body.items].map((r: { from: string }) => r.from);
    expect(order).toEqual(senders.map((s) => s.user.id).reverse());
    expect(second.body.nextCursor).toBeNull();
  });

  it('refuses a request to yourself (400) and to an unknown user (404)', async () => {
    expect((await send(a, a).expect(400)).body.code).toBe('self_request');
    await api()
      .post('/api/friends/requests')
      .set(bearer(a.accessToken))
      .send({ to: '000000000000000000000000' })
      .expect(404);
    await api().post('/api/friends/requests').set(bearer(a.accessToken)).send({ to: 'nope' }).expect(400);
  });

  it('returns the pending request again for a duplicate (200), and 409 once friends', async () => {
    const first = await send(a, b).expect(201);
    const again = await send(a, b).expect(200);
    expect(again.body.id).toBe(first.body.id);
    expect((await list(b, 'incoming')).body.items).toHaveLength(1);

    await api().post(`/api/friends/requests/${first.body.id}/accept`).set(bearer(b.accessToken)).expect(200);
    expect((await send(a, b).expect(409)).body.code).toBe('already_friends');
  });

  it('accepts their request when you ask someone who already asked you', async () => {
    const theirs = await send(a, b).expect(201);
    const crossed = await send(b, a).expect(200);
    expect(crossed.body).toMatchObject({ id: theirs.body.id, status: 'accepted' });
    expect(await friendsOf(a)).toEqual([b.user.id]);
  });

  it('lets only the recipient answer and only the sender cancel; a non-pending request answers 409', async () => {
    const req = (await send(a, b).expect(201)).body.id;
    await api().post(`/api/friends/requests/${req}/accept`).set(bearer(a.accessToken)).expect(403);
    await api().post(`/api/friends/requests/${req}/decline`).set(bearer(a.accessToken)).expect(403);
    await api().delete(`/api/friends/requests/${req}`).set(bearer(b.accessToken)).expect(403);
    await api().post(`/api/friends/requests/${req}/accept`).set(bearer(c.accessToken)).expect(404);

    await api().post(`/api/friends/requests/${req}/decline`).set(bearer(b.accessToken)).expect(200);
    const late = await api().post(`/api/friends/requests/${req}/accept`).set(bearer(b.accessToken)).expect(409);
    expect(late.body.code).toBe('request_not_pending');
    await api().delete(`/api/friends/requests/${req}`).set(bearer(a.accessToken)).expect(409);

    const again = (await send(a, b).expect(201)).body.id;
    await api().delete(`/api/friends/requests/${again}`).set(bearer(a.accessToken)).expect(200);
    expect((await list(b, 'incoming')).body.items).toEqual([]);
  });

  it('unfriends both ways; unfriending a non-friend is 404', async () => {
    const req = (await send(a, b).expect(201)).body.id;
    await api().post(`/api/friends/requests/${req}/accept`).set(bearer(b.accessToken)).expect(200);
    await api().delete(`/api/friends/${a.user.id}`).set(bearer(b.accessToken)).expect(204);
    expect(await friendsOf(a)).toEqual([]);
    await api().delete(`/api/friends/${a.user.id}`).set(bearer(b.accessToken)).expect(404);
  });

  it('blocking ends the friendship and pending requests, and hides the blocker from the blocked', async () => {
    const req = (await send(a, b).expect(201)).body.id;
    await api().post(`/api/friends/requests/${req}/accept`).set(bearer(b.accessToken)).expect(200);
    const pending = (await send(c, a).expect(201)).body.id;

    await api().post(`/api/users/${b.user.id}/block`).set(bearer(a.accessToken)).expect(204);
    await api().post(`/api/users/${c.user.id}/block`).set(bearer(a.accessToken)).expect(204);
    expect(await friendsOf(a)).toEqual([]);
    expect(await friendsOf(b)).toEqual([]);
    expect((await list(a, 'incoming')).body.items).toEqual([]);
    await api().post(`/api/friends/requests/${pending}/accept`).set(bearer(a.accessToken)).expect(409);

    const blocked = await send(b, a).expect(404);
    expect(blocked.body.code).toBe('user_not_found');
    expect((await send(a, b).expect(409)).body.code).toBe('user_blocked');
    const mine = await api().get('/api/friends/blocked').set(bearer(a.accessToken)).expect(200);
    expect(mine.body.map((u: { id: string }) => u.id).sort()).toEqual([b.user.id, c.user.id].sort());

    await api().delete(`/api/users/${b.user.id}/block`).set(bearer(a.accessToken)).expect(204);
    await send(b, a).expect(201);
  });
});
