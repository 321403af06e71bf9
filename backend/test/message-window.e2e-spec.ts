import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import request from 'supertest';

import type { MessageView, MessageWindowView } from '../src/contracts/messages';
import { bearer, befriend, befriendAndOpenChat, newClientId, type SignedUp, signUp } from './support/builders';
import { startTestApp, type TestApp } from './support/test-app';

/** Opening a conversation at one message (a search result, a reply's original): `?around=`. */
describe('History around a message (e2e)', () => {
  let t: TestApp;
  let a: SignedUp, b: SignedUp;
  let direct: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-window-'));
  const api = () => request(t.baseUrl);
  const sent = async (who: SignedUp, conversationId: string, text: string) =>
    (
      await api()
        .post(`/api/conversations/${conversationId}/messages`)
        .set(bearer(who.accessToken))
        .send({ clientId: newClientId(), text })
        .expect(201)
    ).body as MessageView;
  const sendMany = async (who: SignedUp, conversationId: string, count: number, prefix = 'm') => {
    const messages: MessageView[] = [];
    for (let i = 0; i < count; i++) messages.push(await sent(who, conversationId, `${prefix}${i}`));
    return messages;
  };
  const history = (who: SignedUp, conversationId: string, query: Record<string, string | number>) =>
    api().get(`/api/conversations/${conversationId}/messages`).query(query).set(bearer(who.accessToken));
  const windowAt = async (who: SignedUp, conversationId: string, around: string, limit?: number) =>
    (await history(who, conversationId, { around, ...(limit ? { limit } : {}) }).expect(200)).body as MessageWindowView;
  const texts = (items: MessageView[]) => items.map((message) => message.text ?? message.system?.event);

  beforeAll(async () => {
    t = await startTestApp({ DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    [a, b] = [await signUp(t.baseUrl), await signUp(t.baseUrl)];
    direct = await befriendAndOpenChat(t.baseUrl, a, b);
  });

  it('centres the page on the message, oldest first, and its cursors page on without holes or repeats', async () => {
    const all = await sendMany(a, direct, 30);
    const window = await windowAt(b, direct, all[12].id, 9);
    expect(texts(window.items)).toEqual(['m8', 'm9', 'm10', 'm11', 'm12', 'm13', 'm14', 'm15', 'm16']);
    expect(window.olderCursor).toBe(all[8].id);
    expect(window.newerCursor).toBe(all[16].id);

    const older = (await history(b, direct, { before: window.olderCursor!, limit: 100 }).expect(200)).body;
    const newer = (await history(b, direct, { after: window.newerCursor!, limit: 100 }).expect(200)).body;
    const joined = [...(older.items as MessageView[]).reverse(), ...window.items, ...newer.items];
    expect(joined.map((message) => message.id)).toEqual(all.map((message) => message.id));
  });

  it('at the first and the last message: the window ends there and says so with a null cursor', async () => {
    const all = await sendMany(a, direct, 10);
    const first = await windowAt(b, direct, all[0].id, 5);
    expect(texts(first.items)).toEqual(['m0', 'm1', 'm2']);
    expect(first.olderCursor).toBeNull();
    expect(first.newerCursor).toBe(all[2].id);

    const last = await windowAt(b, direct, all[9].id, 5);
    expect(texts(last.items)).toEqual(['m7', 'm8', 'm9']);
    expect(last.olderCursor).toBe(all[7].id);
    expect(last.newerCursor).toBeNull();

    const alone = await windowAt(b, direct, all[5].id, 1);
    expect(texts(alone.items)).toEqual(['m5']);
    expect([alone.olderCursor, alone.newerCursor]).toEqual([all[5].id, all[5].id]);

    const everything = await windowAt(b, direct, all[5].id);
    expect(everything.items).toHaveLength(10);
    expect([everything.olderCursor, everything.newerCursor]).toEqual([null, null]);
  });

  it('leaves out what the reader deleted for themselves, and a target deleted for them is 404', async () => {
    const all = await sendMany(a, direct, 7);
    for (const hidden of [all[2], all[3]]) {
      await api().delete(`/api/messages/${hidden.id}`).query({ for: 'me' }).set(bearer(b.accessToken)).expect(204);
    }
    const window = await windowAt(b, direct, all[4].id, 5);
    expect(texts(window.items)).toEqual(['m4', 'm5', 'm6']);
    // The cursor still moves past the hidden ones: the older page does not show them again.
    expect(window.olderCursor).toBe(all[2].id);
    expect(texts((await windowAt(a, direct, all[4].id, 5)).items)).toEqual(['m2', 'm3', 'm4', 'm5', 'm6']);

    const hidden = await history(b, direct, { around: all[3].id }).expect(404);
    expect(hidden.body).toMatchObject({ statusCode: 404, code: 'message_not_found' });
  });

  it('in a group, a member who joined later gets 404 for a message from before, and the window from their joining on', async () => {
    const c = await signUp(t.baseUrl);
    const group = (
      await api()
        .post('/api/conversations')
        .set(bearer(a.accessToken))
        .send({ userIds: [b.user.id], name: 'Team' })
        .expect(201)
    ).body.id as string;
    const before = await sendMany(a, group, 3, 'before');
    await befriend(t.baseUrl, a, c);
    await api()
      .post(`/api/conversations/${group}/members`)
      .set(bearer(a.accessToken))
      .send({ userIds: [c.user.id] })
      .expect(200);
    const after = await sendMany(a, group, 3, 'after');

    const refused = await history(c, group, { around: before[2].id }).expect(404);
    expect(refused.body).toMatchObject({ statusCode: 404, code: 'message_not_found' });
    const window = await windowAt(c, group, after[0].id, 9);
    expect(window.items[0].system?.event).toBe('added');
    expect(texts(window.items.slice(1))).toEqual(['after0', 'after1', 'after2']);
    expect(window.olderCursor).toBeNull();
    // Who saw the earlier messages sees them around the same one.
    expect(texts((await windowAt(b, group, after[0].id, 9)).items)).toContain('before2');
  });

  it('refuses around with before or after (400), a message of another chat or unknown (404), and strangers (403)', async () => {
    const [first, second] = await sendMany(a, direct, 2);
    for (const cursor of ['before', 'after']) {
      const res = await history(a, direct, { around: first.id, [cursor]: second.id }).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'invalid_cursor' });
    }
    const invalid = await history(a, direct, { around: 'nope' }).expect(400);
    expect(invalid.body.code).toBe('validation_failed');

    const c = await signUp(t.baseUrl);
    const other = await befriendAndOpenChat(t.baseUrl, a, c);
    const elsewhere = await sent(a, other, 'elsewhere');
    await history(a, direct, { around: elsewhere.id }).expect(404);
    await history(a, direct, { around: '0123456789abcdef01234567' }).expect(404);
    await history(c, direct, { around: first.id }).expect(403);
  });
});
