import request from 'supertest';

import type { ConversationView, MessageView } from '../src/contracts/messages';
import { bearer, befriend, createGroup, newClientId, type SignedUp, signUp } from './support/builders';
import { png } from './support/media-fixtures';
import { connect, emitWithAck, settle, type TestSocket } from './support/sockets';
import { startTestApp, type TestApp } from './support/test-app';
import { binary, unzip } from './support/zip';

describe('Group conversations (e2e)', () => {
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
      .send({ clientId: newClientId(), text });
  const history = async (who: SignedUp, conversationId: string, query: Record<string, string | number> = {}) => {
    const res = await api()
      .get(`/api/conversations/${conversationId}/messages`)
      .query({ limit: 100, ...query })
      .set(bearer(who.accessToken))
      .expect(200);
    return res.body.items as MessageView[];
  };
  const lines = (messages: MessageView[]) => messages.filter((m) => m.kind === 'system').map((m) => m.system!.event);
  const remove = (who: SignedUp, conversationId: string, userId: string) =>
    api().delete(`/api/conversations/${conversationId}/members/${userId}`).set(bearer(who.accessToken));
  const add = (who: SignedUp, conversationId: string, members: SignedUp[]) =>
    api()
      .post(`/api/conversations/${conversationId}/members`)
      .set(bearer(who.accessToken))
      .send({ userIds: members.map((m) => m.user.id) });
  const setRole = (who: SignedUp, conversationId: string, userId: string, role: string) =>
    api().patch(`/api/conversations/${conversationId}/members/${userId}`).set(bearer(who.accessToken)).send({ role });
  const roles = (view: ConversationView) => Object.fromEntries(view.members!.map((m) => [m.userId, m.role]));

  beforeAll(async () => {
    t = await startTestApp({ GROUP_MAX_MEMBERS: '5' });
  });
  afterAll(() => t.close());
  afterEach(() => sockets.splice(0).forEach((s) => s.close()));

  it('creates a group of friends with its creator as owner, a "created" line at seq 1, and tells every member', async () => {
    const [ada, ben, cy] = await people(3);
    await befriend(t.baseUrl, ada, ben);
    await befriend(t.baseUrl, ada, cy);
    const sb = await open(ben);
    const created = await api()
      .post('/api/conversations')
      .set(bearer(ada.accessToken))
      .send({ userIds: [ben.user.id, cy.user.id], name: '  Design  ' })
      .expect(201);
    expect(created.body).toMatchObject({ kind: 'group', name: 'Design', avatarUrl: null, unread: 0 });
    expect(created.body.participant).toBeUndefined();
    expect(created.body.lastMessage).toMatchObject({ seq: 1, kind: 'system', system: { event: 'created' } });
    expect(roles(created.body)).toEqual({ [ada.user.id]: 'owner', [ben.user.id]: 'member', [cy.user.id]: 'member' });
    expect(created.body.members[1].user).toMatchObject({ id: ben.user.id, username: ben.user.username });
    expect(JSON.stringify(created.body)).not.toContain(ben.input.email);

    const told = await sb.next('conversation:updated', (p) => p.conversation.id === created.body.id);
    expect(told.conversation).toMatchObject({ kind: 'group', name: 'Design' });
    const [line] = await history(cy, created.body.id);
    expect(line).toMatchObject({
      seq: 1,
      kind: 'system',
      senderId: ada.user.id,
      system: { event: 'created', actorId: ada.user.id, targetIds: [ben.user.id, cy.user.id], name: 'Design' },
    });
    expect(line.text).toBeUndefined();
    // The chat list mixes both kinds.
    const list = await api().get('/api/conversations').set(bearer(ben.accessToken)).expect(200);
    expect(list.body.items.map((c: ConversationView) => c.id)).toContain(created.body.id);
  });

  it('refuses people one may not message, someone who blocked the creator, and more than GROUP_MAX_MEMBERS', async () => {
    const [ada, ben, stranger, blocker, ...many] = await people(9);
    await befriend(t.baseUrl, ada, ben);
    const create = (userIds: string[]) =>
      api().post('/api/conversations').set(bearer(ada.accessToken)).send({ userIds, name: 'G' });
    expect((await create([ben.user.id, stranger.user.id]).expect(403)).body.code).toBe('not_friends');

    await befriend(t.baseUrl, ada, blocker);
    await api().post(`/api/users/${ada.user.id}/block`).set(bearer(blocker.accessToken)).expect(204);
    // A block ends the friendship, too.
    expect((await create([blocker.user.id]).expect(403)).body.code).toBe('not_friends');

    for (const person of many) await befriend(t.baseUrl, ada, person);
    expect((await create(many.map((p) => p.user.id)).expect(400)).body.code).toBe('group_full');
    const full = await create(many.slice(0, 4).map((p) => p.user.id)).expect(201);
    expect((await add(ada, full.body.id, [ben]).expect(400)).body.code).toBe('group_full');

    await api()
      .post('/api/conversations')
      .set(bearer(ada.accessToken))
      .send({ userIds: [ben.user.id] })
      .expect(400);
    await api()
      .post('/api/conversations')
      .set(bearer(ada.accessToken))
      .send({ userIds: [ben.user.id], name: 'x', userId: ben.user.id })
      .expect(400);
  });

  it('fans a message out to every member once, counts unread per member, and relays receipts and typing', async () => {
    const [ada, ben, cy] = await people(3);
    const id = await createGroup(t.baseUrl, ada, [ben, cy]);
    const [sa, sb, sc] = [await open(ada), await open(ben), await open(cy)];
    const ack = await emitWithAck(sa.socket, 'message:send', {
      conversationId: id,
      clientId: newClientId(),
      text: 'hi',
    });
    expect(ack).toMatchObject({ ok: true, message: { seq: 2, kind: 'text', text: 'hi' } });
    for (const s of [sa, sb, sc]) await s.next('message:new', (p) => p.message.id === ack.message.id);

    const unreadOf = async (who: SignedUp) =>
      (await api().get('/api/conversations').set(bearer(who.accessToken))).body.items.find(
        (c: ConversationView) => c.id === id,
      ).unread;
    expect([await unreadOf(ada), await unreadOf(ben), await unreadOf(cy)]).toEqual([0, 1, 1]);

    await emitWithAck(sb.socket, 'conversation:read', { conversationId: id, upTo: ack.message.id });
    const read = await sa.next('conversation:read', (p) => p.userId === ben.user.id);
    expect(read).toMatchObject({ conversationId: id, upTo: ack.message.id, upToSeq: 2 });
    await sc.next('conversation:read', (p) => p.userId === ben.user.id);
    expect([await unreadOf(ben), await unreadOf(cy)]).toEqual([0, 1]);
    await emitWithAck(sc.socket, 'message:received', { conversationId: id, upTo: ack.message.id });
    await sa.next('conversation:delivered', (p) => p.userId === cy.user.id);

    const view = (await api().get('/api/conversations').set(bearer(ada.accessToken))).body.items.find(
      (c: ConversationView) => c.id === id,
    ) as ConversationView;
    const marks = Object.fromEntries(view.members!.map((m) => [m.userId, [m.deliveredUpToSeq, m.readUpToSeq]]));
    expect(marks).toEqual({ [ada.user.id]: [null, null], [ben.user.id]: [2, 2], [cy.user.id]: [2, null] });

    await emitWithAck(sc.socket, 'typing', { conversationId: id, typing: true });
    await sa.next('typing', (p) => p.userId === cy.user.id && p.conversationId === id);
    await sb.next('typing', (p) => p.userId === cy.user.id);
    await settle();
    expect(sc.received('typing')).toEqual([]);
  });

  it('lets owners and admins manage the group, members not, and tells each change as a line', async () => {
    const [ada, ben, cy, dan] = await people(4);
    await befriend(t.baseUrl, ben, dan);
    const id = await createGroup(t.baseUrl, ada, [ben, cy]);
    const sc = await open(cy);

    expect((await add(ben, id, [dan]).expect(403)).body.code).toBe('not_group_admin');
    expect((await remove(ben, id, cy.user.id).expect(403)).body.code).toBe('not_group_admin');
    expect((await setRole(ben, id, cy.user.id, 'admin').expect(403)).body.code).toBe('not_group_admin');
    await api().patch(`/api/conversations/${id}`).set(bearer(ben.accessToken)).send({ name: 'x' }).expect(403);

    const promoted = await setRole(ada, id, ben.user.id, 'admin').expect(200);
    expect(roles(promoted.body)[ben.user.id]).toBe('admin');
    expect((await setRole(ben, id, ada.user.id, 'member').expect(403)).body.code).toBe('not_group_admin');
    expect((await setRole(ben, id, ben.user.id, 'member').expect(400)).body.code).toBe('own_role');
    await add(ben, id, [dan]).expect(200);
    await setRole(ben, id, dan.user.id, 'admin').expect(200);
    expect((await remove(ben, id, dan.user.id).expect(403)).body.code).toBe('not_group_admin');
    await setRole(ben, id, dan.user.id, 'member').expect(200);
    await remove(ben, id, dan.user.id).expect(204);
    await remove(ben, id, dan.user.id).expect(204); // already gone: nothing changes

    const renamed = await api()
      .patch(`/api/conversations/${id}`)
      .set(bearer(ben.accessToken))
      .send({ name: 'Renamed' })
      .expect(200);
    expect(renamed.body.name).toBe('Renamed');
    await sc.next('conversation:updated', (p) => p.conversation.name === 'Renamed');
    const upload = await api()
      .post('/api/media')
      .set(bearer(ben.accessToken))
      .attach('file', await png(), { filename: 'g.png', contentType: 'image/png' })
      .expect(201);
    const pictured = await api()
      .patch(`/api/conversations/${id}`)
      .set(bearer(ben.accessToken))
      .send({ avatar: upload.body.id })
      .expect(200);
    expect(pictured.body.avatarUrl).toBe(`/api/media/${upload.body.id}/thumb`);
    await api().get(pictured.body.avatarUrl).set(bearer(dan.accessToken)).expect(200);

    const timeline = await history(cy, id);
    expect(lines([...timeline].reverse())).toEqual([
      'created',
      'made_admin',
      'added',
      'made_admin',
      'made_member',
      'removed',
      'renamed',
      'picture_changed',
    ]);
    const removed = timeline.find((m) => m.system?.event === 'removed')!;
    expect(removed.system).toEqual({ event: 'removed', actorId: ben.user.id, targetIds: [dan.user.id] });
  });

  it('shows a member added later the history from their joining on, not before (messages, edits, media)', async () => {
    const [ada, ben, cy] = await people(3);
    await befriend(t.baseUrl, ada, cy);
    const id = await createGroup(t.baseUrl, ada, [ben]);
    const before = await send(ada, id, 'before cy').expect(201);
    const upload = await api()
      .post('/api/media')
      .set(bearer(ada.accessToken))
      .attach('file', await png(), { filename: 'p.png', contentType: 'image/png' })
      .expect(201);
    await api()
      .post(`/api/conversations/${id}/messages`)
      .set(bearer(ada.accessToken))
      .send({ clientId: newClientId(), mediaId: upload.body.id })
      .expect(201);
    await add(ada, id, [cy]).expect(200);
    const sc = await open(cy);
    const after = await send(ben, id, 'after cy').expect(201);

    const seen = await history(cy, id);
    expect(seen.map((m) => m.text ?? m.system?.event)).toEqual(['after cy', 'added']);
    expect(await history(cy, id, { before: after.body.id })).toHaveLength(1);
    await api().get(`/api/media/${upload.body.id}`).set(bearer(cy.accessToken)).expect(403);
    await api().get(`/api/media/${upload.body.id}`).set(bearer(ben.accessToken)).expect(200);

    await api().patch(`/api/messages/${before.body.id}`).set(bearer(ada.accessToken)).send({ text: 'edited' });
    await send(ada, id, 'marker').expect(201);
    await sc.next('message:new', (p) => p.message.text === 'marker');
    expect(sc.received('message:updated')).toEqual([]);
  });

  it('a removed member keeps what they had, read-only, and gets nothing newer: no message, page, media, send', async () => {
    const [ada, ben, cy] = await people(3);
    const id = await createGroup(t.baseUrl, ada, [ben, cy]);
    const kept = await send(ben, id, 'kept').expect(201);
    const sc = await open(cy);
    await remove(ada, id, cy.user.id).expect(204);
    await sc.next('conversation:removed', (p) => p.conversationId === id);
    const removal = (await sc.next('message:new', (p) => p.message.system?.event === 'removed')).message;

    const upload = await api()
      .post('/api/media')
      .set(bearer(ben.accessToken))
      .attach('file', await png(), { filename: 'p.png', contentType: 'image/png' })
      .expect(201);
    await api()
      .post(`/api/conversations/${id}/messages`)
      .set(bearer(ben.accessToken))
      .send({ clientId: newClientId(), mediaId: upload.body.id })
      .expect(201);
    const newer = await send(ben, id, 'after removal').expect(201);
    await settle();
    expect(sc.received('message:new').map((p) => p.message.id)).toEqual([removal.id]);

    expect((await history(cy, id)).map((m) => m.id)).toEqual([removal.id, kept.body.id, expect.any(String)]);
    expect(await history(cy, id, { after: removal.id })).toEqual([]);
    expect(await history(cy, id, { after: kept.body.id })).toEqual([expect.objectContaining({ id: removal.id })]);
    await api().get(`/api/media/${upload.body.id}`).set(bearer(cy.accessToken)).expect(403);
    expect((await send(cy, id, 'still here?').expect(403)).body.code).toBe('not_participant');
    const socketSend = await emitWithAck(sc.socket, 'message:send', {
      conversationId: id,
      clientId: newClientId(),
      text: 'x',
    });
    expect(socketSend).toMatchObject({ ok: false, error: { statusCode: 403, code: 'not_participant' } });
    for (const [event, payload] of [
      ['typing', { conversationId: id, typing: true }],
      ['conversation:read', { conversationId: id, upTo: newer.body.id }],
      ['message:received', { conversationId: id, upTo: kept.body.id }],
    ] as const) {
      expect(await emitWithAck(sc.socket, event, payload)).toMatchObject({ ok: false, error: { statusCode: 403 } });
    }
    // It stays in their list, read-only, ending with the line that removed them.
    const list = await api().get('/api/conversations').set(bearer(cy.accessToken)).expect(200);
    expect(list.body.items.find((c: ConversationView) => c.id === id)).toMatchObject({
      left: true,
      unread: 0,
      lastMessage: { id: removal.id },
    });
    // Someone never in it reads nothing.
    const [stranger] = await people(1);
    await api().get(`/api/conversations/${id}/messages`).set(bearer(stranger.accessToken)).expect(403);
  });

  it('exports to a member added later only their part of the group', async () => {
    const [ada, ben, cy] = await people(3);
    await befriend(t.baseUrl, ada, cy);
    const id = await createGroup(t.baseUrl, ada, [ben]);
    await send(ada, id, 'before cy').expect(201);
    await add(ada, id, [cy]).expect(200);
    await send(ada, id, 'after cy').expect(201);
    const res = await api()
      .get('/api/users/me/export')
      .set(bearer(cy.accessToken))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const messages = JSON.parse(
      (await unzip(res.body as Buffer)).get(`messages/${id}.json`)!.toString(),
    ) as MessageView[];
    expect(messages.map((m) => m.text ?? m.system!.event)).toEqual(['added', 'after cy']);
  });

  it('delivers nothing to a removed member after their removal, with members sending all the while (50 rounds)', async () => {
    const [ada, ben, cy, x] = await people(4);
    for (const other of [ben, cy, x]) await befriend(t.baseUrl, ada, other);
    const senders = [await open(ada), await open(ben), await open(cy)];
    for (let round = 0; round < 50; round++) {
      const sx = await open(x);
      const id = (
        await api()
          .post('/api/conversations')
          .set(bearer(ada.accessToken))
          .send({ userIds: [ben.user.id, cy.user.id, x.user.id], name: `round ${round}` })
          .expect(201)
      ).body.id;
      let sending = true;
      let sentAfterRemoval = 0;
      let removed = false;
      const loops = senders.map(async (sender) => {
        while (sending) {
          const ack = await emitWithAck(sender.socket, 'message:send', {
            conversationId: id,
            clientId: newClientId(),
            text: 'busy',
          });
          expect(ack.ok).toBe(true);
          if (removed) sentAfterRemoval++;
        }
      });
      await settle(Math.random() * 50);
      await remove(ada, id, x.user.id).expect(204);
      removed = true;
      while (sentAfterRemoval < 6) await settle(10);
      sending = false;
      await Promise.all(loops);
      await settle(200);

      const events = sx.events.filter(
        (e) => e.payload?.message?.conversationId === id || e.payload?.conversationId === id,
      );
      const cut = events.findIndex((e) => e.event === 'conversation:removed');
      expect(cut).toBeGreaterThan(0);
      expect(events.slice(cut + 1)).toEqual([]);
      const removal = events[cut - 1].payload.message as MessageView;
      expect(removal.system).toMatchObject({ event: 'removed', targetIds: [x.user.id] });
      // Exactly what came before the removal in the timeline, each once.
      const timeline = await history(ada, id, { limit: 100 });
      const before = timeline.filter((m) => m.seq <= removal.seq).map((m) => m.id);
      const live = events.filter((e) => e.event === 'message:new').map((e) => e.payload.message.id);
      expect([...live].sort()).toEqual([...before].sort());
      expect(timeline.some((m) => m.seq > removal.seq)).toBe(true);
      sx.close();
    }
  }, 180_000);

  it('someone re-added counts from their return: listed after those who stayed, and not first in line to own', async () => {
    const [ada, ben, cy] = await people(3);
    const id = await createGroup(t.baseUrl, ada, [ben, cy]);
    await remove(ada, id, ben.user.id).expect(204);
    const back = await add(ada, id, [ben]).expect(200);
    expect((back.body as ConversationView).members!.map((m) => m.userId)).toEqual([
      ada.user.id,
      cy.user.id,
      ben.user.id,
    ]);
    await remove(ada, id, ada.user.id).expect(204);
    const [handover] = await history(ben, id, { limit: 1 });
    expect(handover.system).toEqual({ event: 'made_owner', actorId: ada.user.id, targetIds: [cy.user.id] });
  });

  it('the last owner leaving hands the group to the longest-standing admin, else the longest-standing member', async () => {
    const [ada, ben, cy, dan] = await people(4);
    await befriend(t.baseUrl, ada, dan);
    const id = await createGroup(t.baseUrl, ada, [ben, cy]);
    await add(ada, id, [dan]).expect(200);
    await setRole(ada, id, dan.user.id, 'admin').expect(200);
    await remove(ada, id, ada.user.id).expect(204);
    const afterAda = await history(ben, id, { limit: 2 });
    expect(afterAda.map((m) => m.system)).toEqual([
      { event: 'made_owner', actorId: ada.user.id, targetIds: [dan.user.id] },
      { event: 'left', actorId: ada.user.id },
    ]);
    await remove(dan, id, dan.user.id).expect(204);
    const [handover] = await history(ben, id, { limit: 1 });
    expect(handover.system).toEqual({ event: 'made_owner', actorId: dan.user.id, targetIds: [ben.user.id] });
    const list = await api().get('/api/conversations').set(bearer(cy.accessToken)).expect(200);
    const group = list.body.items.find((c: ConversationView) => c.id === id);
    expect(roles(group)).toEqual({ [ben.user.id]: 'owner', [cy.user.id]: 'member' });
  });

  it('an erased account leaves its groups, handing over what it owned', async () => {
    const [ada, ben, cy] = await people(3);
    const id = await createGroup(t.baseUrl, ada, [ben, cy]);
    await send(ada, id, 'kept').expect(201);
    await api().delete('/api/users/me').set(bearer(ada.accessToken)).send({ password: ada.input.password }).expect(204);
    const [handover, left, kept] = await history(ben, id, { limit: 3 });
    expect(left.system).toEqual({ event: 'left', actorId: ada.user.id });
    expect(handover.system).toEqual({ event: 'made_owner', actorId: ada.user.id, targetIds: [ben.user.id] });
    expect(kept.text).toBe('kept');
    const list = await api().get('/api/conversations').set(bearer(cy.accessToken)).expect(200);
    expect(roles(list.body.items.find((c: ConversationView) => c.id === id))).toEqual({
      [ben.user.id]: 'owner',
      [cy.user.id]: 'member',
    });
  });

  it('someone blocked cannot add the blocker to a group, but both stay in a group they share', async () => {
    const [ada, ben, cy] = await people(3);
    const id = await createGroup(t.baseUrl, ada, [ben, cy]);
    await befriend(t.baseUrl, ben, cy);
    await api().post(`/api/users/${ben.user.id}/block`).set(bearer(cy.accessToken)).expect(204);
    await setRole(ada, id, ben.user.id, 'admin').expect(200);
    await remove(ada, id, cy.user.id).expect(204);
    expect((await add(ben, id, [cy]).expect(403)).body.code).toBe('not_friends');
    await add(ada, id, [cy]).expect(200);
    const sc = await open(cy);
    const fromBen = await send(ben, id, 'from the blocked one').expect(201);
    await sc.next('message:new', (p) => p.message.id === fromBen.body.id);
  });

  it('catches up on system lines missed while offline, in seq order with the messages', async () => {
    const [ada, ben, cy] = await people(3);
    await befriend(t.baseUrl, ada, cy);
    const id = await createGroup(t.baseUrl, ada, [ben]);
    const last = await send(ben, id, 'last seen').expect(201);
    await api().patch(`/api/conversations/${id}`).set(bearer(ada.accessToken)).send({ name: 'New name' }).expect(200);
    await send(ada, id, 'one').expect(201);
    await add(ada, id, [cy]).expect(200);
    await send(ada, id, 'two').expect(201);
    const caughtUp = await history(ben, id, { after: last.body.id });
    expect(caughtUp.map((m) => m.text ?? m.system!.event)).toEqual(['renamed', 'one', 'added', 'two']);
    expect(caughtUp.map((m) => m.seq)).toEqual([3, 4, 5, 6]);
  });

  it('direct conversations keep working as before beside groups', async () => {
    const [ada, ben] = await people(2);
    const id = await createGroup(t.baseUrl, ada, [ben]);
    const direct = await api()
      .post('/api/conversations')
      .set(bearer(ada.accessToken))
      .send({ userId: ben.user.id })
      .expect(200);
    expect(direct.body).toMatchObject({ kind: 'direct', participant: { id: ben.user.id } });
    expect(direct.body.id).not.toBe(id);
    await api()
      .post(`/api/conversations/${direct.body.id}/members`)
      .set(bearer(ada.accessToken))
      .send({ userIds: [ben.user.id] })
      .expect(400);
  });
});

describe('Groups with DIRECT_MESSAGES=everyone (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ DIRECT_MESSAGES: 'everyone' });
  });
  afterAll(() => t.close());

  it('puts anyone active in a group without friendship, but never someone who blocked the creator, on create or add', async () => {
    const [ada, ben, cy] = [await signUp(t.baseUrl), await signUp(t.baseUrl), await signUp(t.baseUrl)];
    await request(t.baseUrl)
      .post('/api/conversations')
      .set(bearer(ada.accessToken))
      .send({ userIds: [ben.user.id], name: 'Colleagues' })
      .expect(201);
    await request(t.baseUrl).post(`/api/users/${ada.user.id}/block`).set(bearer(cy.accessToken)).expect(204);
    const refused = await request(t.baseUrl)
      .post('/api/conversations')
      .set(bearer(ada.accessToken))
      .send({ userIds: [ben.user.id, cy.user.id], name: 'Colleagues' })
      .expect(403);
    expect(refused.body.code).toBe('recipient_unavailable');
    const group = await request(t.baseUrl)
      .post('/api/conversations')
      .set(bearer(ada.accessToken))
      .send({ userIds: [ben.user.id], name: 'Later' })
      .expect(201);
    const added = await request(t.baseUrl)
      .post(`/api/conversations/${group.body.id}/members`)
      .set(bearer(ada.accessToken))
      .send({ userIds: [cy.user.id] })
      .expect(403);
    expect(added.body.code).toBe('recipient_unavailable');
  });
});
