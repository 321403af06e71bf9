import request from 'supertest';

import { bearer, befriendAndOpenChat, newClientId, type SignedUp, signUp } from './support/builders';
import { connect, emitWithAck, settle, type TestSocket } from './support/sockets';
import { startTestApp, type TestApp } from './support/test-app';

/** Helpers over one running app. */
function directory(app: () => TestApp) {
  const api = () => request(app().baseUrl);
  const sockets: TestSocket[] = [];
  return {
    api,
    sockets,
    async open(who: SignedUp) {
      const socket = await connect(app().baseUrl, who.accessToken);
      sockets.push(socket);
      return socket;
    },
    startChat: (from: SignedUp, to: SignedUp) =>
      api().post('/api/conversations').set(bearer(from.accessToken)).send({ userId: to.user.id }),
    sendRest: (from: SignedUp, conversationId: string, text: string) =>
      api()
        .post(`/api/conversations/${conversationId}/messages`)
        .set(bearer(from.accessToken))
        .send({ clientId: newClientId(), text }),
    block: (blocker: SignedUp, blocked: SignedUp) =>
      api().post(`/api/users/${blocked.user.id}/block`).set(bearer(blocker.accessToken)).expect(204),
    unblock: (blocker: SignedUp, blocked: SignedUp) =>
      api().delete(`/api/users/${blocked.user.id}/block`).set(bearer(blocker.accessToken)).expect(204),
    async conversationWith(viewer: SignedUp, otherId: string) {
      const list = await api().get('/api/conversations').set(bearer(viewer.accessToken)).expect(200);
      return list.body.items.find((c: { participant: { id: string } }) => c.participant.id === otherId);
    },
  };
}

const presenceAbout = (socket: TestSocket, userId: string) =>
  socket.received('presence:update').filter((p) => p.userId === userId);

describe('DIRECT_MESSAGES=friends (the default) (e2e)', () => {
  let t: TestApp;
  const d = directory(() => t);

  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('tells the SPA, and keeps chats between friends only: a stranger is 403 not_friends', async () => {
    const providers = await d.api().get('/api/auth/providers').expect(200);
    expect(providers.body.directMessages).toBe('friends');

    const [a, b] = [await signUp(t.baseUrl), await signUp(t.baseUrl)];
    expect((await d.startChat(a, b).expect(403)).body.code).toBe('not_friends');
  });

  it('refuses a message to a friend turned stranger with 403 not_friends', async () => {
    const [a, b] = [await signUp(t.baseUrl), await signUp(t.baseUrl)];
    const conversationId = await befriendAndOpenChat(t.baseUrl, a, b);
    await d.sendRest(a, conversationId, 'hello').expect(201);
    await d.api().delete(`/api/friends/${b.user.id}`).set(bearer(a.accessToken)).expect(204);
    expect((await d.sendRest(b, conversationId, 'still there?').expect(403)).body.code).toBe('not_friends');
  });
});

describe('DIRECT_MESSAGES=everyone (e2e)', () => {
  let t: TestApp;
  let admin: SignedUp;
  const d = directory(() => t);
  const { api, open, startChat, sendRest, block, unblock } = d;
  /** A and B with their direct conversation, opened by A (no friend request). */
  const strangers = async () => {
    const [a, b] = [await signUp(t.baseUrl), await signUp(t.baseUrl)];
    const conversationId = (await startChat(a, b).expect(200)).body.id as string;
    return { a, b, conversationId };
  };

  beforeAll(async () => {
    t = await startTestApp({ DIRECT_MESSAGES: 'everyone', ADMIN_EMAIL: 'root@example.com' });
    admin = await signUp(t.baseUrl, { email: 'root@example.com' });
  });
  afterAll(() => t.close());
  afterEach(() => d.sockets.splice(0).forEach((s) => s.close()));

  it('tells the SPA', async () => {
    expect((await api().get('/api/auth/providers').expect(200)).body.directMessages).toBe('everyone');
  });

  it('lets two colleagues who are not friends chat both ways, and a friend request stays possible', async () => {
    const { a, b, conversationId } = await strangers();
    const sb = await open(b);
    const sent = await sendRest(a, conversationId, 'hi, we have not met').expect(201);
    expect((await sb.next('message:new')).message).toMatchObject({ id: sent.body.id, text: 'hi, we have not met' });

    const again = await startChat(b, a).expect(200);
    expect(again.body).toMatchObject({ id: conversationId, participant: { id: a.user.id } });
    const reply = await emitWithAck(sb.socket, 'message:send', {
      conversationId,
      clientId: newClientId(),
      text: 'hi!',
    });
    expect(reply).toMatchObject({ ok: true, message: { text: 'hi!' } });

    await api().post('/api/friends/requests').set(bearer(a.accessToken)).send({ to: b.user.id }).expect(201);
  });

  it('lets blocking win either way: no new chat, no message, until unblocked', async () => {
    const { a, b, conversationId } = await strangers();
    await sendRest(a, conversationId, 'before').expect(201);
    await block(a, b);
    for (const [from, to] of [
      [a, b],
      [b, a],
    ]) {
      expect((await sendRest(from, conversationId, 'blocked').expect(403)).body.code).toBe('recipient_unavailable');
      expect((await startChat(from, to).expect(403)).body.code).toBe('recipient_unavailable');
    }
    await unblock(a, b);
    await sendRest(b, conversationId, 'after').expect(201);

    const c = await signUp(t.baseUrl);
    await block(c, a);
    expect((await startChat(a, c).expect(403)).body.code).toBe('recipient_unavailable');
    expect((await startChat(c, a).expect(403)).body.code).toBe('recipient_unavailable');
  });

  it('refuses messages to a banned colleague at once, and lets them through again once unbanned', async () => {
    const { a, b, conversationId } = await strangers();
    await sendRest(a, conversationId, 'warms the cached rule').expect(201);
    await api().post(`/api/admin/users/${b.user.id}/ban`).set(bearer(admin.accessToken)).expect(200);
    expect((await sendRest(a, conversationId, 'are you there?').expect(403)).body.code).toBe('recipient_unavailable');
    expect((await startChat(a, b).expect(404)).body.code).toBe('user_not_found');
    await api().post(`/api/admin/users/${b.user.id}/unban`).set(bearer(admin.accessToken)).expect(200);
    await sendRest(a, conversationId, 'welcome back').expect(201);
  });

  it('shows presence to a conversation partner, never to a stranger, an empty chat or someone nobody answered', async () => {
    const { a, b, conversationId } = await strangers();
    await sendRest(b, conversationId, 'hello').expect(201);
    await sendRest(a, conversationId, 'hello back').expect(201);
    const [c, emptyChat, unanswered] = [await signUp(t.baseUrl), await signUp(t.baseUrl), await signUp(t.baseUrl)];
    await startChat(emptyChat, a).expect(200);
    const unansweredChat = (await startChat(unanswered, a).expect(200)).body.id as string;
    await sendRest(unanswered, unansweredChat, 'hi, you do not know me').expect(201);
    const [sb, sc, se, su] = [await open(b), await open(c), await open(emptyChat), await open(unanswered)];
    expect((await su.next('presence:snapshot')).online).toEqual([]);

    const sa = await open(a);
    expect((await sa.next('presence:snapshot')).online).toEqual([b.user.id]);
    await sb.next('presence:update', (p) => p.userId === a.user.id && p.online === true);
    expect((await d.conversationWith(b, a.user.id)).participant).toMatchObject({ id: a.user.id, online: true });

    sa.close();
    const offline = await sb.next('presence:update', (p) => p.userId === a.user.id && p.online === false);
    expect(typeof offline.lastSeenAt).toBe('string');
    expect((await d.conversationWith(b, a.user.id)).participant).toMatchObject({
      online: false,
      lastSeenAt: offline.lastSeenAt,
    });

    await settle();
    expect(presenceAbout(sc, a.user.id)).toEqual([]);
    expect(presenceAbout(se, a.user.id)).toEqual([]);
    expect(presenceAbout(su, a.user.id)).toEqual([]);
    const emptyChatView = (await d.conversationWith(emptyChat, a.user.id)).participant;
    expect(emptyChatView).not.toHaveProperty('online');
    expect(emptyChatView).not.toHaveProperty('lastSeenAt');
  });

  it("tells both people each other's presence once the second of them writes", async () => {
    const { a, b, conversationId } = await strangers();
    const [sa, sb] = [await open(a), await open(b)];
    await settle();
    expect(presenceAbout(sa, b.user.id)).toEqual([]);

    await sendRest(a, conversationId, 'first').expect(201);
    await sendRest(a, conversationId, 'anyone there?').expect(201);
    await settle();
    expect(presenceAbout(sa, b.user.id)).toEqual([]);
    expect(presenceAbout(sb, a.user.id)).toEqual([]);

    await sendRest(b, conversationId, 'yes').expect(201);
    await sa.next('presence:update', (p) => p.userId === b.user.id && p.online === true);
    await sb.next('presence:update', (p) => p.userId === a.user.id && p.online === true);
  });

  it('stops messages and presence at once when a block happens mid-conversation', async () => {
    const { a, b, conversationId } = await strangers();
    const [sa, sb] = [await open(a), await open(b)];
    const send = (socket: TestSocket) =>
      emitWithAck(socket.socket, 'message:send', { conversationId, clientId: newClientId(), text: 'hey' });
    expect((await send(sb)).ok).toBe(true);
    expect((await send(sa)).ok).toBe(true);

    await block(a, b);
    expect(await send(sb)).toMatchObject({ ok: false, error: { statusCode: 403, code: 'recipient_unavailable' } });
    expect(await send(sa)).toMatchObject({ ok: false, error: { statusCode: 403, code: 'recipient_unavailable' } });

    const before = presenceAbout(sb, a.user.id).length;
    sa.close();
    await settle();
    expect(presenceAbout(sb, a.user.id)).toHaveLength(before);
    const sa2 = await open(a);
    expect((await sa2.next('presence:snapshot')).online).toEqual([]);
    expect((await d.conversationWith(b, a.user.id)).participant).not.toHaveProperty('online');
  });

  it('never lets a message through once the block has answered, while sends race it (20 rounds)', async () => {
    for (let round = 0; round < 20; round++) {
      const { a, b, conversationId } = await strangers();
      const sb = await open(b);
      // Drops the cached rule, so the racing sends look it up while the block is being written.
      await block(a, b);
      await unblock(a, b);
      const send = (text: string) =>
        emitWithAck(sb.socket, 'message:send', { conversationId, clientId: newClientId(), text });
      const racing = Array.from({ length: 8 }, (_, i) => send(`racing ${i}`));
      await block(a, b);
      const after = await Promise.all(Array.from({ length: 3 }, (_, i) => send(`after ${i}`)));
      const raced = await Promise.all(racing);

      expect([round, after.filter((ack) => ack.ok)]).toEqual([round, []]);
      const delivered = raced.filter((ack) => ack.ok).map((ack) => ack.message.id);
      const history = await api()
        .get(`/api/conversations/${conversationId}/messages`)
        .set(bearer(a.accessToken))
        .expect(200);
      expect([round, history.body.items.map((m: { id: string }) => m.id).sort()]).toEqual([round, delivered.sort()]);
      sb.close();
    }
  });
});
