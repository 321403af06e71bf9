import { getModelToken } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { Types } from 'mongoose';
import request from 'supertest';

import type { MessageView } from '../src/contracts/messages';
import type { Page } from '../src/contracts/users';
import { Conversation } from '../src/messages/schemas/conversation.schema';
import { Message } from '../src/messages/schemas/message.schema';
import { bearer, befriendAndOpenChat, newClientId, type SignedUp, signUp } from './support/builders';
import { connect, emitWithAck, settle, type TestSocket } from './support/sockets';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The per-conversation seq on one instance. Gaps that several instances or a crash leave behind are made here by
 * hand (a seq taken and stored late, or never), so each case runs every time; scale-out.e2e-spec.ts does it for real.
 */
describe('Message seq: order, paging and catch-up (e2e)', () => {
  let t: TestApp;
  let a: SignedUp, b: SignedUp;
  let conversationId: string;
  const sockets: TestSocket[] = [];
  const api = () => request(t.baseUrl);
  const messages = () => t.app.get<Model<Message>>(getModelToken(Message.name));
  const conversations = () => t.app.get<Model<Conversation>>(getModelToken(Conversation.name));
  const open = async (who: SignedUp) => {
    const socket = await connect(t.baseUrl, who.accessToken);
    sockets.push(socket);
    return socket;
  };
  const sendRest = (who: SignedUp, text: string, clientId = newClientId()) =>
    api().post(`/api/conversations/${conversationId}/messages`).set(bearer(who.accessToken)).send({ clientId, text });
  /** A history request, sent at once (a supertest request left unawaited is not sent). */
  const page = async (query: Record<string, string | number>): Promise<{ body: Page<MessageView> }> =>
    api().get(`/api/conversations/${conversationId}/messages`).query(query).set(bearer(b.accessToken)).expect(200);
  /** What another instance does between taking a seq and storing its message. */
  const takeSeq = async () =>
    (await conversations()
      .findByIdAndUpdate(conversationId, { $inc: { lastSeq: 1 } }, { new: true })
      .exec())!.lastSeq;
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    [a, b] = [await signUp(t.baseUrl), await signUp(t.baseUrl)];
    conversationId = await befriendAndOpenChat(t.baseUrl, a, b);
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.close()));

  /** Three attempts each (two sockets and REST) stay within the per-user send burst of 120. */
  const SENDS = 36;

  it('numbers racing sends and their retries 1..N with no gap, and pages them by seq both ways', async () => {
    const [sa, sa2, sb] = [await open(a), await open(a), await open(b)];
    const clientIds = Array.from({ length: SENDS }, () => newClientId());
    const attempts = clientIds.flatMap((clientId, i) => {
      const payload = { conversationId, clientId, text: `m${i}` };
      return [
        emitWithAck(sa.socket, 'message:send', payload).then((ack) => ack.message as MessageView),
        emitWithAck(sa2.socket, 'message:send', payload).then((ack) => ack.message as MessageView),
        sendRest(a, `m${i}`, clientId)
          .expect(201)
          .then((res) => res.body as MessageView),
      ];
    });
    const results = await Promise.all(attempts);
    for (let i = 0; i < clientIds.length; i++) {
      const [first, ...retries] = results.slice(i * 3, i * 3 + 3);
      for (const retry of retries) expect(retry).toEqual(first);
    }
    const stored = [...new Map(results.map((m) => [m.id, m])).values()];
    expect(stored.map((m) => m.seq).sort((x, y) => x - y)).toEqual(range(1, SENDS));

    await settle(300);
    expect(sb.received('message:new').map((p) => p.message.seq)).toEqual(range(1, SENDS));

    const forward: number[] = [];
    let after = stored.find((m) => m.seq === 1)!.id;
    for (;;) {
      const res = await page({ after, limit: 7 });
      forward.push(...res.body.items.map((m: MessageView) => m.seq));
      if (!res.body.nextCursor) break;
      after = res.body.nextCursor;
    }
    expect(forward).toEqual(range(2, SENDS));

    const backward: number[] = [];
    let before: string | null = null;
    do {
      const res = await page(before ? { before, limit: 9 } : { limit: 9 });
      backward.push(...res.body.items.map((m: MessageView) => m.seq));
      before = res.body.nextCursor;
    } while (before);
    expect(backward).toEqual(range(1, SENDS).reverse());
  });

  it('makes a catch-up wait for a seq that is taken but stored late, instead of skipping it', async () => {
    const seen = (await sendRest(a, 'seen').expect(201)).body as MessageView;
    const lateId = new Types.ObjectId();
    const late = await takeSeq();
    const next = (await sendRest(a, 'stored first').expect(201)).body as MessageView;
    expect(next.seq).toBe(late + 1);

    const catchUp = page({ after: seen.id });
    await settle(300);
    await messages().create({
      _id: lateId,
      conversationId: new Types.ObjectId(conversationId),
      seq: late,
      senderId: new Types.ObjectId(b.user.id),
      clientId: newClientId(),
      text: 'stored late',
      applied: true,
    });
    const res = await catchUp;
    expect(res.body.items.map((m) => [m.seq, m.text])).toEqual([
      [late, 'stored late'],
      [next.seq, 'stored first'],
    ]);
  });

  it('skips a seq that is never stored once it is a few seconds old, so nobody waits for ever', async () => {
    const seen = (await sendRest(a, 'seen').expect(201)).body as MessageView;
    const lost = await takeSeq();
    const after = (await sendRest(a, 'after the gap').expect(201)).body as MessageView;
    expect(after.seq).toBe(lost + 1);

    const res = await page({ after: seen.id });
    expect(res.body).toEqual({ items: [after], nextCursor: null });
    const newest = await page({});
    expect(newest.body.items.map((m: MessageView) => m.seq)).toEqual([after.seq, seen.seq]);
  }, 20_000);

  it('completes a send that stopped after storing when it is retried, and tells everyone once', async () => {
    const sb = await open(b);
    const clientId = newClientId();
    const half = await messages().create({
      conversationId: new Types.ObjectId(conversationId),
      seq: await takeSeq(),
      senderId: new Types.ObjectId(a.user.id),
      clientId,
      text: 'half-finished',
    });
    let list = await api().get('/api/conversations').set(bearer(b.accessToken)).expect(200);
    expect(list.body.items[0]).toMatchObject({ unread: 0, lastMessage: null });

    const retried = await sendRest(a, 'half-finished', clientId).expect(201);
    expect(retried.body).toMatchObject({ id: half.id, seq: half.seq, text: 'half-finished' });
    await sendRest(a, 'half-finished', clientId).expect(201);
    await settle();
    expect(sb.received('message:new').map((p) => p.message.id)).toEqual([half.id]);
    list = await api().get('/api/conversations').set(bearer(b.accessToken)).expect(200);
    expect(list.body.items[0]).toMatchObject({ unread: 1, lastMessage: { id: half.id, seq: half.seq } });
  });

  it('answers 400 to a cursor that is not a message of this conversation', async () => {
    const c = await signUp(t.baseUrl);
    const elsewhere = await befriendAndOpenChat(t.baseUrl, a, c);
    const foreign = await api()
      .post(`/api/conversations/${elsewhere}/messages`)
      .set(bearer(a.accessToken))
      .send({ clientId: newClientId(), text: 'elsewhere' })
      .expect(201);
    for (const cursor of ['after', 'before']) {
      const res = await api()
        .get(`/api/conversations/${conversationId}/messages`)
        .query({ [cursor]: foreign.body.id })
        .set(bearer(b.accessToken))
        .expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'invalid_cursor' });
    }
    const own = (await sendRest(a, 'mine').expect(201)).body as MessageView;
    const both = await api()
      .get(`/api/conversations/${conversationId}/messages`)
      .query({ before: own.id, after: own.id })
      .set(bearer(b.accessToken))
      .expect(400);
    expect(both.body).toMatchObject({ statusCode: 400, code: 'invalid_cursor' });
  });
  it('moves read and delivered receipts forward by seq, whatever the ids, and keeps unread counts right', async () => {
    const sa = await open(a);
    /**
     * Messages from a, stored the way another instance might: ids made later in the hour come first in seq order,
     * so hex order is the reverse of seq order. Each is completed through the send path (unread, preview).
     */
    let minutesAhead = 60;
    const inHexReverse = async (count: number) => {
      const made: MessageView[] = [];
      for (let i = 0; i < count; i++) {
        minutesAhead -= 1;
        const clientId = newClientId();
        await messages().create({
          _id: Types.ObjectId.createFromTime(Math.floor(Date.now() / 1000) + minutesAhead * 60),
          conversationId: new Types.ObjectId(conversationId),
          seq: await takeSeq(),
          senderId: new Types.ObjectId(a.user.id),
          clientId,
          text: `crafted ${i}`,
        });
        made.push((await sendRest(a, `crafted ${i}`, clientId).expect(201)).body);
      }
      return made;
    };
    const receipt = (path: 'read' | 'received', upTo: string) =>
      path === 'read'
        ? api().post(`/api/conversations/${conversationId}/read`).set(bearer(b.accessToken)).send({ upTo }).expect(204)
        : open(b).then(async (sb) =>
            expect(await emitWithAck(sb.socket, 'message:received', { conversationId, upTo })).toEqual({ ok: true }),
          );
    const seenByA = async () =>
      (await api().get('/api/conversations').set(bearer(a.accessToken)).expect(200)).body.items[0];
    const unreadOfB = async () =>
      (await api().get('/api/conversations').set(bearer(b.accessToken)).expect(200)).body.items[0].unread;

    const [m1, m2, m3] = await inHexReverse(3);
    expect(m1.id > m2.id && m2.id > m3.id && m1.seq < m2.seq && m2.seq < m3.seq).toBe(true);
    expect(await unreadOfB()).toBe(3);

    await receipt('received', m3.id);
    await receipt('received', m1.id);
    await receipt('read', m2.id);
    expect(await seenByA()).toMatchObject({ deliveredUpTo: m3.id, readUpTo: m2.id });
    expect(await unreadOfB()).toBe(0);

    const [m4] = await inHexReverse(1);
    expect(await unreadOfB()).toBe(1);
    await receipt('read', m1.id);
    expect(await seenByA()).toMatchObject({ deliveredUpTo: m3.id, readUpTo: m2.id });
    expect(await unreadOfB()).toBe(1);

    await receipt('read', m4.id);
    expect(await seenByA()).toMatchObject({
      deliveredUpTo: m4.id,
      deliveredUpToSeq: m4.seq,
      readUpTo: m4.id,
      readUpToSeq: m4.seq,
    });
    expect(await unreadOfB()).toBe(0);
    await settle();
    expect(sa.received('conversation:read').map((p) => [p.upTo, p.upToSeq])).toEqual([
      [m2.id, m2.seq],
      [m4.id, m4.seq],
    ]);
    expect(sa.received('conversation:delivered').map((p) => p.upTo)).toEqual([m3.id]);

    // A message that lands after a newer one was read is not counted as unread.
    const lateSeq = await takeSeq();
    const m5 = (await sendRest(a, 'newer').expect(201)).body as MessageView;
    await receipt('read', m5.id);
    const lateClientId = newClientId();
    await messages().create({
      conversationId: new Types.ObjectId(conversationId),
      seq: lateSeq,
      senderId: new Types.ObjectId(a.user.id),
      clientId: lateClientId,
      text: 'late',
    });
    await sendRest(a, 'late', lateClientId).expect(201);
    expect(await unreadOfB()).toBe(0);
    expect(await seenByA()).toMatchObject({ readUpTo: m5.id, lastMessage: { id: m5.id } });
  });

  it('answers 400 to a receipt for a message of another conversation', async () => {
    const c = await signUp(t.baseUrl);
    const elsewhere = await befriendAndOpenChat(t.baseUrl, b, c);
    const foreign = await api()
      .post(`/api/conversations/${elsewhere}/messages`)
      .set(bearer(c.accessToken))
      .send({ clientId: newClientId(), text: 'elsewhere' })
      .expect(201);
    const res = await api()
      .post(`/api/conversations/${conversationId}/read`)
      .set(bearer(b.accessToken))
      .send({ upTo: foreign.body.id })
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'invalid_up_to' });
  });
});
