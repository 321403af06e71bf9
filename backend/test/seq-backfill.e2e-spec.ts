import { getModelToken } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { Types } from 'mongoose';
import request from 'supertest';

import type { MessageView } from '../src/contracts/messages';
import { Conversation } from '../src/messages/schemas/conversation.schema';
import { Message } from '../src/messages/schemas/message.schema';
import { SeqBackfill } from '../src/messages/seq-backfill';
import { bearer, befriendAndOpenChat, newClientId, type SignedUp, signUp } from './support/builders';
import { startTestApp, type TestApp } from './support/test-app';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * An install from before seqs: its messages and conversations are written here in their old shape, straight into
 * the collections, and the app is then started on them.
 */
describe('Seq backfill of messages stored before seqs (e2e)', () => {
  let old: TestApp; // boots the empty database and writes the old data; later a second instance
  let t: TestApp; // starts on the old data
  let a: SignedUp, b: SignedUp, c: SignedUp;
  let withB: string, withC: string;
  /** Old message ids by conversation, oldest first. */
  const stored = new Map<string, Types.ObjectId[]>();
  const messages = (app = old) => app.app.get<Model<Message>>(getModelToken(Message.name));
  const conversations = (app = old) => app.app.get<Model<Conversation>>(getModelToken(Conversation.name));
  const api = () => request(t.baseUrl);

  /** What the code from before seqs left: no seq, no lastSeq, no receipt seqs, the old _id index only. */
  async function makeOldShape(): Promise<void> {
    for (const { name } of await messages().collection.indexes()) {
      if (name !== '_id_') await messages().collection.dropIndex(name!);
    }
    await messages().collection.createIndex({ conversationId: 1, _id: -1 });
    await messages().collection.updateMany({}, { $unset: { seq: '' } });
    await conversations().collection.updateMany(
      {},
      { $unset: { lastSeq: '', lastReadSeq: '', lastDeliveredSeq: '', 'lastMessage.seq': '' } },
    );
    await messages().db.collection('migrations').deleteMany({});
  }

  /** Messages of a conversation as stored: [seq, id] oldest _id first. */
  async function seqsInIdOrder(conversationId: string): Promise<[number | undefined, string][]> {
    const rows = await messages()
      .find({ conversationId: new Types.ObjectId(conversationId) }, { seq: 1 })
      .sort({ _id: 1 })
      .lean();
    return rows.map((row) => [row.seq, row._id.toString()]);
  }

  async function expectNumberedInIdOrder(conversationId: string): Promise<void> {
    const ids = stored.get(conversationId)!.map(String);
    expect(await seqsInIdOrder(conversationId)).toEqual(ids.map((id, i) => [i + 1, id]));
    const conversation = await conversations().findById(conversationId).lean();
    expect(conversation!.lastSeq).toBe(ids.length);
  }

  beforeAll(async () => {
    old = await startTestApp();
    [a, b, c] = [await signUp(old.baseUrl), await signUp(old.baseUrl), await signUp(old.baseUrl)];
    withB = await befriendAndOpenChat(old.baseUrl, a, b);
    withC = await befriendAndOpenChat(old.baseUrl, a, c);
    await makeOldShape();

    // Two conversations written in turns, so their messages interleave in _id order; 900 with b span two batches.
    const start = Math.floor(Date.now() / 1000) - 3600;
    const docs = range(0, 1229).map((i) => {
      const [conversationId, other] = i % 41 < 30 ? [withB, b] : [withC, c];
      const _id = Types.ObjectId.createFromTime(start + i);
      const senderId = new Types.ObjectId(i % 2 ? other.user.id : a.user.id);
      stored.set(conversationId, [...(stored.get(conversationId) ?? []), _id]);
      return {
        _id,
        conversationId: new Types.ObjectId(conversationId),
        senderId,
        clientId: `old-${i}`,
        kind: 'text',
        text: `old ${i}`,
        media: null,
        createdAt: _id.getTimestamp(),
        editedAt: null,
        deletedAt: null,
        applied: true,
      };
    });
    await messages().collection.insertMany(docs);
    const ofB = stored.get(withB)!;
    const last = docs.find((doc) => doc._id.equals(ofB[ofB.length - 1]))!;
    const { senderId, clientId, kind, text, createdAt } = last;
    const lastMessage = { id: last._id, senderId, clientId, kind, text, createdAt, editedAt: null, deletedAt: null };
    await conversations().collection.updateOne(
      { _id: new Types.ObjectId(withB) },
      {
        $set: {
          lastMessage,
          [`lastRead.${b.user.id}`]: ofB[600].toString(),
          [`lastDelivered.${b.user.id}`]: ofB[850].toString(),
          [`unread.${b.user.id}`]: 3,
        },
      },
    );
    // The conversation with c was half done when that start crashed: 4 numbered, lastSeq raised for the batch.
    const ofC = stored.get(withC)!;
    for (const [i, id] of ofC.slice(0, 4).entries())
      await messages().collection.updateOne({ _id: id }, { $set: { seq: i + 1 } });
    await conversations().collection.updateOne({ _id: new Types.ObjectId(withC) }, { $set: { lastSeq: ofC.length } });

    t = await startTestApp({ MONGODB_URI: old.mongodbUri });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await old?.close();
  });

  it('numbers every old message in _id order per conversation when the app starts, and builds the seq index', async () => {
    await expectNumberedInIdOrder(withB);
    await expectNumberedInIdOrder(withC);
    const indexes = await messages(t).collection.indexes();
    expect(indexes).toContainEqual(expect.objectContaining({ key: { conversationId: 1, seq: -1 }, unique: true }));
  });

  it('pages the old history, catches up after an old message, and numbers a new send after the old ones', async () => {
    const ofB = stored.get(withB)!.map(String);
    const newest = await api()
      .get(`/api/conversations/${withB}/messages`)
      .query({ limit: 100 })
      .set(bearer(b.accessToken))
      .expect(200);
    expect(newest.body.items.map((m: MessageView) => m.id)).toEqual(ofB.slice(-100).reverse());
    const older = await api()
      .get(`/api/conversations/${withB}/messages`)
      .query({ before: newest.body.nextCursor, limit: 100 })
      .set(bearer(b.accessToken))
      .expect(200);
    expect(older.body.items.map((m: MessageView) => m.id)).toEqual(ofB.slice(-200, -100).reverse());

    const caughtUp = await api()
      .get(`/api/conversations/${withB}/messages`)
      .query({ after: ofB[ofB.length - 5], limit: 100 })
      .set(bearer(b.accessToken))
      .expect(200);
    expect(caughtUp.body).toEqual({ items: expect.any(Array), nextCursor: null });
    expect(caughtUp.body.items.map((m: MessageView) => [m.seq, m.id])).toEqual(
      ofB.slice(-4).map((id, i) => [ofB.length - 3 + i, id]),
    );

    const list = await api().get('/api/conversations').set(bearer(b.accessToken)).expect(200);
    const before = list.body.items.find((item: { id: string }) => item.id === withB);
    expect(before).toMatchObject({ unread: 3, lastMessage: { id: ofB[ofB.length - 1], seq: ofB.length } });

    const sent = await api()
      .post(`/api/conversations/${withB}/messages`)
      .set(bearer(a.accessToken))
      .send({ clientId: newClientId(), text: 'after the upgrade' })
      .expect(201);
    expect(sent.body.seq).toBe(ofB.length + 1);
    const afterSend = await api().get('/api/conversations').set(bearer(b.accessToken)).expect(200);
    expect(afterSend.body.items.find((item: { id: string }) => item.id === withB)).toMatchObject({
      unread: 4,
      lastMessage: { id: sent.body.id, seq: ofB.length + 1 },
    });
    const toC = await api()
      .post(`/api/conversations/${withC}/messages`)
      .set(bearer(c.accessToken))
      .send({ clientId: newClientId(), text: 'after the crash' })
      .expect(201);
    expect(toC.body.seq).toBe(stored.get(withC)!.length + 1);
    stored.get(withB)!.push(new Types.ObjectId(sent.body.id as string));
    stored.get(withC)!.push(new Types.ObjectId(toC.body.id as string));
  });

  it('keeps the old receipts: an older receipt does not move them back', async () => {
    const ofB = stored.get(withB)!.map(String);
    await api()
      .post(`/api/conversations/${withB}/read`)
      .set(bearer(b.accessToken))
      .send({ upTo: ofB[500] })
      .expect(204);
    const list = await api().get('/api/conversations').set(bearer(a.accessToken)).expect(200);
    expect(list.body.items.find((item: { id: string }) => item.id === withB)).toMatchObject({
      readUpTo: ofB[600],
      deliveredUpTo: ofB[850],
    });
  });

  it('gives the same result when two instances run the backfill at once, many times over', async () => {
    for (let round = 0; round < 6; round++) {
      await makeOldShape();
      await Promise.all([old.app.get(SeqBackfill).run(), t.app.get(SeqBackfill).run()]);
      await expectNumberedInIdOrder(withB);
      await expectNumberedInIdOrder(withC);
      // No seq was given twice: the unique index builds.
      await messages().createIndexes();
    }
  }, 120_000);

  it('does nothing once a start has finished it: later starts only look up its marker', async () => {
    const lone = await messages().collection.insertOne({
      conversationId: new Types.ObjectId(),
      senderId: new Types.ObjectId(a.user.id),
      clientId: newClientId(),
      kind: 'text',
      text: 'stored without a seq after the backfill',
      applied: true,
    });
    await t.app.get(SeqBackfill).run();
    expect((await messages().findById(lone.insertedId).lean())!.seq).toBeUndefined();
  });
});
