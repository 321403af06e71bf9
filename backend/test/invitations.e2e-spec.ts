import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import request from 'supertest';

import { bearer, refreshCookieOf, type SignedUp, signUp } from './support/builders';
import { type MailCatcher, startMailCatcher, tokenOf } from './support/mail-catcher';
import { startTestApp, type TestApp } from './support/test-app';

const APP_URL = 'http://chat.example.test';
const PASSWORD = 'my own passphrase';

describe('Invitations by an admin (e2e, real SMTP on loopback, sign-up closed)', () => {
  let mail: MailCatcher;
  let t: TestApp;
  let admin: SignedUp;
  let invitees = 0;
  const newEmail = () => `invitee${(invitees += 1)}@acme.com`;

  beforeAll(async () => {
    mail = await startMailCatcher();
    t = await startTestApp({ SMTP_URL: mail.url, APP_URL, SIGNUP: 'closed', ADMIN_EMAIL: 'root@example.com' });
    admin = await signUp(t.baseUrl, { email: 'root@example.com' });
  });
  afterAll(async () => {
    await t?.close();
    await mail?.close();
  });

  const api = () => request(t.baseUrl);
  const invite = (body: object, token = admin.accessToken) =>
    api().post('/api/admin/users').set(bearer(token)).send(body);
  const accept = (token: string, password = PASSWORD) =>
    api().post('/api/auth/invitation/accept').send({ token, password });
  const invitation = (email: string) => mail.next(email, (m) => m.subject.includes('invited'));
  const links = () => t.app.get<Connection>(getConnectionToken()).collection('password_resets');

  it('creates the account, mails a link, and the invitee chooses a password and is signed in', async () => {
    const email = newEmail();
    const created = await invite({ email: email.toUpperCase(), displayName: 'Grace Hopper' }).expect(201);
    expect(created.body).toMatchObject({
      email,
      username: 'invitee1',
      displayName: 'Grace Hopper',
      roles: ['user'],
      status: 'active',
      online: false,
    });
    expect(created.body).not.toHaveProperty('passwordHash');

    const sent = await invitation(email);
    expect(sent.subject).toBe('You are invited to Portal Chat');
    expect(sent.link).toMatch(new RegExp(`^${APP_URL}/accept-invitation\\?token=[\\w-]{43}$`));
    expect(sent.text).toMatch(/expires in 7 days \(.+ UTC\)/);

    const signedIn = await accept(tokenOf(sent.link)).expect(200);
    expect(signedIn.body.user).toMatchObject({ id: created.body.id, email, emailVerified: true });
    expect(signedIn.body.accessToken).toEqual(expect.any(String));
    const cookie = refreshCookieOf(signedIn);
    expect(cookie).not.toBe('');
    await api().post('/api/auth/refresh').set('Cookie', cookie).expect(200);
    await api().get('/api/users/me').set(bearer(signedIn.body.accessToken)).expect(200);
    await api().post('/api/auth/login').send({ login: email, password: PASSWORD }).expect(200);
  });

  it('works once: a second use is refused and leaves the chosen password', async () => {
    const email = newEmail();
    await invite({ email }).expect(201);
    const token = tokenOf((await invitation(email)).link);
    await accept(token).expect(200);

    const again = await accept(token, 'someone elses passphrase').expect(400);
    expect(again.body.code).toBe('invitation_invalid');
    await api().post('/api/auth/login').send({ login: email, password: PASSWORD }).expect(200);
    await api().post('/api/auth/login').send({ login: email, password: 'someone elses passphrase' }).expect(401);
  });

  it('expires, and is no password reset link', async () => {
    const email = newEmail();
    await invite({ email }).expect(201);
    const token = tokenOf((await invitation(email)).link);
    const reset = await api().post('/api/auth/password/reset').send({ token, password: PASSWORD }).expect(400);
    expect(reset.body.code).toBe('reset_link_invalid');

    await links().updateMany({ purpose: 'invitation' }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const late = await accept(token).expect(400);
    expect(late.body).toMatchObject({ statusCode: 400, code: 'invitation_invalid' });
    await api().post('/api/auth/login').send({ login: email, password: PASSWORD }).expect(401);
  });

  it('refuses made-up tokens and short passwords', async () => {
    expect((await accept('x'.repeat(43)).expect(400)).body.code).toBe('invitation_invalid');
    const short = await accept('x'.repeat(43), 'short').expect(400);
    expect(short.body.errors).toHaveProperty('password');
  });

  it('makes an admin through the last-admin-safe path when asked', async () => {
    const email = newEmail();
    const created = await invite({ email, username: 'second.admin', roles: ['user', 'admin'] }).expect(201);
    expect(created.body).toMatchObject({ username: 'second.admin', roles: ['user', 'admin'] });
    const signedIn = await accept(tokenOf((await invitation(email)).link)).expect(200);
    expect(signedIn.body.user.roles).toEqual(['user', 'admin']);
    await api().get('/api/admin/stats').set(bearer(signedIn.body.accessToken)).expect(200);
  });

  it('makes a free username from the address when none is given', async () => {
    const first = await invite({ email: 'ada.lovelace@acme.com' }).expect(201);
    const second = await invite({ email: 'ada.lovelace@acme.de' }).expect(201);
    const third = await invite({ email: 'a+b@acme.de' }).expect(201);
    expect([first.body.username, second.body.username, third.body.username]).toEqual([
      'ada.lovelace',
      'ada.lovelace2',
      'ab0',
    ]);
  });

  it('answers 409 for a taken e-mail or username and creates nothing', async () => {
    const email = newEmail();
    await invite({ email, username: 'taken.name' }).expect(201);
    const sameEmail = await invite({ email, username: 'other.name' }).expect(409);
    expect(sameEmail.body.code).toBe('email_taken');
    const sameName = await invite({ email: newEmail(), username: 'taken.name' }).expect(409);
    expect(sameName.body.code).toBe('username_taken');
    await invite({ email: admin.input.email }).expect(409);
    const list = await api().get('/api/admin/users?q=other.name').set(bearer(admin.accessToken)).expect(200);
    expect(list.body.items).toEqual([]);
  });

  it('refuses bad input with field errors', async () => {
    const res = await invite({ email: 'not-an-address', roles: ['owner'], username: 'A B' }).expect(400);
    expect(Object.keys(res.body.errors).sort()).toEqual(['email', 'roles', 'username']);
  });

  it('is recorded in the audit log', async () => {
    const email = newEmail();
    const created = await invite({ email, roles: ['admin'] }).expect(201);
    const audit = await api().get('/api/admin/audit').set(bearer(admin.accessToken)).expect(200);
    expect(audit.body.items[0]).toMatchObject({
      action: 'user.invited',
      actor: { id: admin.user.id },
      target: { id: created.body.id },
      details: { roles: ['user', 'admin'] },
    });
  });

  it('is for admins only: 401 anonymous, 403 for a user', async () => {
    const email = newEmail();
    await api().post('/api/admin/users').send({ email }).expect(401);
    const invited = await invite({ email }).expect(201);
    const user = await accept(tokenOf((await invitation(email)).link)).expect(200);
    const res = await invite({ email: newEmail() }, user.body.accessToken).expect(403);
    expect(res.body.statusCode).toBe(403);
    expect(invited.body.roles).toEqual(['user']);
  });
});
