import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import request from 'supertest';

import { ServerEvent } from '../src/contracts/socket-events';
import { bearer, befriendAndOpenChat, newClientId, refreshCookieOf, type SignedUp, signUp } from './support/builders';
import { type MailCatcher, startMailCatcher, tokenOf } from './support/mail-catcher';
import { connect, settle, type TestSocket } from './support/sockets';
import { startTestApp, type TestApp } from './support/test-app';

const APP_URL = 'http://chat.example.test';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

describe('Account lifecycle (e2e, real SMTP on loopback)', () => {
  let mail: MailCatcher;
  let t: TestApp;
  let ips = 0;
  /** A fresh client address per test, so the per-IP limits of one test don't spill into another. */
  const newIp = () => `198.51.100.${(ips += 1)}`;

  beforeAll(async () => {
    mail = await startMailCatcher();
    t = await startTestApp({ SMTP_URL: mail.url, APP_URL, TRUST_PROXY: 'true' });
  });
  afterAll(async () => {
    await t?.close();
    await mail?.close();
  });

  const api = () => request(t.baseUrl);
  const login = (who: SignedUp, password = who.input.password, userAgent = FIREFOX) =>
    api().post('/api/auth/login').set('User-Agent', userAgent).send({ login: who.input.username, password });
  const forgot = (email: string, ip = newIp()) =>
    api().post('/api/auth/password/forgot').set('X-Forwarded-For', ip).send({ email });
  const resetMail = (who: SignedUp) => mail.next(who.input.email, (m) => m.subject.includes('Reset'));
  const closed = (socket: TestSocket) =>
    new Promise<string>((resolve) =>
      socket.socket.connected ? socket.socket.once('disconnect', (reason) => resolve(reason)) : resolve('closed'),
    );

  describe('email verification', () => {
    it('mails a signed link at signup that verifies the address once', async () => {
      const ada = await signUp(t.baseUrl);
      expect(ada.user.emailVerified).toBe(false);

      const sent = await mail.next(ada.input.email, (m) => m.subject.includes('Confirm'));
      expect(sent.subject).toBe('Confirm your email address for Portal Chat');
      expect(sent.link).toMatch(new RegExp(`^${APP_URL}/verify-email\\?token=`));
      expect(sent.text).toMatch(/expires in 24 hours \(.+ UTC\)/);
      expect(sent.html).toContain('Portal Chat');
      expect(sent.html).toContain(sent.link!.replace(/&/g, '&amp;'));

      const verified = await api()
        .post('/api/auth/verify-email')
        .send({ token: tokenOf(sent.link) })
        .expect(200);
      expect(verified.body).toEqual({ email: ada.input.email, emailVerified: true });
      const me = await api().get('/api/users/me').set(bearer(ada.accessToken)).expect(200);
      expect(me.body.emailVerified).toBe(true);

      const again = await api()
        .post('/api/auth/verify-email')
        .send({ token: tokenOf(sent.link) })
        .expect(409);
      expect(again.body.code).toBe('email_already_verified');
    });

    it('tells the account’s open tabs at once when the address is verified in another one', async () => {
      const ada = await signUp(t.baseUrl);
      const tab = await connect(t.baseUrl, ada.accessToken);
      const sent = await mail.next(ada.input.email, (m) => m.subject.includes('Confirm'));

      await api()
        .post('/api/auth/verify-email')
        .send({ token: tokenOf(sent.link) })
        .expect(200);

      const { user } = await tab.next(ServerEvent.UserUpdated, (p) => p.user.emailVerified === true);
      expect(user).toMatchObject({ id: ada.user.id, email: ada.input.email, emailVerified: true });
      tab.close();
    });

    it('rejects a tampered link, and an access token passed off as one', async () => {
      const ada = await signUp(t.baseUrl);
      const sent = await mail.next(ada.input.email);
      const token = tokenOf(sent.link);
      const tampered = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
      for (const bad of [tampered, ada.accessToken, 'not-a-token']) {
        const res = await api().post('/api/auth/verify-email').send({ token: bad }).expect(400);
        expect(res.body.code).toBe('verification_link_invalid');
      }
      const me = await api().get('/api/users/me').set(bearer(ada.accessToken)).expect(200);
      expect(me.body.emailVerified).toBe(false);
    });

    it('sends a new link on request, a few times at most, and only while unverified', async () => {
      const ada = await signUp(t.baseUrl);
      await mail.next(ada.input.email);
      await api().post('/api/auth/verify-email/request').expect(401);

      await api().post('/api/auth/verify-email/request').set(bearer(ada.accessToken)).expect(204);
      expect(mail.to(ada.input.email)).toHaveLength(2);
      for (let i = 0; i < 2; i++) {
        await api().post('/api/auth/verify-email/request').set(bearer(ada.accessToken)).expect(204);
      }
      const throttled = await api().post('/api/auth/verify-email/request').set(bearer(ada.accessToken)).expect(429);
      expect(throttled.body.code).toBe('verification_throttled');
      expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);

      const latest = mail.to(ada.input.email).at(-1)!;
      await api()
        .post('/api/auth/verify-email')
        .send({ token: tokenOf(latest.link) })
        .expect(200);
      const done = await api().post('/api/auth/verify-email/request').set(bearer(ada.accessToken)).expect(409);
      expect(done.body.code).toBe('email_already_verified');
    });
  });

  describe('password reset', () => {
    it('mails a link that sets a new password once and ends every session and socket', async () => {
      const ada = await signUp(t.baseUrl);
      const otherDevice = await login(ada).expect(200);
      const sockets = [
        await connect(t.baseUrl, ada.accessToken),
        await connect(t.baseUrl, otherDevice.body.accessToken),
      ];

      const answer = await forgot(ada.input.email.toUpperCase()).expect(202);
      expect(answer.body.message).toMatch(/If an account uses this address/);

      const sent = await resetMail(ada);
      expect(sent.subject).toBe('Reset your Portal Chat password');
      expect(sent.link).toMatch(new RegExp(`^${APP_URL}/reset-password\\?token=[\\w-]{43}$`));
      expect(sent.text).toMatch(/expires in 30 minutes \(.+ UTC\)/);
      expect(sent.html).toContain('Choose a new password');

      const drops = sockets.map(closed);
      const newPassword = 'a brand new passphrase';
      await api()
        .post('/api/auth/password/reset')
        .send({ token: tokenOf(sent.link), password: newPassword })
        .expect(204);

      expect(await Promise.all(drops)).toEqual(['io server disconnect', 'io server disconnect']);
      // The reason lets the other tabs say why they were signed out.
      for (const socket of sockets)
        expect(socket.received(ServerEvent.SessionRevoked)).toEqual([{ reason: 'password_reset' }]);
      for (const cookie of [ada.cookie, refreshCookieOf(otherDevice)]) {
        await api().post('/api/auth/refresh').set('Cookie', cookie).expect(401);
      }
      await api().get('/api/users/me').set(bearer(otherDevice.body.accessToken)).expect(401);
      await login(ada).expect(401);
      const fresh = await login(ada, newPassword).expect(200);
      // Opening the link proved the inbox, like a verification link would.
      expect(fresh.body.user.emailVerified).toBe(true);

      const reused = await api()
        .post('/api/auth/password/reset')
        .send({ token: tokenOf(sent.link), password: 'yet another passphrase' })
        .expect(400);
      expect(reused.body.code).toBe('reset_link_invalid');
      await login(ada, newPassword).expect(200);

      const notice = await mail.next(ada.input.email, (m) => m.subject.includes('was changed'));
      expect(notice.text).toContain(`${APP_URL}/forgot-password`);
    });

    it('refuses an expired link and leaves the password as it was', async () => {
      const ada = await signUp(t.baseUrl);
      await forgot(ada.input.email).expect(202);
      const sent = await resetMail(ada);
      await t.app
        .get<Connection>(getConnectionToken())
        .collection('password_resets')
        .updateMany({}, { $set: { expiresAt: new Date(Date.now() - 1000) } });

      const res = await api()
        .post('/api/auth/password/reset')
        .send({ token: tokenOf(sent.link), password: 'too late passphrase' })
        .expect(400);
      expect(res.body.code).toBe('reset_link_invalid');
      await login(ada).expect(200);
      await api().post('/api/auth/refresh').set('Cookie', ada.cookie).expect(200);
    });

    it('refuses made-up tokens and short passwords', async () => {
      const bad = await api()
        .post('/api/auth/password/reset')
        .send({ token: 'x'.repeat(43), password: 'long enough passphrase' })
        .expect(400);
      expect(bad.body.code).toBe('reset_link_invalid');
      const short = await api().post('/api/auth/password/reset').send({ token: 'abc', password: 'short' }).expect(400);
      expect(Object.keys(short.body.errors)).toEqual(['password']);
    });

    it('answers an unknown address exactly like a known one, and mails nobody', async () => {
      const ada = await signUp(t.baseUrl);
      const unknown = `nobody-${Date.now()}@example.com`;
      const [known, stranger] = [await forgot(ada.input.email), await forgot(unknown)];
      expect(stranger.status).toBe(202);
      expect(stranger.body).toEqual(known.body);

      await resetMail(ada);
      await settle(500);
      expect(mail.to(unknown)).toEqual([]);
    });

    it('mails one address a few times at most, with the same answer, and slows down a busy IP', async () => {
      const ada = await signUp(t.baseUrl);
      for (let i = 0; i < 5; i++) await forgot(ada.input.email).expect(202);
      await settle(500);
      expect(mail.to(ada.input.email).filter((m) => m.subject.includes('Reset'))).toHaveLength(3);

      const ip = newIp();
      for (let i = 0; i < 10; i++) await forgot(`someone-${i}@example.com`, ip).expect(202);
      const throttled = await forgot('someone-else@example.com', ip).expect(429);
      expect(throttled.body.code).toBe('reset_throttled');
      expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
      await forgot('someone-else@example.com', newIp()).expect(202);
    });
  });

  describe('password change', () => {
    it('requires the current password, then ends the other sessions and keeps this one', async () => {
      const ada = await signUp(t.baseUrl);
      const other = await login(ada).expect(200);
      const [mine, theirs] = [
        await connect(t.baseUrl, ada.accessToken),
        await connect(t.baseUrl, other.body.accessToken),
      ];
      const change = (body: object, token = ada.accessToken) =>
        api().post('/api/auth/password/change').set(bearer(token)).send(body);

      await api()
        .post('/api/auth/password/change')
        .send({ currentPassword: 'x', newPassword: 'y'.repeat(8) })
        .expect(401);
      const wrong = await change({ currentPassword: 'not my password', newPassword: 'a new passphrase' }).expect(400);
      expect(wrong.body).toMatchObject({ code: 'wrong_password', errors: { currentPassword: [expect.any(String)] } });
      const same = await change({ currentPassword: ada.input.password, newPassword: ada.input.password }).expect(400);
      expect(same.body.errors).toHaveProperty('newPassword');
      const weak = await change({ currentPassword: ada.input.password, newPassword: 'short' }).expect(400);
      expect(weak.body.errors).toHaveProperty('newPassword');
      await api().post('/api/auth/refresh').set('Cookie', refreshCookieOf(other)).expect(200);

      const dropped = closed(theirs);
      await change({ currentPassword: ada.input.password, newPassword: 'a new passphrase' }).expect(204);
      expect(await dropped).toBe('io server disconnect');
      expect(theirs.received(ServerEvent.SessionRevoked)).toEqual([{ reason: 'password_changed' }]);
      await api().post('/api/auth/refresh').set('Cookie', refreshCookieOf(other)).expect(401);

      await settle();
      expect(mine.socket.connected).toBe(true);
      await api().get('/api/users/me').set(bearer(ada.accessToken)).expect(200);
      await api().post('/api/auth/refresh').set('Cookie', ada.cookie).expect(200);
      await login(ada).expect(401);
      await login(ada, 'a new passphrase').expect(200);
      await mail.next(ada.input.email, (m) => m.subject.includes('was changed'));
      mine.close();
    });
  });

  describe('active sessions', () => {
    it('lists each sign-in with its device and marks the current one, without secrets', async () => {
      const ada = await signUp(t.baseUrl);
      const phone = await login(ada, ada.input.password, SAFARI_IPHONE).expect(200);
      const res = await api().get('/api/auth/sessions').set(bearer(phone.body.accessToken)).expect(200);

      expect(res.body.nextCursor).toBeNull();
      expect(res.body.items).toHaveLength(2);
      const [first, second] = res.body.items;
      expect(first).toEqual({
        id: expect.any(String),
        device: 'Safari on iOS',
        ip: expect.any(String),
        createdAt: expect.any(String),
        lastUsedAt: expect.any(String),
        current: true,
      });
      expect(second.current).toBe(false);
      expect(JSON.stringify(res.body)).not.toMatch(/hash|token/i);

      const other = await signUp(t.baseUrl);
      const theirs = await api().get('/api/auth/sessions').set(bearer(other.accessToken)).expect(200);
      expect(theirs.body.items).toHaveLength(1);
      await api().get('/api/auth/sessions').expect(401);
    });

    it('signs one session out: its refresh token and its sockets die, the others live on', async () => {
      const ada = await signUp(t.baseUrl);
      const laptop = await login(ada).expect(200);
      const [here, there] = [
        await connect(t.baseUrl, ada.accessToken),
        await connect(t.baseUrl, laptop.body.accessToken),
      ];
      const list = await api().get('/api/auth/sessions').set(bearer(ada.accessToken)).expect(200);
      const target = list.body.items.find((s: { current: boolean }) => !s.current);

      const dropped = closed(there);
      await api().delete(`/api/auth/sessions/${target.id}`).set(bearer(ada.accessToken)).expect(204);
      expect(await dropped).toBe('io server disconnect');
      expect(there.received(ServerEvent.SessionRevoked)).toHaveLength(1);
      await api().post('/api/auth/refresh').set('Cookie', refreshCookieOf(laptop)).expect(401);
      await api().get('/api/users/me').set(bearer(laptop.body.accessToken)).expect(401);

      await settle();
      expect(here.socket.connected).toBe(true);
      await api().post('/api/auth/refresh').set('Cookie', ada.cookie).expect(200);
      const after = await api().get('/api/auth/sessions').set(bearer(ada.accessToken)).expect(200);
      expect(after.body.items.map((s: { id: string }) => s.id)).not.toContain(target.id);

      const again = await api().delete(`/api/auth/sessions/${target.id}`).set(bearer(ada.accessToken)).expect(404);
      expect(again.body.code).toBe('session_not_found');
      await api().delete('/api/auth/sessions/not-an-id').set(bearer(ada.accessToken)).expect(400);
      here.close();
    });

    it("can't end someone else's session", async () => {
      const [ada, bob] = [await signUp(t.baseUrl), await signUp(t.baseUrl)];
      const bobs = await api().get('/api/auth/sessions').set(bearer(bob.accessToken)).expect(200);
      await api().delete(`/api/auth/sessions/${bobs.body.items[0].id}`).set(bearer(ada.accessToken)).expect(404);
      await api().post('/api/auth/refresh').set('Cookie', bob.cookie).expect(200);
    });
  });

  describe('REQUIRE_VERIFIED_EMAIL=true', () => {
    let strict: TestApp;
    beforeAll(async () => {
      strict = await startTestApp({ SMTP_URL: mail.url, APP_URL, REQUIRE_VERIFIED_EMAIL: 'true' });
    });
    afterAll(() => strict?.close());

    it('lets unverified people sign in and read, but not send, until they verify', async () => {
      const [ada, bob] = [await signUp(strict.baseUrl), await signUp(strict.baseUrl)];
      const conversationId = await befriendAndOpenChat(strict.baseUrl, ada, bob);
      const send = () =>
        request(strict.baseUrl)
          .post(`/api/conversations/${conversationId}/messages`)
          .set(bearer(ada.accessToken))
          .send({ clientId: newClientId(), text: 'hello' });

      const refused = await send().expect(403);
      expect(refused.body.code).toBe('email_unverified');
      await request(strict.baseUrl)
        .get(`/api/conversations/${conversationId}/messages`)
        .set(bearer(ada.accessToken))
        .expect(200);

      const sent = await mail.next(ada.input.email);
      await request(strict.baseUrl)
        .post('/api/auth/verify-email')
        .send({ token: tokenOf(sent.link) })
        .expect(200);
      await send().expect(201);
    });
  });
});
