import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import request from 'supertest';

import { bearer, type SignedUp, signUp } from './support/builders';
import { connect, settle } from './support/sockets';
import { startTestApp, type TestApp } from './support/test-app';

describe('Admin (e2e)', () => {
  let t: TestApp;
  let admin: SignedUp;
  const api = () => request(t.baseUrl);

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_EMAIL: 'root@example.com' });
    admin = await signUp(t.baseUrl, { email: 'root@example.com' });
  });
  afterAll(() => t.close());

  it('guards every admin route: 401 anonymous, 403 for a user, 2xx for an admin', async () => {
    const user = await signUp(t.baseUrl);
    const target = await signUp(t.baseUrl);
    const routes: [string, string, object?][] = [
      ['get', '/api/admin/users'],
      ['get', '/api/admin/stats'],
      ['get', '/api/admin/audit'],
      ['patch', `/api/admin/users/${target.user.id}/roles`, { roles: ['user'] }],
      ['post', `/api/admin/users/${target.user.id}/ban`],
      ['post', `/api/admin/users/${target.user.id}/unban`],
    ];
    for (const [method, path, body] of routes) {
      const call = (token?: string) => {
        const req = (api() as any)[method](path);
        if (token) req.set(bearer(token));
        return body ? req.send(body) : req;
      };
      expect([path, (await call()).status]).toEqual([path, 401]);
      expect([path, (await call(user.accessToken)).status]).toEqual([path, 403]);
      expect([path, (await call(admin.accessToken)).status]).toEqual([path, 200]);
    }
  });

  it('bans a connected user: socket dropped within 2 s, refresh and login refused with a clear message; unban restores', async () => {
    const victim = await signUp(t.baseUrl);
    const socket = await connect(t.baseUrl, victim.accessToken);
    const banned = await api()
      .post(`/api/admin/users/${victim.user.id}/ban`)
      .set(bearer(admin.accessToken))
      .expect(200);
    expect(banned.body).toMatchObject({ id: victim.user.id, status: 'banned' });

    expect(await socket.next('session:revoked', () => true, 2_000)).toEqual({ reason: 'banned' });
    await settle(200);
    expect(socket.socket.connected).toBe(false);

    const refresh = await api().post('/api/auth/refresh').set('Cookie', victim.cookie).expect(403);
    expect(refresh.body.message).toMatch(/suspended/);
    await api().get('/api/users/me').set(bearer(victim.accessToken)).expect(401);
    const login = await api()
      .post('/api/auth/login')
      .send({ login: victim.input.username, password: victim.input.password })
      .expect(403);
    expect(login.body).toMatchObject({ code: 'account_banned', message: expect.stringMatching(/suspended/) });

    const other = await signUp(t.baseUrl);
    const search = await api()
      .get('/api/users/search')
      .query({ q: victim.user.username })
      .set(bearer(other.accessToken))
      .expect(200);
    expect(search.body.items).toEqual([]);

    await api().post(`/api/admin/users/${victim.user.id}/unban`).set(bearer(admin.accessToken)).expect(200);
    await api()
      .post('/api/auth/login')
      .send({ login: victim.input.username, password: victim.input.password })
      .expect(200);
  });

  it('changes roles within seconds on every route, and refuses (409) to demote the last admin', async () => {
    const promoted = await signUp(t.baseUrl);
    await api().get('/api/admin/stats').set(bearer(promoted.accessToken)).expect(403);
    const res = await api()
      .patch(`/api/admin/users/${promoted.user.id}/roles`)
      .set(bearer(admin.accessToken))
      .send({ roles: ['user', 'admin'] })
      .expect(200);
    expect(res.body.roles).toEqual(['user', 'admin']);
    // Same access token: roles are read from the database, not from the token.
    await api().get('/api/admin/stats').set(bearer(promoted.accessToken)).expect(200);

    const self = await api()
      .patch(`/api/admin/users/${admin.user.id}/roles`)
      .set(bearer(admin.accessToken))
      .send({ roles: ['user'] })
      .expect(409);
    expect(self.body.code).toBe('own_admin_role');
    await api()
      .patch(`/api/admin/users/${promoted.user.id}/roles`)
      .set(bearer(admin.accessToken))
      .send({ roles: ['user'] })
      .expect(200);
    await api().get('/api/admin/stats').set(bearer(promoted.accessToken)).expect(403);

    // The only admin left can't be demoted, even by another route to it.
    const last = await api()
      .patch(`/api/admin/users/${admin.user.id}/roles`)
      .set(bearer(admin.accessToken))
      .send({ roles: ['user'] })
      .expect(409);
    expect(last.body.code).toMatch(/own_admin_role|last_admin/);
    await api()
      .patch(`/api/admin/users/${admin.user.id}/roles`)
      .set(bearer(admin.accessToken))
      .send({ roles: ['superuser'] })
      .expect(400);
  });

  it('lets an admin demote another admin but never themselves, and never ban themselves', async () => {
    const [second, third] = [await signUp(t.baseUrl), await signUp(t.baseUrl)];
    for (const promoted of [second, third]) {
      await api()
        .patch(`/api/admin/users/${promoted.user.id}/roles`)
        .set(bearer(admin.accessToken))
        .send({ roles: ['user', 'admin'] })
        .expect(200);
    }
    await api()
      .patch(`/api/admin/users/${third.user.id}/roles`)
      .set(bearer(second.accessToken))
      .send({ roles: ['user'] })
      .expect(200);
    const refused = await api()
      .patch(`/api/admin/users/${second.user.id}/roles`)
      .set(bearer(second.accessToken))
      .send({ roles: ['user'] })
      .expect(409);
    expect(refused.body.code).toBe('own_admin_role');
    await api()
      .patch(`/api/admin/users/${second.user.id}/roles`)
      .set(bearer(admin.accessToken))
      .send({ roles: ['user'] })
      .expect(200);
    const alone = await api().post(`/api/admin/users/${admin.user.id}/ban`).set(bearer(admin.accessToken)).expect(409);
    expect(alone.body.code).toBe('ban_self');
  });

  it('never lets other admins demote or ban the ADMIN_EMAIL account (403 protected_admin)', async () => {
    const other = await signUp(t.baseUrl);
    await api()
      .patch(`/api/admin/users/${other.user.id}/roles`)
      .set(bearer(admin.accessToken))
      .send({ roles: ['user', 'admin'] })
      .expect(200);
    const demote = await api()
      .patch(`/api/admin/users/${admin.user.id}/roles`)
      .set(bearer(other.accessToken))
      .send({ roles: ['user'] })
      .expect(403);
    expect(demote.body).toMatchObject({ statusCode: 403, error: 'Forbidden', code: 'protected_admin' });
    const ban = await api().post(`/api/admin/users/${admin.user.id}/ban`).set(bearer(other.accessToken)).expect(403);
    expect(ban.body).toMatchObject({ statusCode: 403, code: 'protected_admin' });
    const me = await api().get('/api/users/me').set(bearer(admin.accessToken)).expect(200);
    expect(me.body.roles).toEqual(['user', 'admin']);
    await api()
      .patch(`/api/admin/users/${other.user.id}/roles`)
      .set(bearer(admin.accessToken))
      .send({ roles: ['user'] })
      .expect(200);
  });

  it('writes an audit row for each action, newest first, with actor and target', async () => {
    const target = await signUp(t.baseUrl);
    await api().post(`/api/admin/users/${target.user.id}/ban`).set(bearer(admin.accessToken)).expect(200);
    await api().post(`/api/admin/users/${target.user.id}/unban`).set(bearer(admin.accessToken)).expect(200);
    await api()
      .patch(`/api/admin/users/${target.user.id}/roles`)
      .set(bearer(admin.accessToken))
      .send({ roles: ['user', 'admin'] })
      .expect(200);

    const audit = await api().get('/api/admin/audit').set(bearer(admin.accessToken)).expect(200);
    const mine = audit.body.items.filter((row: { target: { id: string } }) => row.target.id === target.user.id);
    expect(mine.map((row: { action: string }) => row.action)).toEqual([
      'user.roles_changed',
      'user.unbanned',
      'user.banned',
    ]);
    expect(mine[0]).toMatchObject({ actor: { id: admin.user.id }, details: { from: ['user'], to: ['user', 'admin'] } });
    expect(JSON.stringify(audit.body)).not.toMatch(/email|passwordHash/);
  });

  it('reports stats: users, online now, messages per day for 14 days', async () => {
    const socket = await connect(t.baseUrl, admin.accessToken);
    // The snapshot comes once the server has counted this socket as online.
    await socket.next('presence:snapshot');
    const stats = await api().get('/api/admin/stats').set(bearer(admin.accessToken)).expect(200);
    expect(stats.body.users).toBeGreaterThanOrEqual(5);
    expect(stats.body.onlineNow).toBe(1);
    expect(stats.body.messagesPerDay).toHaveLength(14);
    expect(stats.body.messagesPerDay[13].day).toBe(new Date().toISOString().slice(0, 10));
    expect(stats.body.media).toEqual({ count: 0, bytes: 0 });
    socket.close();
  });

  it('lists users with status, roles and online now', async () => {
    const socket = await connect(t.baseUrl, admin.accessToken);
    await socket.next('presence:snapshot');
    const res = await api()
      .get('/api/admin/users')
      .query({ q: admin.user.username })
      .set(bearer(admin.accessToken))
      .expect(200);
    expect(res.body.items[0]).toMatchObject({
      id: admin.user.id,
      roles: ['user', 'admin'],
      status: 'active',
      online: true,
    });
    socket.close();
  });
});

describe('Admin: never the last admin, under concurrency (e2e)', () => {
  let t: TestApp;
  let x: SignedUp, y: SignedUp;
  const api = () => request(t.baseUrl);
  const activeAdmins = () =>
    t.app
      .get<Connection>(getConnectionToken())
      .collection('users')
      .countDocuments({ roles: 'admin', status: 'active' });

  // Two admins and no ADMIN_EMAIL account (e.g. ADMIN_EMAIL was unset later): nobody else keeps the install.
  beforeAll(async () => {
    t = await startTestApp();
    [x, y] = [await signUp(t.baseUrl), await signUp(t.baseUrl)];
    await t.app
      .get<Connection>(getConnectionToken())
      .collection('users')
      .updateMany({ email: { $in: [x.input.email, y.input.email] } }, { $set: { roles: ['user', 'admin'] } });
  });
  afterAll(() => t.close());

  it('two admins demoting each other at the same moment: exactly one succeeds, one admin remains (25 rounds)', async () => {
    for (let round = 0; round < 25; round++) {
      const demote = (actor: SignedUp, target: SignedUp) =>
        api()
          .patch(`/api/admin/users/${target.user.id}/roles`)
          .set(bearer(actor.accessToken))
          .send({ roles: ['user'] });
      const results = await Promise.all([demote(x, y), demote(y, x)]);
      // The loser hears 409 last_admin, or 403 forbidden when the winner's demotion landed before its own request
      // was authorized (it is no admin any more). Either way exactly one demotion happens.
      const [won, lost] = results[0].status === 200 ? results : [results[1], results[0]];
      expect({ round, won: won.status, lost: lost.body.code, admins: await activeAdmins() }).toEqual({
        round,
        won: 200,
        lost: expect.stringMatching(/^(last_admin|forbidden)$/),
        admins: 1,
      });
      expect(lost.status).toBe(lost.body.code === 'last_admin' ? 409 : 403);
      const [winner, loser] = results[0].status === 200 ? [x, y] : [y, x];
      await api()
        .patch(`/api/admin/users/${loser.user.id}/roles`)
        .set(bearer(winner.accessToken))
        .send({ roles: ['user', 'admin'] })
        .expect(200);
    }
  });

  it('two admins banning each other at the same moment: exactly one succeeds, one admin remains (25 rounds)', async () => {
    for (let round = 0; round < 25; round++) {
      const ban = (actor: SignedUp, target: SignedUp) =>
        api().post(`/api/admin/users/${target.user.id}/ban`).set(bearer(actor.accessToken));
      const results = await Promise.all([ban(x, y), ban(y, x)]);
      // The loser hears 409 last_admin, or 401 session_ended when the winner's ban ended its session before its own
      // request was authenticated. Either way exactly one ban happens.
      const [won, lost] = results[0].status === 200 ? results : [results[1], results[0]];
      expect({ round, won: won.status, lost: lost.body.code, admins: await activeAdmins() }).toEqual({
        round,
        won: 200,
        lost: expect.stringMatching(/^(last_admin|session_ended)$/),
        admins: 1,
      });
      expect(lost.status).toBe(lost.body.code === 'last_admin' ? 409 : 401);
      const [winner, loser] = results[0].status === 200 ? [x, y] : [y, x];
      await api().post(`/api/admin/users/${loser.user.id}/unban`).set(bearer(winner.accessToken)).expect(200);
      // The ban ended the loser's sessions: sign in again.
      const login = await api()
        .post('/api/auth/login')
        .send({ login: loser.input.username, password: loser.input.password })
        .expect(200);
      loser.accessToken = login.body.accessToken;
    }
  });
});
