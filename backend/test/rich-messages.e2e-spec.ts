import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { getConnectionToken } from '@nestjs/mongoose';
import { type Connection, Types } from 'mongoose';
import request from 'supertest';

import type { MessageView } from '../src/contracts/messages';
import { bearer, befriend, befriendAndOpenChat, newClientId, type SignedUp, signUp } from './support/builders';
import { png } from './support/media-fixtures';
import { connect, emitWithAck, settle, type TestSocket } from './support/sockets';
import { startTestApp, type TestApp } from './support/test-app';

/** Replies, reactions and forwarding, in direct conversations and groups. */
describe('Replies, reactions, forwarding (e2e)', () => {
  let t: TestApp;
  let a: SignedUp, b: SignedUp, c: SignedUp;
  let direct: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-rich-'));
  const sockets: TestSocket[] = [];
  const api = () => request(t.baseUrl);
  const open = async (who: SignedUp) => {
    const socket = await connect(t.baseUrl, who.accessToken);
    sockets.push(socket);
    return socket;
  };
  const send = (who: SignedUp, conversationId: string, body: object) =>
    api()
      .post(`/api/conversations/${conversationId}/messages`)
      .set(bearer(who.accessToken))
      .send({ clientId: newClientId(), ...body });
  const sent = async (who: SignedUp, conversationId: string, text: string, extra: object = {}) =>
    (await send(who, conversationId, { text, ...extra }).expect(201)).body as MessageView;
  const history = async (who: SignedUp, conversationId: string) =>
    (
      await api()
        .get(`/api/conversations/${conversationId}/messages`)
        .query({ limit: 100 })
        .set(bearer(who.accessToken))
        .expect(200)
    ).body.items as MessageView[];
  /** A group of people the owner is friends with already. */
  const newGroup = async (owner: SignedUp, members: SignedUp[]) =>
    (
      await api()
        .post('/api/conversations')
        .set(bearer(owner.accessToken))
        .send({ userIds: members.map((m) => m.user.id), name: 'Team' })
        .expect(201)
    ).body.id as string;
  const react = (who: SignedUp, messageId: string, emoji: string) =>
    api()
      .put(`/api/messages/${messageId}/reactions/${encodeURIComponent(emoji)}`)
      .set(bearer(who.accessToken));
  const unreact = (who: SignedUp, messageId: string, emoji: string) =>
    api()
      .delete(`/api/messages/${messageId}/reactions/${encodeURIComponent(emoji)}`)
      .set(bearer(who.accessToken));
  const forward = (who: SignedUp, messageId: string, conversationId: string, clientId = newClientId()) =>
    api().post(`/api/messages/${messageId}/forward`).set(bearer(who.accessToken)).send({ conversationId, clientId });

  beforeAll(async () => {
    t = await startTestApp({ DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    [a, b, c] = [await signUp(t.baseUrl), await signUp(t.baseUrl), await signUp(t.baseUrl)];
    direct = await befriendAndOpenChat(t.baseUrl, a, b);
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.close()));

  describe('replies', () => {
    it('quotes the original, over HTTP and the socket, and the quote follows its edit and deletion', async () => {
      const sb = await open(b);
      const original = await sent(a, direct, 'lunch at noon?');
      const ack = await emitWithAck(sb.socket, 'message:send', {
        conversationId: direct,
        clientId: newClientId(),
        text: 'yes!',
        replyToId: original.id,
      });
      expect(ack.ok).toBe(true);
      const quote = { id: original.id, senderId: a.user.id, kind: 'text', text: 'lunch at noon?' };
      expect(ack.message.replyTo).toEqual(quote);
      const sa = await open(a);
      await api()
        .patch(`/api/messages/${original.id}`)
        .set(bearer(a.accessToken))
        .send({ text: 'lunch at one?' })
        .expect(200);
      expect((await history(a, direct)).find((m) => m.id === ack.message.id)!.replyTo).toEqual({
        ...quote,
        text: 'lunch at one?',
      });
      await sa.next('message:updated');
      await api().delete(`/api/messages/${original.id}`).set(bearer(a.accessToken)).expect(200);
      const deleted = (await history(b, direct)).find((m) => m.id === ack.message.id)!.replyTo!;
      expect(deleted).toEqual({ id: original.id, senderId: a.user.id, kind: 'text', deletedAt: expect.any(String) });
    });

    it("refuses a reply to another conversation's message, a deleted one, and one I may not see", async () => {
      const elsewhere = await sent(a, await befriendAndOpenChat(t.baseUrl, a, c), 'other chat');
      expect((await send(a, direct, { text: 'x', replyToId: elsewhere.id }).expect(400)).body.code).toBe(
        'invalid_reply',
      );
      const unknown = '0123456789abcdef01234567';
      expect((await send(a, direct, { text: 'x', replyToId: unknown }).expect(400)).body.code).toBe('invalid_reply');
      const gone = await sent(a, direct, 'soon gone');
      await api().delete(`/api/messages/${gone.id}`).set(bearer(a.accessToken)).expect(200);
      expect((await send(b, direct, { text: 'x', replyToId: gone.id }).expect(409)).body.code).toBe('message_deleted');
      expect((await send(b, direct, { text: 'x', replyToId: 'nope' }).expect(400)).body.code).toBe('validation_failed');

      const group = await newGroup(a, [b]);
      const early = await sent(a, group, 'before c joined');
      await api()
        .post(`/api/conversations/${group}/members`)
        .set(bearer(a.accessToken))
        .send({ userIds: [c.user.id] })
        .expect(200);
      expect((await send(c, group, { text: 'x', replyToId: early.id }).expect(404)).body.code).toBe(
        'message_not_found',
      );
    });

    it("shows a group member who joined later a reply's quote of an earlier message without its text", async () => {
      await befriend(t.baseUrl, a, c);
      const group = await newGroup(a, [b]);
      const early = await sent(a, group, 'secret from before');
      await api()
        .post(`/api/conversations/${group}/members`)
        .set(bearer(a.accessToken))
        .send({ userIds: [c.user.id] })
        .expect(200);
      const [sb, sc] = [await open(b), await open(c)];
      const reply = await sent(b, group, 'agreed', { replyToId: early.id });
      expect(reply.replyTo!.text).toBe('secret from before');
      expect((await sb.next('message:new', (p) => p.message.id === reply.id)).message.replyTo.text).toBe(
        'secret from before',
      );
      const seenByC = (await sc.next('message:new', (p) => p.message.id === reply.id)).message.replyTo;
      expect(seenByC).toEqual({ id: early.id, senderId: a.user.id, kind: 'text' });
      expect((await history(c, group)).find((m) => m.id === reply.id)!.replyTo).toEqual(seenByC);
    });
    it('shows the quote of an original I deleted for myself like one I may not see, in history and live', async () => {
      const original = await sent(a, direct, 'forget this');
      const reply = await sent(a, direct, 'about that', { replyToId: original.id });
      await api().delete(`/api/messages/${original.id}`).query({ for: 'me' }).set(bearer(b.accessToken)).expect(204);
      const blind = { id: original.id, senderId: a.user.id, kind: 'text' };
      expect((await history(b, direct)).find((m) => m.id === reply.id)!.replyTo).toEqual(blind);
      expect((await history(a, direct)).find((m) => m.id === reply.id)!.replyTo!.text).toBe('forget this');
      const sb = await open(b);
      const again = await sent(a, direct, 'still about that', { replyToId: original.id });
      expect(again.replyTo!.text).toBe('forget this');
      expect((await sb.next('message:new', (p) => p.message.id === again.id)).message.replyTo).toEqual(blind);
    });
  });

  describe('reactions', () => {
    it('adds and removes a reaction live for both, idempotently under repeated and concurrent PUTs and DELETEs', async () => {
      const message = await sent(a, direct, 'react to me');
      const [sa, sb] = [await open(a), await open(b)];
      const puts = await Promise.all(Array.from({ length: 10 }, () => react(b, message.id, '👍🏽')));
      expect(puts.map((res) => res.status)).toEqual(Array(10).fill(200));
      await react(a, message.id, '👍🏽').expect(200);
      const both = await react(a, message.id, '🎉').expect(200);
      expect(both.body).toEqual({
        messageId: message.id,
        conversationId: direct,
        reactions: [
          { emoji: '👍🏽', userIds: [b.user.id, a.user.id] },
          { emoji: '🎉', userIds: [a.user.id] },
        ],
        version: 3,
      });
      await settle();
      // One event per change, none for the repeats.
      for (const side of [sa, sb]) expect(side.received('message:reactions')).toHaveLength(3);
      expect(sb.received('message:reactions').at(-1)).toEqual(both.body);

      const deletes = await Promise.all(Array.from({ length: 5 }, () => unreact(b, message.id, '👍🏽')));
      expect(deletes.map((res) => res.status)).toEqual(Array(5).fill(200));
      await unreact(a, message.id, '👍🏽').expect(200);
      const left = (await history(b, direct)).find((m) => m.id === message.id)!;
      expect(left.reactions).toEqual([{ emoji: '🎉', userIds: [a.user.id] }]);
      await settle();
      expect(sa.received('message:reactions')).toHaveLength(5);
    });

    it('numbers every change of the reactions, so the newer of two lists is known whatever order they arrive in', async () => {
      const message = await sent(a, direct, 'race me');
      const sb = await open(b);
      const changes = await Promise.all(
        ['👍', '🎉', '❤️', '🙏'].flatMap((emoji) => [react(a, message.id, emoji), react(b, message.id, emoji)]),
      );
      expect(changes.map((res) => res.status)).toEqual(Array(8).fill(200));
      const versions = changes.map((res) => res.body.version as number);
      expect([...versions].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      await unreact(a, message.id, '👍').expect(200);
      await unreact(a, message.id, '👍').expect(200);
      const stored = (await history(b, direct)).find((m) => m.id === message.id)!;
      expect(stored.reactionsVersion).toBe(9);
      await settle();
      const told = sb.received('message:reactions') as Array<{ version: number; reactions: unknown }>;
      expect(told).toHaveLength(9);
      // The one with the highest version is the list the message has now.
      expect(told.reduce((newest, view) => (view.version > newest.version ? view : newest)).reactions).toEqual(
        stored.reactions,
      );
    });

    it('goes with the message when it is deleted for everyone, and cannot come back on it', async () => {
      const message = await sent(a, direct, 'soon gone');
      await react(b, message.id, '👍').expect(200);
      const sb = await open(b);
      await api().delete(`/api/messages/${message.id}`).set(bearer(a.accessToken)).expect(200);
      await sb.next('message:deleted');
      const stored = await t.app
        .get<Connection>(getConnectionToken())
        .collection('messages')
        .findOne({ _id: new Types.ObjectId(message.id) });
      expect(stored!.reactions).toBeUndefined();
      expect((await react(b, message.id, '🎉').expect(409)).body.code).toBe('message_deleted');
      expect((await unreact(b, message.id, '👍').expect(409)).body.code).toBe('message_deleted');
      await settle();
      expect(sb.received('message:reactions')).toHaveLength(0);
    });

    it('takes a single emoji only, and at most 20 different ones on a message', async () => {
      const message = await sent(a, direct, 'hi');
      for (const bad of ['a', '👍👍', ':)', 'x'.repeat(40)]) {
        expect((await react(b, message.id, bad).expect(400)).body.code).toBe('validation_failed');
      }
      for (const good of ['❤️', '🇩🇪', '👨‍👩‍👧', '#️⃣']) await react(b, message.id, good).expect(200);
      const emoji = ['😀', '😁', '😂', '🤣', '😃', '😄', '😅', '😆', '😉', '😊', '😋', '😎', '😍', '😘', '🥰', '😗'];
      for (const one of emoji) await react(a, message.id, one).expect(200);
      expect((await react(a, message.id, '🙂').expect(409)).body.code).toBe('too_many_reactions');
      await react(a, message.id, '😀').expect(200);
    });

    it('refuses people who are not in the conversation, and former members beyond their range', async () => {
      const message = await sent(a, direct, 'ours');
      expect((await react(c, message.id, '👍').expect(403)).body.code).toBe('not_participant');
      await befriend(t.baseUrl, a, c);
      const group = await newGroup(a, [b, c]);
      const before = await sent(a, group, 'while c is here');
      await api().delete(`/api/conversations/${group}/members/${c.user.id}`).set(bearer(a.accessToken)).expect(204);
      expect((await react(c, before.id, '👍').expect(403)).body.code).toBe('not_participant');
      const after = await sent(a, group, 'after c left');
      expect((await react(c, after.id, '👍').expect(404)).body.code).toBe('message_not_found');
      const sb = await open(b);
      await react(b, before.id, '👍').expect(200);
      expect(await sb.next('message:reactions')).toMatchObject({ messageId: before.id, conversationId: group });
    });
  });

  describe('forwarding', () => {
    it('forwards text exactly once per clientId, marked forwarded, to a conversation I may write to only', async () => {
      const other = await befriendAndOpenChat(t.baseUrl, a, c);
      const sc = await open(c);
      const original = await sent(b, direct, 'pass it on');
      const clientId = newClientId();
      const tries = await Promise.all(Array.from({ length: 5 }, () => forward(a, original.id, other, clientId)));
      expect(tries.map((res) => res.status)).toEqual(Array(5).fill(201));
      expect(new Set(tries.map((res) => res.body.id)).size).toBe(1);
      expect(tries[0].body).toMatchObject({
        conversationId: other,
        text: 'pass it on',
        forwarded: true,
        senderId: a.user.id,
      });
      await settle();
      expect(sc.received('message:new').filter((p) => p.message.forwarded)).toHaveLength(1);
      expect((await forward(c, original.id, other).expect(403)).body.code).toBe('not_participant');
      expect((await forward(b, original.id, other).expect(403)).body.code).toBe('not_participant');
    });

    it("forwards a picture whose copy the new conversation's members may fetch, and which outlives the original", async () => {
      const other = await befriendAndOpenChat(t.baseUrl, a, c);
      const image = await api()
        .post('/api/media')
        .set(bearer(b.accessToken))
        .attach('file', await png(64, 64), { filename: 'p.png', contentType: 'image/png' })
        .expect(201);
      const original = await sent(b, direct, 'look', { mediaId: image.body.id });
      const copy = (await forward(a, original.id, other).expect(201)).body as MessageView;
      expect(copy.media!.id).not.toBe(image.body.id);
      await api().get(copy.media!.url).set(bearer(c.accessToken)).expect(200);
      await api().get(copy.media!.thumbUrl!).set(bearer(c.accessToken)).expect(200);
      await api().get(original.media!.url).set(bearer(c.accessToken)).expect(403);
      await api().delete(`/api/messages/${original.id}`).set(bearer(b.accessToken)).expect(200);
      await api().get(copy.media!.url).set(bearer(c.accessToken)).expect(200);
    });
  });
});
