import { getConnectionToken } from '@nestjs/mongoose';
import { type Connection, Types } from 'mongoose';
import request from 'supertest';

import { bearer, befriendAndOpenChat, newClientId, type SignedUp, signUp } from './support/builders';
import { png } from './support/media-fixtures';
import { connect, settle } from './support/sockets';
import { startTestApp, type TestApp } from './support/test-app';
import { binary, jsonEntry, unzip } from './support/zip';

describe('A person’s data: export (e2e)', () => {
  let t: TestApp;
  let db: Connection;
  const api = () => request(t.baseUrl);

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get<Connection>(getConnectionToken());
  });
  afterAll(() => t?.close());

  async function upload(user: SignedUp, width = 40): Promise<string> {
    const res = await api()
      .post('/api/media')
      .set(bearer(user.accessToken))
      .attach('file', await png(width, 30), { filename: 'p.png', contentType: 'image/png' })
      .expect(201);
    return res.body.id;
  }

  it('streams a dated ZIP with profile, friends, conversations, every message both ways (thousands) and their uploads', async () => {
    const ada = await signUp(t.baseUrl, { displayName: 'Ada Export' });
    const bob = await signUp(t.baseUrl);
    const carol = await signUp(t.baseUrl);
    const conversationId = await befriendAndOpenChat(t.baseUrl, ada, bob);
    await api().post('/api/friends/requests').set(bearer(carol.accessToken)).send({ to: ada.user.id }).expect(201);
    await api()
      .put('/api/users/me/avatar')
      .set(bearer(ada.accessToken))
      .attach('file', await png(64, 64), { filename: 'a.png', contentType: 'image/png' })
      .expect(200);
    const mediaId = await upload(ada);
    const picture = await api()
      .post(`/api/conversations/${conversationId}/messages`)
      .set(bearer(ada.accessToken))
      .send({ clientId: newClientId(), mediaId, text: 'a picture' })
      .expect(201);
    await api()
      .post(`/api/conversations/${conversationId}/messages`)
      .set(bearer(bob.accessToken))
      .send({ clientId: newClientId(), text: 'nice' })
      .expect(201);
    // A long history, written straight to the database (the send rate limit would make this slow).
    const conversation = new Types.ObjectId(conversationId);
    const bulk = Array.from({ length: 2500 }, (_, i) => ({
      conversationId: conversation,
      seq: 1000 + i,
      senderId: new Types.ObjectId(i % 2 ? ada.user.id : bob.user.id),
      clientId: `bulk-${i}`,
      kind: 'text',
      text: `message ${i}`,
      media: null,
      createdAt: new Date(),
      editedAt: null,
      deletedAt: null,
      applied: true,
    }));
    await db.collection('messages').insertMany(bulk);

    const res = await api()
      .get('/api/users/me/export')
      .set(bearer(ada.accessToken))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const day = new Date().toISOString().slice(0, 10);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="chat-data-${ada.user.username}-${day}.zip"`);

    const entries = await unzip(res.body as Buffer);
    const profile = jsonEntry(entries, 'profile.json');
    expect(profile).toMatchObject({
      id: ada.user.id,
      username: ada.user.username,
      email: ada.input.email,
      displayName: 'Ada Export',
      status: 'active',
    });
    expect(profile.passwordHash).toBeUndefined();
    const friends = jsonEntry(entries, 'friends.json');
    expect(friends.friends.map((f: { id: string }) => f.id)).toEqual([bob.user.id]);
    expect(friends.incomingRequests.map((r: { user: { id: string } }) => r.user.id)).toEqual([carol.user.id]);
    const conversations = jsonEntry(entries, 'conversations.json');
    expect(conversations).toEqual([
      expect.objectContaining({ id: conversationId, messagesFile: `messages/${conversationId}.json` }),
    ]);
    const messages = jsonEntry<{ seq: number; text?: string; senderId: string }[]>(
      entries,
      `messages/${conversationId}.json`,
    );
    expect(messages).toHaveLength(2502);
    expect(messages.map((m) => m.seq)).toEqual([...messages.map((m) => m.seq)].sort((a, b) => a - b));
    expect(messages[0]).toMatchObject({ id: picture.body.id, text: 'a picture', senderId: ada.user.id });
    expect(messages[1]).toMatchObject({ text: 'nice', senderId: bob.user.id });
    expect(messages[2501]).toMatchObject({ text: 'message 2499', senderId: ada.user.id });

    const media = jsonEntry<{ id: string; purpose: string; file: string }[]>(entries, 'media.json');
    expect(media.map((m) => m.purpose).sort()).toEqual(['avatar', 'message']);
    for (const item of media) {
      const stored = await api()
        .get(`/api/media/${item.id}`)
        .set(bearer(ada.accessToken))
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(entries.get(item.file)?.equals(stored.body as Buffer)).toBe(true);
    }
    expect([...entries.keys()].filter((name) => name.startsWith('media/'))).toHaveLength(2);
  });

  it('allows one export a minute per person: 429 rate_limited with Retry-After', async () => {
    const dan = await signUp(t.baseUrl);
    await api().get('/api/users/me/export').set(bearer(dan.accessToken)).buffer(true).parse(binary).expect(200);
    const again = await api().get('/api/users/me/export').set(bearer(dan.accessToken)).expect(429);
    expect(again.body).toMatchObject({ statusCode: 429, code: 'rate_limited' });
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(50);
    await api().get('/api/users/me/export').expect(401);
  });
});

describe('A person’s data: erasure (e2e)', () => {
  let t: TestApp;
  let db: Connection;
  let root: SignedUp;
  const api = () => request(t.baseUrl);

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_EMAIL: 'root@example.com' });
    db = t.app.get<Connection>(getConnectionToken());
    root = await signUp(t.baseUrl, { email: 'root@example.com' });
  });
  afterAll(() => t?.close());

  const userDoc = (id: string) => db.collection('users').findOne({ _id: new Types.ObjectId(id) });
  const liveSessions = (id: string) =>
    db.collection('sessions').countDocuments({ userId: new Types.ObjectId(id), revokedAt: null });
  const erasedAudits = (id: string) =>
    db.collection('audit').countDocuments({ targetId: new Types.ObjectId(id), action: 'user.erased' });

  /** Nothing of the person is left anywhere but the "Deleted user" row their messages point to. */
  async function expectNothingLeftOf(id: string): Promise<void> {
    const oid = new Types.ObjectId(id);
    const user = await userDoc(id);
    expect(user).toMatchObject({
      status: 'erased',
      username: `deleted-${id}`,
      email: `deleted-${id}@erased.invalid`,
      displayName: 'Deleted user',
      bio: '',
      avatar: null,
      roles: ['user'],
    });
    expect(user?.externalId).toBeUndefined();
    expect(user?.scimExternalId).toBeUndefined();
    expect({
      liveSessions: await liveSessions(id),
      friendships: await db.collection('friendships').countDocuments({ users: oid }),
      requests: await db.collection('friend_requests').countDocuments({ $or: [{ from: oid }, { to: oid }] }),
      blocks: await db.collection('blocks').countDocuments({ $or: [{ blocker: oid }, { blocked: oid }] }),
      media: await db.collection('media').countDocuments({ ownerId: oid }),
      messagesWithMedia: await db.collection('messages').countDocuments({ senderId: oid, media: { $ne: null } }),
    }).toEqual({ liveSessions: 0, friendships: 0, requests: 0, blocks: 0, media: 0, messagesWithMedia: 0 });
  }

  it('needs the password (403 reauthentication_required without, 400 wrong_password when wrong)', async () => {
    const eve = await signUp(t.baseUrl);
    const missing = await api().delete('/api/users/me').set(bearer(eve.accessToken)).send({}).expect(403);
    expect(missing.body.code).toBe('reauthentication_required');
    const wrong = await api()
      .delete('/api/users/me')
      .set(bearer(eve.accessToken))
      .send({ password: 'not my password' })
      .expect(400);
    expect(wrong.body).toMatchObject({ code: 'wrong_password', errors: { password: [expect.any(String)] } });
    await api().delete('/api/users/me').set(bearer(eve.accessToken)).send({ password: 42 }).expect(400);
    expect((await userDoc(eve.user.id))?.status).toBe('active');
  });

  it('erases the account: signed out everywhere, gone from friends, requests, presence and search, messages kept from "Deleted user"', async () => {
    const ada = await signUp(t.baseUrl);
    const bob = await signUp(t.baseUrl);
    const carol = await signUp(t.baseUrl);
    const dave = await signUp(t.baseUrl);
    const conversationId = await befriendAndOpenChat(t.baseUrl, ada, bob);
    await api().post('/api/friends/requests').set(bearer(ada.accessToken)).send({ to: carol.user.id }).expect(201);
    await api().post(`/api/users/${dave.user.id}/block`).set(bearer(ada.accessToken)).expect(204);
    await api()
      .put('/api/users/me/avatar')
      .set(bearer(ada.accessToken))
      .attach('file', await png(64, 64), { filename: 'a.png', contentType: 'image/png' })
      .expect(200);
    const uploaded = await api()
      .post('/api/media')
      .set(bearer(ada.accessToken))
      .attach('file', await png(40, 30), { filename: 'p.png', contentType: 'image/png' })
      .expect(201);
    const picture = await api()
      .post(`/api/conversations/${conversationId}/messages`)
      .set(bearer(ada.accessToken))
      .send({ clientId: newClientId(), mediaId: uploaded.body.id, text: 'look' })
      .expect(201);
    const text = await api()
      .post(`/api/conversations/${conversationId}/messages`)
      .set(bearer(ada.accessToken))
      .send({ clientId: newClientId(), text: 'hello bob' })
      .expect(201);

    const adaSocket = await connect(t.baseUrl, ada.accessToken);
    const bobSocket = await connect(t.baseUrl, bob.accessToken);
    const carolSocket = await connect(t.baseUrl, carol.accessToken);
    await bobSocket.next('presence:snapshot');

    await api().delete('/api/users/me').set(bearer(ada.accessToken)).send({ password: ada.input.password }).expect(204);

    expect(await adaSocket.next('session:revoked')).toEqual({ reason: 'account_erased' });
    await new Promise<void>((resolve) =>
      adaSocket.socket.disconnected ? resolve() : adaSocket.socket.once('disconnect', () => resolve()),
    );
    expect(await bobSocket.next('presence:update', (p) => p.userId === ada.user.id && !p.online)).toMatchObject({
      online: false,
    });
    expect(await bobSocket.next('friend:removed')).toEqual({ userId: ada.user.id });
    expect(await carolSocket.next('friend:request:update')).toMatchObject({ status: 'cancelled' });
    // Bob's open chat shows "Deleted user" and replaces the picture without a reload.
    expect(await bobSocket.next('user:erased')).toEqual({
      user: {
        id: ada.user.id,
        username: `deleted-${ada.user.id}`,
        displayName: 'Deleted user',
        avatarUrl: null,
        bio: '',
        deleted: true,
      },
    });
    expect(carolSocket.received('user:erased')).toEqual([]);
    const updated = await bobSocket.next('message:updated', (p) => p.message.id === picture.body.id);
    expect(updated.message).toMatchObject({ text: 'look', mediaRemoved: true });
    expect(updated.message.media).toBeUndefined();

    await api().get('/api/users/me').set(bearer(ada.accessToken)).expect(401);
    const login = await api().post('/api/auth/login').send({ login: ada.input.username, password: ada.input.password });
    expect(login.status).toBe(401);
    await api().post('/api/auth/refresh').set('Cookie', ada.cookie).expect(401);

    await expectNothingLeftOf(ada.user.id);
    expect((await api().get('/api/friends').set(bearer(bob.accessToken)).expect(200)).body.items).toEqual([]);
    const incoming = await api()
      .get('/api/friends/requests')
      .query({ direction: 'incoming' })
      .set(bearer(carol.accessToken))
      .expect(200);
    expect(incoming.body.items).toEqual([]);
    for (const q of [ada.input.username.slice(0, 6), 'deleted']) {
      const found = await api().get('/api/users/search').query({ q }).set(bearer(bob.accessToken)).expect(200);
      expect(found.body.items.map((u: { id: string }) => u.id)).not.toContain(ada.user.id);
    }
    await api().get(`/api/users/${ada.user.id}`).set(bearer(bob.accessToken)).expect(404);
    const adminList = await api().get('/api/admin/users').set(bearer(root.accessToken)).expect(200);
    expect(adminList.body.items.map((u: { id: string }) => u.id)).not.toContain(ada.user.id);

    // Bob keeps the conversation and the messages, from "Deleted user"; the picture is gone, the caption stays.
    const chats = await api().get('/api/conversations').set(bearer(bob.accessToken)).expect(200);
    expect(chats.body.items[0].participant).toMatchObject({
      id: ada.user.id,
      displayName: 'Deleted user',
      avatarUrl: null,
      bio: '',
      deleted: true,
    });
    expect(chats.body.items[0].participant.username).not.toContain(ada.input.username);
    const history = await api()
      .get(`/api/conversations/${conversationId}/messages`)
      .set(bearer(bob.accessToken))
      .expect(200);
    const byId = new Map(history.body.items.map((m: { id: string }) => [m.id, m]));
    expect(byId.get(text.body.id)).toMatchObject({ text: 'hello bob', senderId: ada.user.id });
    expect(byId.get(picture.body.id)).toMatchObject({ text: 'look', mediaRemoved: true });
    expect((byId.get(picture.body.id) as { media?: unknown }).media).toBeUndefined();
    await api().get(`/api/media/${uploaded.body.id}`).set(bearer(bob.accessToken)).expect(404);
    await api()
      .post(`/api/conversations/${conversationId}/messages`)
      .set(bearer(bob.accessToken))
      .send({ clientId: newClientId(), text: 'are you there?' })
      .expect(403);

    const audit = await api().get('/api/admin/audit').set(bearer(root.accessToken)).expect(200);
    expect(audit.body.items[0]).toMatchObject({
      action: 'user.erased',
      actor: { id: ada.user.id, displayName: 'Deleted user', deleted: true },
      target: { id: ada.user.id },
      details: { via: 'self' },
    });

    // Erasing again changes nothing; the username and address are free for a new account.
    await api().delete(`/api/admin/users/${ada.user.id}`).set(bearer(root.accessToken)).expect(204);
    expect(await erasedAudits(ada.user.id)).toBe(1);
    await signUp(t.baseUrl, { username: ada.input.username, email: ada.input.email });
    for (const socket of [bobSocket, carolSocket]) socket.close();
  });

  it('tells every other participant live that the pictures are gone, page after page, in each conversation', async () => {
    const kim = await signUp(t.baseUrl);
    const [leo, mia] = await Promise.all([signUp(t.baseUrl), signUp(t.baseUrl)]);
    const withLeo = await befriendAndOpenChat(t.baseUrl, kim, leo);
    const withMia = await befriendAndOpenChat(t.baseUrl, kim, mia);
    // More pictures than one page of the clean-up, written straight to the database (sending is rate-limited).
    const pictures = (conversationId: string, count: number, from: number) =>
      Array.from({ length: count }, (_, i) => ({
        _id: new Types.ObjectId(),
        conversationId: new Types.ObjectId(conversationId),
        seq: from + i,
        senderId: new Types.ObjectId(kim.user.id),
        clientId: `picture-${from + i}`,
        kind: 'image',
        text: null,
        media: { id: new Types.ObjectId(), kind: 'image', mime: 'image/png', size: 10, width: 1, height: 1 },
        createdAt: new Date(),
        editedAt: null,
        deletedAt: null,
        applied: true,
      }));
    const toLeo = pictures(withLeo, 450, 1);
    const toMia = pictures(withMia, 3, 1000);
    await db.collection('messages').insertMany([...toLeo, ...toMia]);
    const [leoSocket, miaSocket] = await Promise.all([
      connect(t.baseUrl, leo.accessToken),
      connect(t.baseUrl, mia.accessToken),
    ]);

    await api().delete(`/api/admin/users/${kim.user.id}`).set(bearer(root.accessToken)).expect(204);

    const idsOf = (rows: { _id: Types.ObjectId }[]) => rows.map((row) => row._id.toString()).sort();
    for (const [socket, rows, conversationId] of [
      [leoSocket, toLeo, withLeo],
      [miaSocket, toMia, withMia],
    ] as const) {
      await socket.next('message:updated', (p) => p.message.id === rows[rows.length - 1]._id.toString());
      const updates = socket.received('message:updated').map((p) => p.message);
      expect(updates.map((m) => m.id).sort()).toEqual(idsOf(rows));
      for (const message of updates) {
        expect(message).toMatchObject({ conversationId, kind: 'image', mediaRemoved: true });
        expect(message.media).toBeUndefined();
      }
      socket.close();
    }
    await expectNothingLeftOf(kim.user.id);
  });

  it('lets accounts from single sign-on erase themselves only shortly after signing in', async () => {
    const sso = await signUp(t.baseUrl);
    await db.collection('users').updateOne({ _id: new Types.ObjectId(sso.user.id) }, { $set: { origin: 'sso' } });
    await db
      .collection('sessions')
      .updateMany(
        { userId: new Types.ObjectId(sso.user.id) },
        { $set: { createdAt: new Date(Date.now() - 6 * 60 * 1000) } },
      );
    const stale = await api().delete('/api/users/me').set(bearer(sso.accessToken)).send({}).expect(403);
    expect(stale.body).toMatchObject({ code: 'reauthentication_required', message: expect.stringMatching(/sign in/i) });

    const fresh = await api()
      .post('/api/auth/login')
      .send({ login: sso.input.username, password: sso.input.password })
      .expect(200);
    await api().delete('/api/users/me').set(bearer(fresh.body.accessToken)).send({}).expect(204);
    await expectNothingLeftOf(sso.user.id);
  });

  it('admin erase: audited with the actor, never yourself (409) or the ADMIN_EMAIL account (403), unknown ids are a no-op', async () => {
    const frank = await signUp(t.baseUrl);
    const grace = await signUp(t.baseUrl);
    await api().delete(`/api/admin/users/${frank.user.id}`).set(bearer(grace.accessToken)).expect(403);
    await api().delete(`/api/admin/users/${frank.user.id}`).set(bearer(root.accessToken)).expect(204);
    await expectNothingLeftOf(frank.user.id);
    const entry = await db.collection('audit').findOne({ targetId: new Types.ObjectId(frank.user.id) });
    expect(entry).toMatchObject({ action: 'user.erased', details: { via: 'admin' } });
    expect(entry?.actorId.toString()).toBe(root.user.id);

    const self = await api().delete(`/api/admin/users/${root.user.id}`).set(bearer(root.accessToken)).expect(409);
    expect(self.body.code).toBe('erase_self');
    await api()
      .patch(`/api/admin/users/${grace.user.id}/roles`)
      .set(bearer(root.accessToken))
      .send({ roles: ['user', 'admin'] });
    const graceAgain = await api()
      .post('/api/auth/login')
      .send({ login: grace.input.username, password: grace.input.password })
      .expect(200);
    const protectedAdmin = await api()
      .delete(`/api/admin/users/${root.user.id}`)
      .set(bearer(graceAgain.body.accessToken))
      .expect(403);
    expect(protectedAdmin.body.code).toBe('protected_admin');
    await api().delete(`/api/admin/users/${new Types.ObjectId().toString()}`).set(bearer(root.accessToken)).expect(204);
    await api().delete('/api/admin/users/not-an-id').set(bearer(root.accessToken)).expect(400);
    // An erased account can't be brought back.
    await api().post(`/api/admin/users/${frank.user.id}/unban`).set(bearer(root.accessToken)).expect(404);
    await api().delete(`/api/admin/users/${grace.user.id}`).set(bearer(root.accessToken)).expect(204);

    // Erasures sit in the audit log by time, among the other actions, newest first.
    const audit = await api().get('/api/admin/audit').set(bearer(root.accessToken)).expect(200);
    const recent = (audit.body.items as { action: string; at: string }[]).slice(0, 3);
    expect(recent.map((item) => item.action)).toEqual(['user.erased', 'user.roles_changed', 'user.erased']);
    const times = recent.map((item) => Date.parse(item.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('never erases the ADMIN_EMAIL account (403 protected_admin) nor the last admin (409 last_admin)', async () => {
    const operator = await api()
      .delete('/api/users/me')
      .set(bearer(root.accessToken))
      .send({ password: root.input.password })
      .expect(403);
    expect(operator.body.code).toBe('protected_admin');
    // The operator moved ADMIN_EMAIL elsewhere; root is still the only active admin, and erasing themselves would
    // leave the install without one.
    await db
      .collection('users')
      .updateOne({ _id: new Types.ObjectId(root.user.id) }, { $set: { email: 'former-root@example.com' } });
    const res = await api()
      .delete('/api/users/me')
      .set(bearer(root.accessToken))
      .send({ password: root.input.password })
      .expect(409);
    expect(res.body.code).toBe('last_admin');
    expect((await userDoc(root.user.id))?.status).toBe('active');
  });

  it('a retry finishes an erasure that stopped half-way', async () => {
    const hal = await signUp(t.baseUrl);
    const ivy = await signUp(t.baseUrl);
    await befriendAndOpenChat(t.baseUrl, hal, ivy);
    // As if the process died right after marking the account.
    await db.collection('users').updateOne({ _id: new Types.ObjectId(hal.user.id) }, { $set: { status: 'erased' } });
    await api().delete(`/api/admin/users/${hal.user.id}`).set(bearer(root.accessToken)).expect(204);
    await expectNothingLeftOf(hal.user.id);
    expect(await erasedAudits(hal.user.id)).toBe(1);
  });

  describe('racing with the erasure (many rounds)', () => {
    const ROUNDS = 20;

    /** The admin's erasure, started `delayMs` after the racing requests: over the rounds it lands at every step. */
    async function eraseLater(user: SignedUp, delayMs: number) {
      await settle(delayMs);
      return api().delete(`/api/admin/users/${user.user.id}`).set(bearer(root.accessToken));
    }

    it('a sign-in or a refresh at the same moment leaves no live session', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const user = await signUp(t.baseUrl);
        const results = await Promise.all([
          eraseLater(user, (round % 10) * 12),
          api().post('/api/auth/login').send({ login: user.input.username, password: user.input.password }),
          api().post('/api/auth/refresh').set('Cookie', user.cookie),
        ]);
        expect([round, results[0].status]).toEqual([round, 204]);
        expect([round, await liveSessions(user.user.id)]).toEqual([round, 0]);
        for (const res of results.slice(1).filter((r) => r.status === 200)) {
          await api().get('/api/users/me').set(bearer(res.body.accessToken)).expect(401);
        }
      }
    });

    it('friend requests and accepts at the same moment leave no request or friendship', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const [user, other, asker] = await Promise.all([signUp(t.baseUrl), signUp(t.baseUrl), signUp(t.baseUrl)]);
        const pending = await api()
          .post('/api/friends/requests')
          .set(bearer(asker.accessToken))
          .send({ to: user.user.id })
          .expect(201);
        await Promise.all([
          eraseLater(user, (round % 10) * 3 + 4),
          api().post('/api/friends/requests').set(bearer(user.accessToken)).send({ to: other.user.id }),
          api().post('/api/friends/requests').set(bearer(other.accessToken)).send({ to: user.user.id }),
          api().post(`/api/friends/requests/${pending.body.id}/accept`).set(bearer(user.accessToken)),
        ]);
        await settle(50);
        const oid = new Types.ObjectId(user.user.id);
        expect({
          round,
          requests: await db.collection('friend_requests').countDocuments({ $or: [{ from: oid }, { to: oid }] }),
          friendships: await db.collection('friendships').countDocuments({ users: oid }),
        }).toEqual({ round, requests: 0, friendships: 0 });
      }
    });

    it('sends and uploads at the same moment leave no media; every acknowledged text stays, from "Deleted user"', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const [user, friend] = await Promise.all([signUp(t.baseUrl), signUp(t.baseUrl)]);
        const conversationId = await befriendAndOpenChat(t.baseUrl, user, friend);
        const uploaded = await api()
          .post('/api/media')
          .set(bearer(user.accessToken))
          .attach('file', await png(20, 20), { filename: 'p.png', contentType: 'image/png' })
          .expect(201);
        const sends = [
          { clientId: newClientId(), mediaId: uploaded.body.id },
          { clientId: newClientId(), text: 'one' },
          { clientId: newClientId(), text: 'two' },
        ].map((body) =>
          api().post(`/api/conversations/${conversationId}/messages`).set(bearer(user.accessToken)).send(body),
        );
        const upload = api()
          .post('/api/media')
          .set(bearer(user.accessToken))
          .attach('file', await png(24, 24), { filename: 'q.png', contentType: 'image/png' });
        const [erased, ...others] = await Promise.all([eraseLater(user, (round % 10) * 3), upload, ...sends]);
        expect([round, erased.status]).toEqual([round, 204]);
        await settle(50);
        await expectNothingLeftOf(user.user.id);
        const stored = await db
          .collection('messages')
          .find({ senderId: new Types.ObjectId(user.user.id) })
          .toArray();
        // A text that landed during the erasure stays like the person's other messages; what matters is that
        // nothing personal is left (checked above: no session, friendship, request, upload or picture).
        const acknowledged = others
          .slice(1)
          .filter((res) => res.status === 201)
          .map((res) => res.body.id);
        expect([round, acknowledged.filter((id) => !stored.some((m) => m._id.toString() === id))]).toEqual([round, []]);
      }
    });
  });
});
