import request from 'supertest';

import type { MessageView } from '../src/contracts/messages';
import { bearer, befriendAndOpenChat, newClientId, type SignedUp, signUp } from './support/builders';
import { connect, emitWithAck, settle, type TestSocket } from './support/sockets';
import { startTestApp, type TestApp } from './support/test-app';

describe('Messages (e2e)', () => {
  let t: TestApp;
  let a: SignedUp, b: SignedUp, c: SignedUp;
  let conversationId: string;
  const sockets: TestSocket[] = [];
  const api = () => request(t.baseUrl);
  const open = async (who: SignedUp) => {
    const socket = await connect(t.baseUrl, who.accessToken);
    sockets.push(socket);
    return socket;
  };
  const sendRest = (who: SignedUp, text: string, clientId = newClientId()) =>
    api().post(`/api/conversations/${conversationId}/messages`).set(bearer(who.accessToken)).send({ clientId, text });
  const ids = (messages: { id: string }[]) => messages.map((m) => m.id);
  const sorted = (list: string[]) => [...list].sort();
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    [a, b, c] = [await signUp(t.baseUrl), await signUp(t.baseUrl), await signUp(t.baseUrl)];
    conversationId = await befriendAndOpenChat(t.baseUrl, a, b);
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.close()));

  it('opens one conversation per pair, only between friends', async () => {
    const again = await api()
      .post('/api/conversations')
      .set(bearer(b.accessToken))
      .send({ userId: a.user.id })
      .expect(200);
    expect(again.body).toMatchObject({
      id: conversationId,
      participant: { id: a.user.id },
      unread: 0,
      lastMessage: null,
    });
    const refused = await api()
      .post('/api/conversations')
      .set(bearer(a.accessToken))
      .send({ userId: c.user.id })
      .expect(403);
    expect(refused.body.code).toBe('not_friends');
  });

  it('delivers 200 messages sent both ways at once to both sides exactly once and in seq order, seqs 1 to 200', async () => {
    const [sa, sb] = [await open(a), await open(b)];
    const sends = [];
    for (let i = 0; i < 100; i++) {
      sends.push(emitWithAck(sa.socket, 'message:send', { conversationId, clientId: newClientId(), text: `a${i}` }));
      sends.push(emitWithAck(sb.socket, 'message:send', { conversationId, clientId: newClientId(), text: `b${i}` }));
      if (i % 25 === 24) await settle(50);
    }
    const acks = await Promise.all(sends);
    expect(acks.every((ack) => ack.ok)).toBe(true);

    await settle(500);
    for (const side of [sa, sb]) {
      const received = side.received('message:new').map((p) => p.message.id as string);
      expect(received).toHaveLength(200);
      expect(new Set(received).size).toBe(200);
      expect(received).toEqual(sorted(received));
      expect(side.received('message:new').map((p) => p.message.seq)).toEqual(range(1, 200));
    }
    const history = await api()
      .get(`/api/conversations/${conversationId}/messages`)
      .query({ limit: 100 })
      .set(bearer(a.accessToken))
      .expect(200);
    expect(history.body.items).toHaveLength(100);
  });

  it('treats a repeated clientId as the same message, over the socket and REST', async () => {
    const [sa, sb] = [await open(a), await open(b)];
    const clientId = newClientId();
    const first = await emitWithAck(sa.socket, 'message:send', { conversationId, clientId, text: 'once' });
    const retry = await emitWithAck(sa.socket, 'message:send', { conversationId, clientId, text: 'once' });
    const rest = await sendRest(a, 'once', clientId).expect(201);
    expect(retry.message.id).toBe(first.message.id);
    expect(rest.body.id).toBe(first.message.id);
    await settle();
    expect(sb.received('message:new')).toHaveLength(1);
    const list = await api().get('/api/conversations').set(bearer(b.accessToken)).expect(200);
    expect(list.body.items[0]).toMatchObject({ unread: 1, lastMessage: { id: first.message.id, text: 'once' } });
  });

  it('lets a client that was offline catch up with `after`', async () => {
    const seen = await sendRest(a, 'before the break').expect(201);
    const sb = await open(b);
    sb.close();
    const sentWhileAway: string[] = [];
    for (let i = 0; i < 5; i++) sentWhileAway.push((await sendRest(a, `while away ${i}`).expect(201)).body.id);

    await open(b);
    const caughtUp = await api()
      .get(`/api/conversations/${conversationId}/messages`)
      .query({ after: seen.body.id })
      .set(bearer(b.accessToken))
      .expect(200);
    expect(ids(caughtUp.body.items)).toEqual(sentWhileAway);
    expect(caughtUp.body.items[0].text).toBe('while away 0');
  });

  it('refuses a non-participant everywhere: read, send, edit, delete, receipts, typing', async () => {
    const message = (await sendRest(a, 'private').expect(201)).body;
    await api().get(`/api/conversations/${conversationId}/messages`).set(bearer(c.accessToken)).expect(403);
    await api()
      .post(`/api/conversations/${conversationId}/messages`)
      .set(bearer(c.accessToken))
      .send({ clientId: newClientId(), text: 'hi' })
      .expect(403);
    await api().patch(`/api/messages/${message.id}`).set(bearer(c.accessToken)).send({ text: 'mine now' }).expect(403);
    await api().delete(`/api/messages/${message.id}`).set(bearer(c.accessToken)).expect(403);
    await api()
      .post(`/api/conversations/${conversationId}/read`)
      .set(bearer(c.accessToken))
      .send({ upTo: message.id })
      .expect(403);

    const sc = await open(c);
    for (const [event, payload] of [
      ['message:send', { conversationId, clientId: newClientId(), text: 'hi' }],
      ['message:received', { conversationId, upTo: message.id }],
      ['conversation:read', { conversationId, upTo: message.id }],
      ['typing', { conversationId, typing: true }],
    ] as const) {
      expect(await emitWithAck(sc.socket, event, payload)).toMatchObject({
        ok: false,
        error: { statusCode: 403, error: 'Forbidden' },
      });
    }
    await api().get('/api/conversations/000000000000000000000000/messages').set(bearer(a.accessToken)).expect(404);
  });

  it('lets only the sender edit and delete; edits and deletes reach both sides and the preview', async () => {
    const [sa, sb] = [await open(a), await open(b)];
    const message = (await sendRest(a, 'first draft').expect(201)).body as MessageView;
    await api().patch(`/api/messages/${message.id}`).set(bearer(b.accessToken)).send({ text: 'hijack' }).expect(403);
    await api().delete(`/api/messages/${message.id}`).set(bearer(b.accessToken)).expect(403);

    const edited = await api()
      .patch(`/api/messages/${message.id}`)
      .set(bearer(a.accessToken))
      .send({ text: ' final ' })
      .expect(200);
    expect(edited.body).toMatchObject({ text: 'final', editedAt: expect.any(String) });
    expect((await sb.next('message:updated')).message).toMatchObject({ id: message.id, text: 'final' });
    let list = await api().get('/api/conversations').set(bearer(b.accessToken)).expect(200);
    expect(list.body.items[0].lastMessage.text).toBe('final');

    const deleted = await api().delete(`/api/messages/${message.id}`).set(bearer(a.accessToken)).expect(200);
    expect(deleted.body).toEqual({
      id: message.id,
      conversationId,
      seq: message.seq,
      senderId: a.user.id,
      clientId: message.clientId,
      kind: 'text',
      createdAt: message.createdAt,
      deletedAt: expect.any(String),
    });
    expect(await sb.next('message:deleted')).toEqual({
      id: message.id,
      conversationId,
      deletedAt: deleted.body.deletedAt,
    });
    await sa.next('message:deleted');
    list = await api().get('/api/conversations').set(bearer(b.accessToken)).expect(200);
    expect(list.body.items[0].lastMessage).toMatchObject({ id: message.id, deletedAt: deleted.body.deletedAt });
    expect(list.body.items[0].lastMessage.text).toBeUndefined();
    const edit = await api()
      .patch(`/api/messages/${message.id}`)
      .set(bearer(a.accessToken))
      .send({ text: 'back' })
      .expect(409);
    expect(edit.body.code).toBe('message_deleted');
  });

  it('walks 250 messages page by page with no gap or duplicate while new ones arrive', async () => {
    const sent: string[] = [];
    for (let i = 0; i < 250; i++) sent.push((await sendRest(i % 2 ? a : b, `m${i}`).expect(201)).body.id);

    const walked: string[] = [];
    let before: string | null = null;
    do {
      const query: Record<string, string | number> = before ? { before, limit: 40 } : { limit: 40 };
      const page = await api()
        .get(`/api/conversations/${conversationId}/messages`)
        .query(query)
        .set(bearer(a.accessToken))
        .expect(200);
      if (!before) walked.push(...ids(page.body.items));
      else walked.push(...ids(page.body.items));
      before = page.body.nextCursor;
      await sendRest(a, 'arriving meanwhile').expect(201);
    } while (before);

    expect(walked).toEqual([...sent].reverse());
  });

  it('keeps unread counts and sends delivered and read receipts to the sender', async () => {
    const [sa, sb] = [await open(a), await open(b)];
    const sent: MessageView[] = [];
    for (let i = 0; i < 3; i++)
      sent.push(
        (await emitWithAck(sa.socket, 'message:send', { conversationId, clientId: newClientId(), text: `hi ${i}` }))
          .message,
      );
    const last = sent[2].id;

    let listB = await api().get('/api/conversations').set(bearer(b.accessToken)).expect(200);
    expect(listB.body.items[0].unread).toBe(3);
    const listA = await api().get('/api/conversations').set(bearer(a.accessToken)).expect(200);
    expect(listA.body.items[0].unread).toBe(0);

    expect(await emitWithAck(sb.socket, 'message:received', { conversationId, upTo: last })).toEqual({ ok: true });
    const lastSeq = sent[2].seq;
    expect(await sa.next('conversation:delivered')).toEqual({
      conversationId,
      userId: b.user.id,
      upTo: last,
      upToSeq: lastSeq,
    });

    expect(await emitWithAck(sb.socket, 'conversation:read', { conversationId, upTo: last })).toEqual({ ok: true });
    expect(await sa.next('conversation:read')).toEqual({
      conversationId,
      userId: b.user.id,
      upTo: last,
      upToSeq: lastSeq,
    });
    listB = await api().get('/api/conversations').set(bearer(b.accessToken)).expect(200);
    expect(listB.body.items[0].unread).toBe(0);
    const afterRead = await api().get('/api/conversations').set(bearer(a.accessToken)).expect(200);
    expect(afterRead.body.items[0]).toMatchObject({
      deliveredUpTo: last,
      deliveredUpToSeq: lastSeq,
      readUpTo: last,
      readUpToSeq: lastSeq,
    });
  });

  it('sends no "Seen" for a reader who turned read receipts off', async () => {
    await api()
      .patch('/api/users/me')
      .set(bearer(b.accessToken))
      .send({ settings: { readReceipts: false } })
      .expect(200);
    const sa = await open(a);
    const message = (await sendRest(a, 'did you read this?').expect(201)).body;
    await api()
      .post(`/api/conversations/${conversationId}/read`)
      .set(bearer(b.accessToken))
      .send({ upTo: message.id })
      .expect(204);
    await settle();
    expect(sa.received('conversation:read')).toEqual([]);
    const listA = await api().get('/api/conversations').set(bearer(a.accessToken)).expect(200);
    expect(listA.body.items[0].readUpTo).toBeNull();
  });

  it('relays typing to the other participant only', async () => {
    const [sa, sb, sa2] = [await open(a), await open(b), await open(a)];
    expect(await emitWithAck(sa.socket, 'typing', { conversationId, typing: true })).toEqual({ ok: true });
    expect(await sb.next('typing')).toEqual({ conversationId, userId: a.user.id, typing: true });
    await settle();
    expect(sa.received('typing')).toEqual([]);
    expect(sa2.received('typing')).toEqual([]);
  });

  it('rejects empty and over-long text with 400', async () => {
    const empty = await sendRest(a, '   ').expect(400);
    expect(empty.body.errors.text).toBeDefined();
    await sendRest(a, 'x'.repeat(4001)).expect(400);
    await sendRest(a, 'x'.repeat(4000)).expect(201);
    const sa = await open(a);
    const ack = await emitWithAck(sa.socket, 'message:send', { conversationId, clientId: newClientId(), text: '' });
    expect(ack).toMatchObject({ ok: false, error: { statusCode: 400, code: 'validation_failed' } });
  });

  it('keeps history readable after unfriending but refuses new messages with a clear 403', async () => {
    const kept = (await sendRest(a, 'still here').expect(201)).body;
    await api().delete(`/api/friends/${b.user.id}`).set(bearer(a.accessToken)).expect(204);
    const refused = await sendRest(b, 'hello?').expect(403);
    expect(refused.body.message).toMatch(/not friends/);
    const history = await api()
      .get(`/api/conversations/${conversationId}/messages`)
      .set(bearer(b.accessToken))
      .expect(200);
    expect(ids(history.body.items)).toEqual([kept.id]);
  });
});
