import { ConfigService } from '@nestjs/config';
import { getModelToken } from '@nestjs/mongoose';
import request from 'supertest';

import type { AllConfig } from '../src/config';
import { BlocksService } from '../src/friends/blocks.service';
import { MailService } from '../src/mail/mail.service';
import { ConversationsService } from '../src/messages/conversations.service';
import { MissedMessagesService } from '../src/notifications/missed-messages.service';
import { MissedMessages } from '../src/notifications/schemas/missed-messages.schema';
import { PresenceRegistry } from '../src/presence/presence.registry';
import { UsersService } from '../src/users/users.service';
import { bearer, befriend, befriendAndOpenChat, newClientId, type SignedUp, signUp } from './support/builders';
import { type CaughtMail, type MailCatcher, startMailCatcher } from './support/mail-catcher';
import { type PushReceiver, startPushReceiver } from './support/push-receiver';
import { connect, emitWithAck, type TestSocket } from './support/sockets';
import { startTestApp, type TestApp } from './support/test-app';

/** Mail and push are asserted absent by a later control message: bursts are handled in the order they fall due. */
describe('Notifications outside the tab (e2e)', () => {
  let t: TestApp;
  let mail: MailCatcher;
  let a: SignedUp, b: SignedUp, c: SignedUp;
  let ab: string;
  const sockets: TestSocket[] = [];
  const api = () => request(t.baseUrl);
  const send = (from: SignedUp, conversationId: string, text: string) =>
    api()
      .post(`/api/conversations/${conversationId}/messages`)
      .set(bearer(from.accessToken))
      .send({ clientId: newClientId(), text })
      .expect(201);
  const conversationOf = async (who: SignedUp, id: string) =>
    (await api().get('/api/conversations').set(bearer(who.accessToken)).expect(200)).body.items.find(
      (item: { id: string }) => item.id === id,
    );
  const online = async (who: SignedUp) => {
    const socket = await connect(t.baseUrl, who.accessToken);
    sockets.push(socket);
    return socket;
  };
  const mailsAbout = (to: SignedUp, sender: SignedUp) =>
    mail.to(to.user.email).filter((m) => m.subject.startsWith(sender.user.displayName));
  /** A burst from someone new, due after everything sent so far: once its mail is here, those were handled. */
  const controlMailTo = async (to: SignedUp) => {
    const other = await signUp(t.baseUrl);
    await send(other, await befriendAndOpenChat(t.baseUrl, other, to), 'control');
    await mail.next(to.user.email, (m) => m.subject.startsWith(other.user.displayName));
  };

  beforeAll(async () => {
    mail = await startMailCatcher();
    t = await startTestApp({
      SMTP_URL: mail.url,
      MISSED_MESSAGE_EMAIL_MINUTES: '0.01',
      PUSH_ALLOW_HOSTS: '127.0.0.1',
      APP_URL: 'https://chat.example.com',
    });
  });
  afterAll(async () => {
    await t.close();
    await mail.close();
  });
  beforeEach(async () => {
    [a, b, c] = [await signUp(t.baseUrl), await signUp(t.baseUrl), await signUp(t.baseUrl)];
    ab = await befriendAndOpenChat(t.baseUrl, a, b);
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.close()));

  describe('mute', () => {
    it('mutes until a time or until unmuted, per person, and muted messages still count as unread', async () => {
      const until = new Date(Date.now() + 3_600_000).toISOString();
      await api().put(`/api/conversations/${ab}/mute`).set(bearer(b.accessToken)).send({ until }).expect(204);
      expect(await conversationOf(b, ab)).toMatchObject({ muted: true, mutedUntil: until });
      expect(await conversationOf(a, ab)).toMatchObject({ muted: false, mutedUntil: null });

      await api().put(`/api/conversations/${ab}/mute`).set(bearer(b.accessToken)).send({ until: null }).expect(204);
      await send(a, ab, 'still counted');
      expect(await conversationOf(b, ab)).toMatchObject({ muted: true, mutedUntil: null, unread: 1 });

      await api().delete(`/api/conversations/${ab}/mute`).set(bearer(b.accessToken)).expect(204);
      expect(await conversationOf(b, ab)).toMatchObject({ muted: false, mutedUntil: null });
    });

    it('refuses a time in the past, a bad date, an unknown conversation and one that is not yours', async () => {
      const past = await api()
        .put(`/api/conversations/${ab}/mute`)
        .set(bearer(b.accessToken))
        .send({ until: new Date(Date.now() - 1000).toISOString() })
        .expect(400);
      expect(past.body).toMatchObject({ statusCode: 400, code: 'validation_failed' });
      await api().put(`/api/conversations/${ab}/mute`).set(bearer(b.accessToken)).send({ until: 'soon' }).expect(400);
      await api().put('/api/conversations/nope/mute').set(bearer(b.accessToken)).send({}).expect(400);
      await api()
        .put(`/api/conversations/${'f'.repeat(24)}/mute`)
        .set(bearer(b.accessToken))
        .send({})
        .expect(404);
      const foreign = await api().put(`/api/conversations/${ab}/mute`).set(bearer(c.accessToken)).send({}).expect(403);
      expect(foreign.body.code).toBe('not_participant');
    });
  });

  describe('settings', () => {
    it('keeps do-not-disturb and the e-mail setting, and refuses a bad date', async () => {
      const me = await api().get('/api/users/me').set(bearer(b.accessToken)).expect(200);
      expect(me.body.settings).toMatchObject({ emailNotifications: true, doNotDisturbUntil: null });
      const until = new Date(Date.now() + 3_600_000).toISOString();
      const changed = await api()
        .patch('/api/users/me')
        .set(bearer(b.accessToken))
        .send({ settings: { doNotDisturbUntil: until, emailNotifications: false } })
        .expect(200);
      expect(changed.body.settings).toMatchObject({ emailNotifications: false, doNotDisturbUntil: until });
      const cleared = await api()
        .patch('/api/users/me')
        .set(bearer(b.accessToken))
        .send({ settings: { doNotDisturbUntil: null } })
        .expect(200);
      expect(cleared.body.settings).toMatchObject({ emailNotifications: false, doNotDisturbUntil: null });
      await api()
        .patch('/api/users/me')
        .set(bearer(b.accessToken))
        .send({ settings: { doNotDisturbUntil: 'tomorrow' } })
        .expect(400);
    });
  });

  describe('missed-message e-mail', () => {
    it('sends one e-mail for a burst to someone offline: count and sender, no content, a working unsubscribe link', async () => {
      for (const text of ['secret one', 'secret two', 'secret three']) await send(a, ab, text);
      const sent = await mail.next(b.user.email, (m) => m.subject.startsWith(a.user.displayName));
      expect(sent.subject).toBe(`${a.user.displayName} sent you 3 messages`);
      expect(sent.text).toContain(`https://chat.example.com/c/${ab}`);
      expect(sent.text + sent.html).not.toContain('secret');

      // The next burst is a new e-mail; the first was sent once.
      await send(a, ab, 'secret four');
      await mail.next(b.user.email, (m) => m.subject.startsWith(a.user.displayName) && m !== sent);
      expect(mailsAbout(b, a)).toHaveLength(2);

      const unsubscribe = /https:\/\/chat\.example\.com(\/api\/notifications\/unsubscribe\?token=\S+)/.exec(sent.text);
      const page = await api().get(unsubscribe![1]).expect(200);
      expect(page.text).toContain('no longer get e-mails');
      const me = await api().get('/api/users/me').set(bearer(b.accessToken)).expect(200);
      expect(me.body.settings.emailNotifications).toBe(false);
      await api().get('/api/notifications/unsubscribe?token=forged.token').expect(400);
    });

    it('names the group an e-mail is about', async () => {
      const group = await api()
        .post('/api/conversations')
        .set(bearer(a.accessToken))
        .send({ userIds: [b.user.id], name: 'Quarterly plans' })
        .expect(201);
      await send(a, group.body.id, 'secret plan');
      const sent = await mail.next(b.user.email, (m) => m.subject.endsWith('in Quarterly plans'));
      expect(sent.subject).toBe('A new message in Quarterly plans');
      expect(sent.text + sent.html).not.toContain('secret');
      expect(sent.text).toContain(`https://chat.example.com/c/${group.body.id}`);
    });

    it('counts no message from someone the reader blocked in a group, and sends nothing when only they wrote', async () => {
      await befriend(t.baseUrl, a, c);
      const group = await api()
        .post('/api/conversations')
        .set(bearer(a.accessToken))
        .send({ userIds: [b.user.id, c.user.id], name: 'Blocked inside' })
        .expect(201);
      await api().post(`/api/users/${c.user.id}/block`).set(bearer(b.accessToken)).expect(204);
      await send(c, group.body.id, 'blocked one');
      await send(c, group.body.id, 'blocked two');
      await send(a, group.body.id, 'from a friend');
      const sent = await mail.next(b.user.email, (m) => m.subject.endsWith('in Blocked inside'));
      expect(sent.subject).toBe('A new message in Blocked inside');

      const quiet = await api()
        .post('/api/conversations')
        .set(bearer(a.accessToken))
        .send({ userIds: [b.user.id, c.user.id], name: 'Only blocked' })
        .expect(201);
      await send(c, quiet.body.id, 'blocked three');
      await controlMailTo(b);
      expect(mail.to(b.user.email).filter((m) => m.subject.endsWith('in Only blocked'))).toHaveLength(0);
    });

    it('counts no message the reader deleted for themselves when leaving out the blocked', async () => {
      await befriend(t.baseUrl, a, c);
      const group = await api()
        .post('/api/conversations')
        .set(bearer(a.accessToken))
        .send({ userIds: [b.user.id, c.user.id], name: 'Hidden inside' })
        .expect(201);
      await api().post(`/api/users/${c.user.id}/block`).set(bearer(b.accessToken)).expect(204);
      await send(c, group.body.id, 'blocked');
      const hidden = await send(a, group.body.id, 'hidden for b');
      await send(a, group.body.id, 'still news');
      await api().delete(`/api/messages/${hidden.body.id}?for=me`).set(bearer(b.accessToken)).expect(204);
      expect(await t.app.get(ConversationsService).unreadWithoutBlocked(b.user.id, group.body.id)).toBe(1);
    });

    it('sends nothing for a chat read in time', async () => {
      const read = await send(a, ab, 'read in time');
      await api().post(`/api/conversations/${ab}/read`).set(bearer(b.accessToken)).send({ upTo: read.body.id });
      await controlMailTo(b);
      expect(mailsAbout(b, a)).toHaveLength(0);
    });

    it('sends nothing for a muted chat', async () => {
      await api().put(`/api/conversations/${ab}/mute`).set(bearer(b.accessToken)).send({}).expect(204);
      await send(a, ab, 'muted');
      await controlMailTo(b);
      expect(mailsAbout(b, a)).toHaveLength(0);
    });

    it('sends nothing once the sender is blocked', async () => {
      await send(a, ab, 'then blocked');
      await api().post(`/api/users/${a.user.id}/block`).set(bearer(b.accessToken)).expect(204);
      await controlMailTo(b);
      expect(mailsAbout(b, a)).toHaveLength(0);
    });

    it('sends nothing to someone who turned the e-mails off', async () => {
      await api()
        .patch('/api/users/me')
        .set(bearer(b.accessToken))
        .send({ settings: { emailNotifications: false } });
      await send(a, ab, 'off');
      await controlMailTo(a);
      expect(mailsAbout(b, a)).toHaveLength(0);
    });

    it('waits while the person is online and sends once they are gone', async () => {
      const socket = await online(b);
      await send(a, ab, 'while online');
      await controlMailTo(a);
      expect(mailsAbout(b, a)).toHaveLength(0);
      socket.close();
      await mail.next(b.user.email, (m) => m.subject.startsWith(a.user.displayName));
    });

    it('holds e-mails during do-not-disturb', async () => {
      const until = new Date(Date.now() + 3_600_000).toISOString();
      await api()
        .patch('/api/users/me')
        .set(bearer(b.accessToken))
        .send({ settings: { doNotDisturbUntil: until } });
      await send(a, ab, 'quiet please');
      await controlMailTo(a);
      expect(mailsAbout(b, a)).toHaveLength(0);
    });

    it('sends each burst once when several senders race for it', async () => {
      // Two more workers on the same database, as other instances would run them, besides the app's own.
      const workers = [0, 1].map(() => otherInstanceWorker(t));
      const people = await Promise.all(Array.from({ length: 12 }, () => signUp(t.baseUrl)));
      const chats = await Promise.all(people.map((p) => befriendAndOpenChat(t.baseUrl, a, p)));
      await Promise.all(chats.map((chat, i) => send(a, chat, `burst ${i}`)));
      let done = false;
      const racing = workers.map(async (worker) => {
        while (!done) await Promise.all([worker.sendDue(), new Promise((resolve) => setTimeout(resolve, 20))]);
      });
      await Promise.all(people.map((p) => mail.next(p.user.email, (m) => m.subject.startsWith(a.user.displayName))));
      // A control burst, due after all of them, is sent only once every worker is past them.
      await send(b, ab, 'control');
      await mail.next(a.user.email, (m) => m.subject.startsWith(b.user.displayName));
      done = true;
      await Promise.all(racing);
      for (const p of people) expect(mailsAbout(p, a)).toHaveLength(1);
    });
  });

  describe('away', () => {
    const awayOf = (socket: TestSocket, userId: string, away: boolean) =>
      socket.next('presence:update', (p) => p.userId === userId && p.away === away);

    it('shows friends "away" once every tab of the person is idle, and back when one is active or a new one opens', async () => {
      const [sa, sc] = [await online(a), await online(c)];
      const [sb1, sb2] = [await online(b), await online(b)];
      expect(await emitWithAck(sb1.socket, 'presence:idle', { idle: true })).toEqual({ ok: true });
      await emitWithAck(sb2.socket, 'presence:idle', { idle: true });
      expect(await awayOf(sa, b.user.id, true)).toEqual({ userId: b.user.id, online: true, away: true });

      // A friend connecting now learns it right after the snapshot.
      const later = await online(a);
      expect((await later.next('presence:snapshot')).online).toContain(b.user.id);
      await awayOf(later, b.user.id, true);

      await emitWithAck(sb2.socket, 'presence:idle', { idle: false });
      await awayOf(sa, b.user.id, false);
      await emitWithAck(sb2.socket, 'presence:idle', { idle: true });
      await awayOf(sa, b.user.id, true);
      await online(b);
      await later.next('presence:update', (p) => p.userId === b.user.id && p.away === false);

      // Not a friend: hears nothing of it.
      expect(sc.received('presence:update').filter((p) => p.userId === b.user.id)).toEqual([]);
      const refused = await emitWithAck(sb1.socket, 'presence:idle', { idle: 'yes' });
      expect(refused).toMatchObject({ ok: false, error: { statusCode: 400, code: 'validation_failed' } });
    });
  });

  describe('Web Push', () => {
    let device: PushReceiver;
    beforeEach(async () => {
      device = await startPushReceiver();
      await api().post('/api/push/subscriptions').set(bearer(b.accessToken)).send(device.subscription).expect(204);
    });
    afterEach(() => device.close());

    it('pushes an encrypted, VAPID-signed notification to someone with no tab open', async () => {
      const { body: key } = await api().get('/api/push/key').set(bearer(b.accessToken)).expect(200);
      expect(key.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
      await send(a, ab, 'hello there');
      const push = await device.next();
      expect(push.payload).toEqual({ conversationId: ab, title: a.user.displayName, body: 'hello there' });
      expect(push.vapid.publicKey).toBe(key.publicKey);
      expect(push.vapid.claims.aud).toBe(new URL(device.subscription.endpoint).origin);
      expect(push.headers['content-encoding']).toBe('aes128gcm');
    });

    it('titles a group message with the group and says who wrote it', async () => {
      const group = await api()
        .post('/api/conversations')
        .set(bearer(a.accessToken))
        .send({ userIds: [b.user.id], name: 'Team' })
        .expect(201);
      await send(a, group.body.id, 'hello team');
      const push = await device.next();
      expect(push.payload).toEqual({
        conversationId: group.body.id,
        title: 'Team',
        body: `${a.user.displayName}: hello team`,
      });
    });

    it('pushes nothing for a group message from someone blocked', async () => {
      const group = await api()
        .post('/api/conversations')
        .set(bearer(a.accessToken))
        .send({ userIds: [b.user.id], name: 'Team' })
        .expect(201);
      await api().post(`/api/users/${a.user.id}/block`).set(bearer(b.accessToken)).expect(204);
      await send(a, group.body.id, 'from the blocked one');
      await api().delete(`/api/users/${a.user.id}/block`).set(bearer(b.accessToken)).expect(204);
      await send(a, group.body.id, 'control');
      expect((await device.next()).payload.body).toBe(`${a.user.displayName}: control`);
      expect(device.received).toHaveLength(0);
    });

    it('pushes nothing while a tab is open, for a muted chat or in do-not-disturb', async () => {
      const socket = await online(b);
      await send(a, ab, 'tab open');
      socket.close();
      await api().put(`/api/conversations/${ab}/mute`).set(bearer(b.accessToken)).send({}).expect(204);
      await send(a, ab, 'muted');
      await api().delete(`/api/conversations/${ab}/mute`).set(bearer(b.accessToken)).expect(204);
      const until = new Date(Date.now() + 3_600_000).toISOString();
      await api()
        .patch('/api/users/me')
        .set(bearer(b.accessToken))
        .send({ settings: { doNotDisturbUntil: until } });
      await send(a, ab, 'quiet');
      await api()
        .patch('/api/users/me')
        .set(bearer(b.accessToken))
        .send({ settings: { doNotDisturbUntil: null } });
      await send(a, ab, 'control');
      expect((await device.next()).payload.body).toBe('control');
      expect(device.received).toHaveLength(0);
    });

    it('stops pushing to a browser whose session signed out, even when it never unsubscribed', async () => {
      await api().post('/api/auth/logout-all').set(bearer(b.accessToken)).expect(204);
      const { body: again } = await api()
        .post('/api/auth/login')
        .send({ login: b.input.username, password: b.input.password })
        .expect(200);
      const other = await startPushReceiver('/push/device-2');
      try {
        await api().post('/api/push/subscriptions').set(bearer(again.accessToken)).send(other.subscription).expect(204);
        await send(a, ab, 'only where b is signed in');
        expect((await other.next()).payload.body).toBe('only where b is signed in');
        expect(device.received).toHaveLength(0);
      } finally {
        await other.close();
      }
    });

    it('stops pushing to an unsubscribed browser, and refuses endpoints on private addresses or without https', async () => {
      await api()
        .delete('/api/push/subscriptions')
        .set(bearer(b.accessToken))
        .send({ endpoint: device.subscription.endpoint })
        .expect(204);
      const other = await startPushReceiver('/push/device-2');
      try {
        await api().post('/api/push/subscriptions').set(bearer(b.accessToken)).send(other.subscription).expect(204);
        await send(a, ab, 'only the other');
        expect((await other.next()).payload.body).toBe('only the other');
        expect(device.received).toHaveLength(0);
      } finally {
        await other.close();
      }
      for (const endpoint of ['https://10.1.2.3/push', 'https://[::1]/push', 'http://192.168.0.10/push']) {
        const refused = await api()
          .post('/api/push/subscriptions')
          .set(bearer(b.accessToken))
          .send({ ...device.subscription, endpoint })
          .expect(400);
        expect(refused.body).toMatchObject({ statusCode: 400, code: 'push_endpoint_refused' });
      }
      await api()
        .post('/api/push/subscriptions')
        .set(bearer(b.accessToken))
        .send({ endpoint: 'https://push.example.com/x', keys: { p256dh: 'not base64!', auth: 'x' } })
        .expect(400);
    });
  });
});

// Its own apps, last: Passport keeps one JWT strategy per process, the one of the app created last.
describe('Missed-message e-mail across a restart (e2e)', () => {
  it('sends a burst recorded before the app stopped once a new one starts on the same database', async () => {
    const mail = await startMailCatcher();
    const env = { SMTP_URL: mail.url, MISSED_MESSAGE_EMAIL_MINUTES: '0.05' };
    const first = await startTestApp(env);
    let second: TestApp | undefined;
    try {
      const [ada, bob] = [await signUp(first.baseUrl), await signUp(first.baseUrl)];
      const chat = await befriendAndOpenChat(first.baseUrl, ada, bob);
      await request(first.baseUrl)
        .post(`/api/conversations/${chat}/messages`)
        .set(bearer(ada.accessToken))
        .send({ clientId: newClientId(), text: 'before the restart' })
        .expect(201);
      await first.app.close();
      const aboutAda = (m: CaughtMail) => m.subject.startsWith(ada.user.displayName);
      expect(mail.to(bob.user.email).filter(aboutAda)).toHaveLength(0);
      second = await startTestApp({ ...env, MONGODB_URI: first.mongodbUri });
      const sent = await mail.next(bob.user.email, aboutAda, 10_000);
      expect(sent.subject).toBe(`${ada.user.displayName} sent you a message`);
    } finally {
      await second?.close();
      await mail.close();
    }
  });
});

/** The missed-message sender as another instance runs it: its own object, the same database. */
function otherInstanceWorker(t: TestApp): MissedMessagesService {
  const get = <T>(type: abstract new (...args: never[]) => T) => t.app.get(type, { strict: false });
  return new MissedMessagesService(
    t.app.get(getModelToken(MissedMessages.name), { strict: false }),
    get(ConversationsService),
    get(UsersService),
    get(BlocksService),
    get(PresenceRegistry),
    get(MailService),
    t.app.get<ConfigService<AllConfig, true>>(ConfigService, { strict: false }),
  );
}
