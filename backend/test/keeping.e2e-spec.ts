import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { getConnectionToken } from '@nestjs/mongoose';
import { type Connection, Types } from 'mongoose';
import request from 'supertest';

import { RetentionJob } from '../src/compliance/retention.job';
import type { ExportLine } from '../src/contracts/compliance';
import type { MessageView } from '../src/contracts/messages';
import { MessageKeepingService } from '../src/messages/message-keeping.service';
import { bearer, befriend, befriendAndOpenChat, newClientId, type SignedUp, signUp } from './support/builders';
import { png } from './support/media-fixtures';
import { connect, settle, type TestSocket } from './support/sockets';
import { startTestApp, type TestApp } from './support/test-app';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('Keeping what was said (e2e)', () => {
  let t: TestApp;
  /** Another instance on the same database (retention on several instances), closed only at the end. */
  let otherInstance: TestApp | null = null;
  let db: Connection;
  let admin: SignedUp, a: SignedUp, b: SignedUp, c: SignedUp;
  let conversationId: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-keeping-'));
  const mediaDir = join(dataDir, 'media');
  const storedFiles = () => readdirSync(mediaDir).filter((name) => name !== 'tmp');
  const sockets: TestSocket[] = [];
  const api = () => request(t.baseUrl);
  const open = async (who: SignedUp) => {
    const socket = await connect(t.baseUrl, who.accessToken);
    sockets.push(socket);
    return socket;
  };
  const send = async (who: SignedUp, text: string, to = conversationId): Promise<MessageView> =>
    (
      await api()
        .post(`/api/conversations/${to}/messages`)
        .set(bearer(who.accessToken))
        .send({ clientId: newClientId(), text })
        .expect(201)
    ).body;
  const sendPicture = async (who: SignedUp, text: string): Promise<MessageView> => {
    const upload = await api()
      .post('/api/media')
      .set(bearer(who.accessToken))
      .attach('file', await png(), { filename: 'p.png', contentType: 'image/png' })
      .expect(201);
    return (
      await api()
        .post(`/api/conversations/${conversationId}/messages`)
        .set(bearer(who.accessToken))
        .send({ clientId: newClientId(), mediaId: upload.body.id, text })
        .expect(201)
    ).body;
  };
  const history = async (who: SignedUp, query: Record<string, string> = {}, to = conversationId) =>
    (await api().get(`/api/conversations/${to}/messages`).query(query).set(bearer(who.accessToken)).expect(200)).body
      .items as MessageView[];
  const chatOf = async (who: SignedUp, id = conversationId) =>
    ((await api().get('/api/conversations').set(bearer(who.accessToken)).expect(200)).body.items as any[]).find(
      (chat) => chat.id === id,
    );
  /** A group of a with b (already a's friend) and, when given, others befriended first. */
  const groupOf = async (others: SignedUp[] = []) => {
    for (const other of others) await befriend(t.baseUrl, a, other);
    const group = await api()
      .post('/api/conversations')
      .set(bearer(a.accessToken))
      .send({ userIds: [b.user.id, ...others.map((o) => o.user.id)], name: 'Team' })
      .expect(201);
    return group.body.id as string;
  };
  const edit = (who: SignedUp, id: string, text: string) =>
    api().patch(`/api/messages/${id}`).set(bearer(who.accessToken)).send({ text }).expect(200);
  const versionsOf = (who: SignedUp, id: string) =>
    api().get(`/api/messages/${id}/history`).set(bearer(who.accessToken));
  const hide = (who: SignedUp, id: string) =>
    api().delete(`/api/messages/${id}`).query({ for: 'me' }).set(bearer(who.accessToken));
  const hold = (body: object) => api().post('/api/admin/holds').set(bearer(admin.accessToken)).send(body);
  const backdate = (ids: string[], days: number) =>
    db
      .collection('messages')
      .updateMany(
        { _id: { $in: ids.map((id) => new Types.ObjectId(id)) } },
        { $set: { createdAt: new Date(Date.now() - days * DAY_MS) } },
      );
  const exportOf = async (
    users: SignedUp[],
    from = new Date(Date.now() - 400 * DAY_MS),
    to = new Date(Date.now() + DAY_MS),
  ) => {
    const res = await api()
      .get('/api/admin/export')
      .query({ from: from.toISOString(), to: to.toISOString(), userIds: users.map((u) => u.user.id).join(',') })
      .set(bearer(admin.accessToken))
      .buffer(true)
      .parse((response, done) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => done(null, text));
      })
      .expect(200);
    return {
      res,
      lines: (res.body as string)
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as ExportLine),
    };
  };

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_EMAIL: 'keeper@example.com', DATA_DIR: dataDir });
    db = t.app.get<Connection>(getConnectionToken());
    admin = await signUp(t.baseUrl, { email: 'keeper@example.com' });
  });
  afterAll(async () => {
    // Not otherInstance.close(): that drops the database both instances share.
    await otherInstance?.app.close();
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    [a, b, c] = [await signUp(t.baseUrl), await signUp(t.baseUrl), await signUp(t.baseUrl)];
    conversationId = await befriendAndOpenChat(t.baseUrl, a, b);
  });
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.close());
    await db.collection('legal_holds').deleteMany({});
  });

  describe('edit history', () => {
    it('keeps every earlier version, oldest first, for the participants only', async () => {
      const message = await send(a, 'first');
      await edit(a, message.id, 'second');
      await edit(a, message.id, 'third');
      for (const who of [a, b]) {
        const res = await versionsOf(who, message.id).expect(200);
        expect(res.body.messageId).toBe(message.id);
        expect(res.body.versions.map((v: { text: string }) => v.text)).toEqual(['first', 'second']);
        expect(res.body.versions[0].at).toBe(message.createdAt);
      }
      expect((await versionsOf(c, message.id).expect(403)).body.code).toBe('not_participant');
      await versionsOf(a, new Types.ObjectId().toString()).expect(404);
      await versionsOf(a, 'nope').expect(400);
    });

    it('keeps each of many concurrent edits exactly once', async () => {
      const message = await send(a, 'v0');
      await Promise.all(Array.from({ length: 10 }, (_, i) => edit(a, message.id, `v${i + 1}`)));
      const { versions } = (await versionsOf(b, message.id).expect(200)).body;
      const current = (await history(b)).find((m) => m.id === message.id)!.text!;
      const texts = [...versions.map((v: { text: string }) => v.text), current];
      expect(new Set(texts).size).toBe(11);
      expect(texts.sort()).toEqual(Array.from({ length: 11 }, (_, i) => `v${i}`).sort());
    });

    it('shows a group message history only to members who may read it, and none once deleted', async () => {
      const groupId = await groupOf();
      const message = await send(a, 'before c joined', groupId);
      await edit(a, message.id, 'edited before c joined');
      await befriend(t.baseUrl, a, c);
      await api()
        .post(`/api/conversations/${groupId}/members`)
        .set(bearer(a.accessToken))
        .send({ userIds: [c.user.id] })
        .expect(200);
      await versionsOf(b, message.id).expect(200);
      expect((await versionsOf(c, message.id).expect(404)).body.code).toBe('message_not_found');
      await api().delete(`/api/messages/${message.id}`).set(bearer(a.accessToken)).expect(200);
      expect((await versionsOf(b, message.id).expect(200)).body.versions).toEqual([]);
      expect(
        await db.collection('message_versions').countDocuments({ messageId: new Types.ObjectId(message.id) }),
      ).toBe(0);
    });
  });

  describe('delete for me', () => {
    it('hides a message for me everywhere (history, catch-up, preview, unread, my other tabs), not for the others', async () => {
      const first = await send(a, 'one');
      const second = await send(a, 'two');
      const [bTab, bOtherTab, aTab] = [await open(b), await open(b), await open(a)];
      expect((await chatOf(b)).unread).toBe(2);

      await hide(b, second.id).expect(204);
      const event = await bOtherTab.next('message:hidden');
      expect(event).toEqual({ id: second.id, conversationId });
      await bTab.next('message:hidden');
      await hide(b, second.id).expect(204); // idempotent: nothing changes, nothing is told again
      await settle(200);
      expect(bOtherTab.received('message:hidden')).toHaveLength(1);
      expect(aTab.received('message:hidden')).toHaveLength(0);

      expect((await history(b)).map((m) => m.id)).toEqual([first.id]);
      expect((await history(b, { after: first.id })).map((m) => m.id)).toEqual([]);
      const chat = await chatOf(b);
      expect(chat.lastMessage).toMatchObject({ id: first.id, text: 'one' });
      expect(chat.unread).toBe(1);
      await versionsOf(b, second.id).expect(404);

      expect((await history(a)).map((m) => m.id)).toEqual([second.id, first.id]);
      expect((await chatOf(a)).lastMessage).toMatchObject({ id: second.id });
      // Any message I can see, mine or not; not one I can't.
      await hide(a, first.id).expect(204);
      expect((await history(a)).map((m) => m.id)).toEqual([second.id]);
      expect((await hide(c, first.id).expect(403)).body.code).toBe('not_participant');
      await hide(b, 'x').expect(400);
      await api().delete(`/api/messages/${first.id}`).query({ for: 'all' }).set(bearer(a.accessToken)).expect(400);
    });

    it('keeps a conversation update (conversation:updated) of a group on the preview I still see', async () => {
      const groupId = await groupOf([c]);
      const kept = await send(a, 'kept', groupId);
      const gone = await send(a, 'gone', groupId);
      await hide(b, gone.id).expect(204);
      expect((await chatOf(b, groupId)).lastMessage).toMatchObject({ id: kept.id });
      const bTab = await open(b);
      await api().patch(`/api/conversations/${groupId}`).set(bearer(a.accessToken)).send({ name: 'Renamed' });
      const update = await bTab.next('conversation:updated', (p) => p.conversation.name === 'Renamed');
      expect(update.conversation.lastMessage).not.toMatchObject({ id: gone.id });
      expect((await chatOf(c, groupId)).lastMessage.id).not.toBe(kept.id);
    });
  });

  describe('retention', () => {
    it('removes messages older than the limit with their media files and versions, audited, and keeps held ones', async () => {
      const other = await befriendAndOpenChat(t.baseUrl, a, c);
      const old = await send(a, 'old');
      await edit(a, old.id, 'old, edited');
      const picture = await sendPicture(a, 'old picture');
      const recent = await send(a, 'recent');
      const heldOld = await send(a, 'old but held', other);
      await backdate([old.id, picture.id, heldOld.id], 40);
      await hold({ kind: 'conversation', targetId: other }).expect(201);
      const filesBefore = storedFiles().length;

      const job = t.app.get(RetentionJob);
      expect(await job.run()).toBeNull(); // off unless RETENTION_DAYS is set
      const removed = await job.run({ days: 30 });
      expect(removed).toBeGreaterThanOrEqual(2);

      expect((await history(b)).map((m) => m.id)).toEqual([recent.id]);
      expect((await history(c, {}, other)).map((m) => m.id)).toEqual([heldOld.id]);
      await api().get(picture.media!.url).set(bearer(b.accessToken)).expect(404);
      expect(storedFiles().length).toBeLessThan(filesBefore);
      expect(await db.collection('media').countDocuments({ _id: new Types.ObjectId(picture.media!.id) })).toBe(0);
      expect(await db.collection('message_versions').countDocuments({ messageId: new Types.ObjectId(old.id) })).toBe(0);
      const audit = await db.collection('audit').findOne({ action: 'retention.ran' }, { sort: { _id: -1 } });
      expect(audit).toMatchObject({ actorId: null, details: { days: 30, removed } });
      expect(await job.run({ days: 30 })).toBe(0); // idempotent
    });

    it('removes each message once when several instances run it at once, a chunk at a time', async () => {
      otherInstance = await startTestApp({ MONGODB_URI: t.mongodbUri });
      {
        const sent: string[] = [];
        for (let i = 0; i < 30; i++) sent.push((await send(a, `m${i}`)).id);
        await backdate(sent, 100);
        const jobs = [t.app.get(RetentionJob), otherInstance.app.get(RetentionJob)];
        const results = await Promise.all([...jobs, ...jobs].map((job) => job.run({ days: 90, chunkSize: 7 })));
        expect(results.filter((n) => n !== null)).toHaveLength(1);
        expect(results.reduce<number>((sum, n) => sum + (n ?? 0), 0)).toBe(30);
        const left = await db
          .collection('messages')
          .countDocuments({ _id: { $in: sent.map((id) => new Types.ObjectId(id)) } });
        expect(left).toBe(0);
        // The lease was given back: the next run may start at once.
        expect(await jobs[1].run({ days: 90 })).toBe(0);
      }
    });
  });

  describe('legal hold', () => {
    it('keeps a held deleted message for the export and nowhere else', async () => {
      const kept = await send(a, 'an ordinary line');
      const secret = await send(a, 'the contract was backdated');
      await edit(a, secret.id, 'nothing to see');
      const picture = await sendPicture(a, 'the evidence');
      await hold({ kind: 'user', targetId: b.user.id, reason: 'Case 7' }).expect(201);

      await api().delete(`/api/messages/${secret.id}`).set(bearer(a.accessToken)).expect(200);
      await api().delete(`/api/messages/${picture.id}`).set(bearer(a.accessToken)).expect(200);
      await hide(b, kept.id).expect(204);

      for (const who of [a, b]) {
        const seen = await history(who);
        const tombstone = seen.find((m) => m.id === secret.id)!;
        expect(tombstone).toEqual(expect.objectContaining({ deletedAt: expect.any(String) }));
        expect(tombstone.text).toBeUndefined();
        expect(JSON.stringify(seen)).not.toMatch(/backdated|nothing to see|evidence/);
        expect(JSON.stringify(await history(who, { after: kept.id }))).not.toMatch(/backdated|evidence/);
        expect(JSON.stringify(await chatOf(who))).not.toMatch(/backdated|evidence/);
        expect((await versionsOf(who, secret.id).expect(200)).body.versions).toEqual([]);
        await api().get(picture.media!.url).set(bearer(who.accessToken)).expect(404);
      }
      const stored = await db.collection('messages').findOne({ _id: new Types.ObjectId(secret.id) });
      expect(stored).toMatchObject({ text: null, media: null });
      expect(JSON.stringify(stored)).not.toMatch(/backdated|nothing/);
      expect(existsSync(mediaDir) && storedFiles().length).toBeGreaterThan(0);

      const { lines } = await exportOf([b]);
      const line = lines.find((l) => l.id === secret.id)!;
      expect(line).toMatchObject({ text: null, deletedAt: expect.any(String) });
      expect(line.versions.map((v) => [v.reason, v.text])).toEqual([
        ['edit', 'the contract was backdated'],
        ['deleted', 'nothing to see'],
      ]);
      const pictureLine = lines.find((l) => l.id === picture.id)!;
      expect(pictureLine.versions).toEqual([
        expect.objectContaining({
          reason: 'deleted',
          text: 'the evidence',
          media: expect.objectContaining({ id: picture.media!.id }),
        }),
      ]);
      expect(lines.find((l) => l.id === kept.id)).toMatchObject({ text: 'an ordinary line', hiddenFor: [b.user.id] });
    });

    it('without a hold, a deletion keeps nothing', async () => {
      const message = await send(a, 'gone for good');
      await edit(a, message.id, 'really gone');
      await api().delete(`/api/messages/${message.id}`).set(bearer(a.accessToken)).expect(200);
      const { lines } = await exportOf([a]);
      expect(lines.find((l) => l.id === message.id)).toMatchObject({ text: null, versions: [] });
    });

    it('keeps an erased account’s pictures under a hold, for the export only', async () => {
      const picture = await sendPicture(b, 'my picture');
      await hold({ kind: 'conversation', targetId: conversationId }).expect(201);
      await api().delete(`/api/admin/users/${b.user.id}`).set(bearer(admin.accessToken)).expect(204);
      await api().get(picture.media!.url).set(bearer(a.accessToken)).expect(404);
      expect(
        await db.collection('media').countDocuments({ _id: new Types.ObjectId(picture.media!.id), held: true }),
      ).toBe(1);
      const { lines } = await exportOf([a]);
      expect(lines.find((l) => l.id === picture.id)!.versions).toEqual([
        expect.objectContaining({ reason: 'erased', media: expect.objectContaining({ id: picture.media!.id }) }),
      ]);
    });

    it('is placed once, listed, released and audited; 404 for an unknown target', async () => {
      const placed = await hold({ kind: 'user', targetId: a.user.id, reason: 'Case 9' }).expect(201);
      expect(placed.body).toMatchObject({
        kind: 'user',
        targetId: a.user.id,
        reason: 'Case 9',
        label: expect.stringContaining(a.user.username),
      });
      const again = await hold({ kind: 'user', targetId: a.user.id }).expect(201);
      expect(again.body.id).toBe(placed.body.id);
      const list = await api().get('/api/admin/holds').set(bearer(admin.accessToken)).expect(200);
      expect(list.body.map((h: { id: string }) => h.id)).toEqual([placed.body.id]);
      await api().delete(`/api/admin/holds/${placed.body.id}`).set(bearer(admin.accessToken)).expect(204);
      await api().delete(`/api/admin/holds/${placed.body.id}`).set(bearer(admin.accessToken)).expect(404);
      const actions = await db
        .collection('audit')
        .find({ targetId: new Types.ObjectId(a.user.id), action: /^hold\./ })
        .toArray();
      expect(actions.map((e) => e.action)).toEqual(['hold.placed', 'hold.released']);
      expect((await hold({ kind: 'user', targetId: new Types.ObjectId().toString() }).expect(404)).body.code).toBe(
        'user_not_found',
      );
      expect(
        (await hold({ kind: 'conversation', targetId: new Types.ObjectId().toString() }).expect(404)).body.code,
      ).toBe('conversation_not_found');
      expect((await hold({ kind: 'everyone', targetId: a.user.id }).expect(400)).body.code).toBeDefined();
    });
  });

  describe('compliance export', () => {
    it('reads in batches with every message once, in time order, each with its own versions', async () => {
      const sent: string[] = [];
      for (let i = 0; i < 7; i++) sent.push((await send(i % 2 ? a : b, `line ${i}`)).id);
      await edit(a, sent[1], 'line 1, edited');
      const reader = t.app.get(MessageKeepingService);
      const lines: ExportLine[] = [];
      const range = [new Date(Date.now() - DAY_MS), new Date(Date.now() + DAY_MS)] as const;
      for await (const line of reader.exportLines([new Types.ObjectId(a.user.id)], ...range, 3)) lines.push(line);
      const mine = lines.filter((line) => line.conversationId === conversationId);
      expect(mine.map((line) => line.id)).toEqual(sent);
      expect(mine.map((line) => line.versions.length)).toEqual([0, 1, 0, 0, 0, 0, 0]);
    });

    it('is for admins only, validated, audited, and streams JSON lines for the range and users', async () => {
      const outside = await send(a, 'long ago');
      await backdate([outside.id], 200);
      const inside = await send(a, 'lately');
      const elsewhere = await send(c, 'not theirs', await befriendAndOpenChat(t.baseUrl, c, admin));
      const path = '/api/admin/export';
      const query = {
        from: new Date(Date.now() - 100 * DAY_MS).toISOString(),
        to: new Date(Date.now() + DAY_MS).toISOString(),
        userIds: b.user.id,
      };
      await api().get(path).query(query).expect(401);
      await api().get(path).query(query).set(bearer(a.accessToken)).expect(403);
      for (const bad of [
        { ...query, userIds: '' },
        { ...query, userIds: 'nope' },
        { ...query, from: 'yesterday' },
        { ...query, to: query.from, from: query.to },
        { from: query.from, to: query.to },
      ]) {
        const res = await api().get(path).query(bad).set(bearer(admin.accessToken)).expect(400);
        expect(res.body).toMatchObject({ statusCode: 400, code: expect.any(String) });
      }
      const { res, lines } = await exportOf([b], new Date(query.from), new Date(query.to));
      expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="compliance-export-.*\.jsonl"$/);
      expect(lines.map((l) => l.id)).toEqual([inside.id]);
      expect(lines.map((l) => l.id)).not.toContain(elsewhere.id);
      expect(lines[0]).toEqual({
        id: inside.id,
        conversationId,
        seq: inside.seq,
        senderId: a.user.id,
        kind: 'text',
        createdAt: inside.createdAt,
        editedAt: null,
        deletedAt: null,
        hiddenFor: [],
        text: 'lately',
        media: null,
        versions: [],
      });
      const audit = await db.collection('audit').findOne({ action: 'export.downloaded' }, { sort: { _id: -1 } });
      expect(audit).toMatchObject({ actorId: new Types.ObjectId(admin.user.id), details: { userIds: [b.user.id] } });
    });
  });
});
