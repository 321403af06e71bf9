import request from 'supertest';

import type { ConversationView, MessageView } from '../src/contracts/messages';
import { MessagesService } from '../src/messages/messages.service';
import { bearer, befriend, createGroup, newClientId, type SignedUp, signUp } from './support/builders';
import { png } from './support/media-fixtures';
import { connect, emitWithAck, settle, type TestSocket } from './support/sockets';
import { startTestApp, type TestApp } from './support/test-app';

/** Former members, the group's history setting, blocking inside a group, and group changes that survive a crash. */
describe('Group membership (e2e)', () => {
  let t: TestApp;
  const sockets: TestSocket[] = [];
  const api = () => request(t.baseUrl);
  const open = async (who: SignedUp) => {
    const socket = await connect(t.baseUrl, who.accessToken);
    sockets.push(socket);
    return socket;
  };
  const people = async (n: number) => Promise.all(Array.from({ length: n }, () => signUp(t.baseUrl)));
  const send = (who: SignedUp, conversationId: string, text: string) =>
    api()
      .post(`/api/conversations/${conversationId}/messages`)
      .set(bearer(who.accessToken))
      .send({ clientId: newClientId(), text })
      .expect(201);
  const sendPicture = async (who: SignedUp, conversationId: string) => {
    const upload = await api()
      .post('/api/media')
      .set(bearer(who.accessToken))
      .attach('file', await png(), { filename: 'p.png', contentType: 'image/png' })
      .expect(201);
    await api()
      .post(`/api/conversations/${conversationId}/messages`)
      .set(bearer(who.accessToken))
      .send({ clientId: newClientId(), mediaId: upload.body.id })
      .expect(201);
    return upload.body.id as string;
  };
  const history = async (who: SignedUp, conversationId: string, query: Record<string, string | number> = {}) => {
    const res = await api()
      .get(`/api/conversations/${conversationId}/messages`)
      .query({ limit: 100, ...query })
      .set(bearer(who.accessToken))
      .expect(200);
    return res.body.items as MessageView[];
  };
  const list = async (who: SignedUp, query: Record<string, string | number> = {}) =>
    (await api().get('/api/conversations').query(query).set(bearer(who.accessToken)).expect(200)).body as {
      items: ConversationView[];
      nextCursor: string | null;
    };
  const remove = (who: SignedUp, conversationId: string, userId: string) =>
    api().delete(`/api/conversations/${conversationId}/members/${userId}`).set(bearer(who.accessToken));
  const add = (who: SignedUp, conversationId: string, members: SignedUp[]) =>
    api()
      .post(`/api/conversations/${conversationId}/members`)
      .set(bearer(who.accessToken))
      .send({ userIds: members.map((m) => m.user.id) });
  const patch = (who: SignedUp, conversationId: string, body: object) =>
    api().patch(`/api/conversations/${conversationId}`).set(bearer(who.accessToken)).send(body);
  /** A group of people the owner is friends with already. */
  const newGroup = async (owner: SignedUp, members: SignedUp[], name: string) =>
    (
      await api()
        .post('/api/conversations')
        .set(bearer(owner.accessToken))
        .send({ userIds: members.map((m) => m.user.id), name })
        .expect(201)
    ).body.id as string;
  const block = (blocker: SignedUp, blocked: SignedUp) =>
    api().post(`/api/users/${blocked.user.id}/block`).set(bearer(blocker.accessToken)).expect(204);

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  afterEach(() => {
    sockets.splice(0).forEach((s) => s.close());
    jest.restoreAllMocks();
  });

  describe('former members', () => {
    it('lists a group one left, read-only, as it was then: its last line, time, members and name; unread 0', async () => {
      const [ada, ben, cy, dan] = await people(4);
      await befriend(t.baseUrl, ada, dan);
      const id = await createGroup(t.baseUrl, ada, [ben, cy], 'Before');
      const seen = await send(ben, id, 'seen by cy');
      await remove(ada, id, cy.user.id).expect(204);
      const [removal] = (await history(ada, id)).filter((m) => m.system?.event === 'removed');

      // Everything after: a rename, a new member, messages, reads. Cy learns none of it.
      await patch(ada, id, { name: 'After' }).expect(200);
      await add(ada, id, [dan]).expect(200);
      const later = await send(ada, id, 'after cy');
      await api().post(`/api/conversations/${id}/read`).set(bearer(ben.accessToken)).send({ upTo: later.body.id });

      const view = (await list(cy)).items.find((c) => c.id === id)!;
      expect(view).toMatchObject({
        kind: 'group',
        left: true,
        name: 'Before',
        unread: 0,
        lastMessage: { id: removal.id, seq: removal.seq, system: { event: 'removed', targetIds: [cy.user.id] } },
      });
      expect(new Date(view.lastActivityAt).getTime()).toBeLessThanOrEqual(new Date(removal.createdAt).getTime());
      expect(view.members!.map((m) => m.userId).sort()).toEqual([ada.user.id, ben.user.id].sort());
      // Ben read "after cy": cy sees him as far as the line that removed cy, no further.
      expect(view.members!.find((m) => m.userId === ben.user.id)).toMatchObject({
        readUpTo: removal.id,
        readUpToSeq: removal.seq,
      });
      expect(JSON.stringify(view)).not.toContain(dan.user.id);
      expect(JSON.stringify(view)).not.toContain('after cy');
      // A current member's view is not marked.
      expect((await list(ben)).items.find((c) => c.id === id)!.left).toBeUndefined();
      expect((await history(cy, id)).map((m) => m.id)).toContain(seen.body.id);
    });

    it('names the people who left while one could read the group, without presence; not those from before', async () => {
      const [ada, ben, cy, dan, eve] = await people(5);
      await befriend(t.baseUrl, ben, cy);
      await befriend(t.baseUrl, ada, eve);
      const id = await createGroup(t.baseUrl, ada, [ben, cy, dan], 'Team');
      const benSocket = await open(ben);
      await remove(cy, id, cy.user.id).expect(204);
      const told = await benSocket.next(
        'conversation:updated',
        (p: { conversation: ConversationView }) => p.conversation.id === id,
        10_000,
      );
      expect(told.conversation.formerMembers).toEqual([
        {
          userId: cy.user.id,
          user: expect.objectContaining({ displayName: cy.user.displayName }),
          leftAt: expect.any(String),
        },
      ]);
      await remove(ada, id, dan.user.id).expect(204);
      await add(ada, id, [eve]).expect(200);
      const viewOf = async (who: SignedUp) => (await list(who)).items.find((c) => c.id === id)!;

      const ben1 = await viewOf(ben);
      expect(ben1.formerMembers!.map((f) => f.userId)).toEqual([cy.user.id, dan.user.id]);
      const cyLeft = ben1.formerMembers![0];
      expect(cyLeft.user).toEqual(expect.objectContaining({ id: cy.user.id, displayName: cy.user.displayName }));
      expect(cyLeft.user).not.toHaveProperty('online');
      expect(cyLeft.user).not.toHaveProperty('lastSeenAt');
      expect(Number.isNaN(Date.parse(cyLeft.leftAt))).toBe(false);
      // Eve joined after both left: her timeline names neither.
      expect((await viewOf(eve)).formerMembers).toEqual([]);

      // Ben leaves: his read-only view names who had left before him, not Eve, removed after him (a member as he
      // saw it); Ada's names everyone who left, in the order they did.
      await remove(ben, id, ben.user.id).expect(204);
      await remove(ada, id, eve.user.id).expect(204);
      expect((await viewOf(ben)).formerMembers!.map((f) => f.userId)).toEqual([cy.user.id, dan.user.id]);
      expect((await viewOf(ada)).formerMembers!.map((f) => f.userId)).toEqual([
        cy.user.id,
        dan.user.id,
        ben.user.id,
        eve.user.id,
      ]);

      // An erased account is named as one.
      await api().delete('/api/users/me').set(bearer(cy.accessToken)).send({ password: cy.input.password }).expect(204);
      expect((await viewOf(ada)).formerMembers![0].user).toMatchObject({ id: cy.user.id, deleted: true });
    });

    it('with the group history shared, a member added later sees who left before', async () => {
      const [ada, ben, cy] = await people(3);
      await befriend(t.baseUrl, ada, cy);
      const id = await createGroup(t.baseUrl, ada, [ben], 'Open');
      await patch(ada, id, { newMembersSeeHistory: true }).expect(200);
      await remove(ben, id, ben.user.id).expect(204);
      const added = await add(ada, id, [cy]).expect(200);
      expect(added.body.formerMembers.map((f: { userId: string }) => f.userId)).toEqual([ben.user.id]);
      expect((await list(cy)).items.find((c) => c.id === id)!.formerMembers!.map((f) => f.userId)).toEqual([
        ben.user.id,
      ]);
    });

    it('places former groups by when one left, among the current ones, page by page', async () => {
      const [ada, cy] = await people(2);
      const first = await createGroup(t.baseUrl, ada, [cy], 'First');
      const second = await newGroup(ada, [cy], 'Second');
      await remove(cy, first, cy.user.id).expect(204);
      await send(ada, second, 'newer than the leaving');
      const third = await newGroup(ada, [cy], 'Third');
      await send(ada, first, 'after cy left');

      const ids = [];
      let cursor: string | null = null;
      do {
        const page: { items: ConversationView[]; nextCursor: string | null } = await list(
          cy,
          cursor ? { limit: 1, cursor } : { limit: 1 },
        );
        ids.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(ids).toEqual([third, second, first]);
      expect((await list(cy)).items.map((c) => [c.id, c.left ?? false])).toEqual([
        [third, false],
        [second, false],
        [first, true],
      ]);
    });

    it('someone re-added reads only from their return on: no earlier message, page or picture', async () => {
      const [ada, cy] = await people(2);
      const id = await createGroup(t.baseUrl, ada, [cy]);
      const picture = await sendPicture(ada, id);
      await api().get(`/api/media/${picture}`).set(bearer(cy.accessToken)).expect(200);
      await remove(ada, id, cy.user.id).expect(204);
      await add(ada, id, [cy]).expect(200);
      expect((await history(cy, id)).map((m) => m.system?.event)).toEqual(['added']);
      await api().get(`/api/media/${picture}`).set(bearer(cy.accessToken)).expect(403);
      await api().get(`/api/media/${picture}`).set(bearer(ada.accessToken)).expect(200);
      expect((await list(cy)).items.find((c) => c.id === id)!.left).toBeUndefined();
    });
  });

  describe('newMembersSeeHistory', () => {
    it('is off by default, set on create or by owners and admins, each change a line, and honoured when read', async () => {
      const [ada, ben, cy, dan] = await people(4);
      for (const p of [ben, cy, dan]) await befriend(t.baseUrl, ada, p);
      const created = await api()
        .post('/api/conversations')
        .set(bearer(ada.accessToken))
        .send({ userIds: [ben.user.id], name: 'Open', newMembersSeeHistory: true })
        .expect(201);
      const id = created.body.id as string;
      expect(created.body.newMembersSeeHistory).toBe(true);
      const early = await send(ada, id, 'early');
      const picture = await sendPicture(ben, id);
      await add(ada, id, [cy]).expect(200);
      const sc = await open(cy);

      expect((await history(cy, id)).map((m) => m.text ?? m.system?.event ?? m.media?.kind).reverse()).toEqual([
        'created',
        'early',
        'image',
        'added',
      ]);
      expect((await history(cy, id, { after: early.body.id })).length).toBe(2);
      await api().get(`/api/media/${picture}`).set(bearer(cy.accessToken)).expect(200);
      await api().patch(`/api/messages/${early.body.id}`).set(bearer(ada.accessToken)).send({ text: 'edited' });
      await sc.next('message:updated', (p) => p.message.id === early.body.id);

      // Members may not change it; setting the same value tells nothing.
      expect((await patch(cy, id, { newMembersSeeHistory: false }).expect(403)).body.code).toBe('not_group_admin');
      await patch(ada, id, { newMembersSeeHistory: true }).expect(200);
      await patch(ada, id, { newMembersSeeHistory: 'yes' }).expect(400);
      const hidden = await patch(ada, id, { newMembersSeeHistory: false }).expect(200);
      expect(hidden.body.newMembersSeeHistory).toBe(false);
      const line = await sc.next('message:new', (p) => p.message.kind === 'system');
      expect(line.message.system).toEqual({ event: 'history_hidden', actorId: ada.user.id });

      // Hidden again from whoever joined later, history, catch-up and media alike.
      expect((await history(cy, id)).map((m) => m.system?.event)).toEqual(['history_hidden', 'added']);
      await api().get(`/api/media/${picture}`).set(bearer(cy.accessToken)).expect(403);
      expect((await history(ben, id)).map((m) => m.text ?? m.system?.event)).toContain('edited');
      await add(ada, id, [dan]).expect(200);
      expect((await history(dan, id)).map((m) => m.system?.event)).toEqual(['added']);

      await patch(ada, id, { newMembersSeeHistory: true }).expect(200);
      expect((await history(dan, id)).map((m) => m.text ?? m.system?.event)).toContain('edited');
      const events = (await history(ada, id)).filter((m) => m.kind === 'system').map((m) => m.system!.event);
      expect(events).toEqual(['history_shared', 'added', 'history_hidden', 'added', 'created']);
    });

    it('is off for a group created without it', async () => {
      const [ada, ben, cy] = await people(3);
      const id = await createGroup(t.baseUrl, ada, [ben]);
      await send(ada, id, 'before');
      await befriend(t.baseUrl, ada, cy);
      const view = await add(ada, id, [cy]).expect(200);
      expect(view.body.newMembersSeeHistory).toBe(false);
      expect((await history(cy, id)).map((m) => m.system?.event)).toEqual(['added']);
    });
  });

  describe('blocking inside a group', () => {
    it('typing and receipts of someone I blocked do not reach me; everyone else still gets them', async () => {
      const [ada, ben, cy] = await people(3);
      const id = await createGroup(t.baseUrl, ada, [ben, cy]);
      await block(ada, cy);
      const [sa, sb, sc] = [await open(ada), await open(ben), await open(cy)];
      const message = await send(ada, id, 'hello');
      await sc.next('message:new', (p) => p.message.id === message.body.id);

      await emitWithAck(sc.socket, 'typing', { conversationId: id, typing: true });
      await emitWithAck(sc.socket, 'message:received', { conversationId: id, upTo: message.body.id });
      await emitWithAck(sc.socket, 'conversation:read', { conversationId: id, upTo: message.body.id });
      await sb.next('typing', (p) => p.userId === cy.user.id);
      await sb.next('conversation:delivered', (p) => p.userId === cy.user.id);
      await sb.next('conversation:read', (p) => p.userId === cy.user.id);
      // Ben's reach ada as before, and cy still hears ada, whom cy did not block.
      await emitWithAck(sb.socket, 'typing', { conversationId: id, typing: true });
      await sa.next('typing', (p) => p.userId === ben.user.id);
      await emitWithAck(sa.socket, 'typing', { conversationId: id, typing: true });
      await sc.next('typing', (p) => p.userId === ada.user.id);
      await settle();
      for (const event of ['typing', 'conversation:delivered', 'conversation:read']) {
        expect(sa.received(event).filter((p) => p.userId === cy.user.id)).toEqual([]);
      }
    });

    it('someone I blocked cannot add me to a group, on create or later', async () => {
      const [ada, ben, cy] = await people(3);
      await befriend(t.baseUrl, ada, cy);
      const id = await createGroup(t.baseUrl, ada, [ben]);
      await block(cy, ada);
      const create = await api()
        .post('/api/conversations')
        .set(bearer(ada.accessToken))
        .send({ userIds: [ben.user.id, cy.user.id], name: 'G' })
        .expect(403);
      expect(create.body.code).toBe('not_friends');
      expect((await add(ada, id, [cy]).expect(403)).body.code).toBe('not_friends');
    });
  });

  describe('a crash between a group change and its line', () => {
    const crashOnce = () =>
      jest.spyOn(t.app.get(MessagesService), 'postSystem').mockRejectedValueOnce(new Error('the process died here'));

    it('the next change writes the missing line first, at the seq the change took', async () => {
      const [ada, ben, cy] = await people(3);
      const id = await createGroup(t.baseUrl, ada, [ben, cy]);
      crashOnce();
      await remove(ada, id, cy.user.id).expect(500);
      expect((await history(ada, id)).map((m) => m.seq)).toEqual([1]);
      await send(ben, id, 'meanwhile');
      await patch(ada, id, { name: 'Renamed' }).expect(200);

      const timeline = (await history(ada, id)).reverse();
      expect(timeline.map((m) => [m.seq, m.text ?? m.system!.event])).toEqual([
        [1, 'created'],
        [2, 'removed'],
        [3, 'meanwhile'],
        [4, 'renamed'],
      ]);
      expect((await history(cy, id)).map((m) => m.seq)).toEqual([2, 1]);
      expect((await list(cy)).items.find((c) => c.id === id)).toMatchObject({ left: true, lastMessage: { seq: 2 } });
    });

    it('the next start writes what a crash left, and tells the members', async () => {
      const [ada, ben] = await people(2);
      const id = await createGroup(t.baseUrl, ada, [ben]);
      crashOnce();
      await patch(ada, id, { name: 'Lost?' }).expect(500);
      const restarted = await startTestApp({ MONGODB_URI: t.mongodbUri });
      try {
        const timeline = (await history(ben, id)).reverse();
        expect(timeline.map((m) => [m.seq, m.system?.event, m.system?.name])).toEqual([
          [1, 'created', 'Team'],
          [2, 'renamed', 'Lost?'],
        ]);
      } finally {
        await restarted.app.close();
      }
    });
  });
});
