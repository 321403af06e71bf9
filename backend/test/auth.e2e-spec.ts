import request from 'supertest';

import { bearer, buildSignup, refreshCookieOf, signUp } from './support/builders';
import { captureErrorLogs } from './support/log-capture';
import { startTestApp, type TestApp } from './support/test-app';

describe('Auth (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ADMIN_EMAIL: 'boss@example.com', REFRESH_REUSE_INTERVAL_SECONDS: '1' });
  });
  afterAll(() => t.close());

  describe('signup', () => {
    it('creates an account, signs in and sets an HttpOnly SameSite=Strict refresh cookie', async () => {
      const input = buildSignup({ username: 'Ada.Lovelace', displayName: 'Ada Lovelace' });
      const res = await request(t.baseUrl).post('/api/auth/signup').send(input).expect(201);

      expect(res.body.user).toMatchObject({ username: 'ada.lovelace', displayName: 'Ada Lovelace', roles: ['user'] });
      expect(res.body.accessToken).toEqual(expect.any(String));
      expect(res.body.expiresIn).toBe(900);
      expect(JSON.stringify(res.body)).not.toMatch(/password|hash/i);
      const cookie = ([] as string[]).concat(res.headers['set-cookie']).find((c) => c.startsWith('refresh_token='))!;
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).toMatch(/Path=\/api\/auth/);

      const me = await request(t.baseUrl).get('/api/users/me').set(bearer(res.body.accessToken)).expect(200);
      expect(me.body).toMatchObject({ username: 'ada.lovelace', email: input.email });
    });

    it('answers 409 with the field for a duplicate username or email, case-insensitively', async () => {
      const first = await signUp(t.baseUrl);
      const sameName = await request(t.baseUrl)
        .post('/api/auth/signup')
        .send(buildSignup({ username: first.input.username.toUpperCase() }))
        .expect(409);
      expect(sameName.body).toMatchObject({ statusCode: 409, error: 'Conflict', code: 'username_taken' });
      expect(sameName.body.errors.username).toHaveLength(1);

      const sameEmail = await request(t.baseUrl)
        .post('/api/auth/signup')
        .send(buildSignup({ email: first.input.email.toUpperCase() }))
        .expect(409);
      expect(sameEmail.body).toMatchObject({ statusCode: 409, code: 'email_taken' });
    });

    it('answers 400 with a message per field for a bad body', async () => {
      const res = await request(t.baseUrl)
        .post('/api/auth/signup')
        .send({ username: 'x!', email: 'nope', password: 'short', extra: 1 })
        .expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'validation_failed' });
      expect(Object.keys(res.body.errors).sort()).toEqual(['email', 'extra', 'password', 'username']);
      expect(res.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/password/)]));
    });
  });

  describe('login', () => {
    it('accepts the username or the email', async () => {
      const { input } = await signUp(t.baseUrl);
      for (const login of [input.username, input.email.toUpperCase()]) {
        const res = await request(t.baseUrl)
          .post('/api/auth/login')
          .send({ login, password: input.password })
          .expect(200);
        expect(res.body.user.username).toBe(input.username);
        expect(refreshCookieOf(res)).toMatch(/^refresh_token=.+/);
      }
    });

    it('refuses a wrong password with 401 and the same message as an unknown account', async () => {
      const { input } = await signUp(t.baseUrl);
      const wrong = await request(t.baseUrl)
        .post('/api/auth/login')
        .send({ login: input.username, password: 'wrong password' });
      const unknown = await request(t.baseUrl)
        .post('/api/auth/login')
        .send({ login: 'nobody-here', password: 'wrong password' });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body.message).toBe(unknown.body.message);
    });

    it('rejects an operator-injection attempt instead of matching any account', async () => {
      const { input } = await signUp(t.baseUrl);
      const res = await request(t.baseUrl)
        .post('/api/auth/login')
        .send({ login: { $gt: '' }, password: { $gt: '' } })
        .expect(400);
      expect(res.body.errors).toHaveProperty('login');
      await request(t.baseUrl)
        .post('/api/auth/login')
        .send({ login: input.username, password: { $ne: 'x' } })
        .expect(400);
    });
  });

  describe('refresh', () => {
    it('rotates the cookie and returns a working access token', async () => {
      const { cookie } = await signUp(t.baseUrl);
      const res = await request(t.baseUrl).post('/api/auth/refresh').set('Cookie', cookie).expect(200);
      const rotated = refreshCookieOf(res);
      expect(rotated).toMatch(/^refresh_token=.+/);
      expect(rotated).not.toBe(cookie);
      await request(t.baseUrl).get('/api/users/me').set(bearer(res.body.accessToken)).expect(200);
    });

    it('tolerates the previous token for a moment (tabs refreshing together) without rotating again', async () => {
      const { cookie } = await signUp(t.baseUrl);
      const first = await request(t.baseUrl).post('/api/auth/refresh').set('Cookie', cookie).expect(200);
      const second = await request(t.baseUrl).post('/api/auth/refresh').set('Cookie', cookie).expect(200);
      expect(refreshCookieOf(second)).toBe('');
      await request(t.baseUrl).post('/api/auth/refresh').set('Cookie', refreshCookieOf(first)).expect(200);
    });

    it('treats a rotated token presented after the reuse interval as theft: 401, and the newer token dies too', async () => {
      const { cookie } = await signUp(t.baseUrl);
      const rotated = await request(t.baseUrl).post('/api/auth/refresh').set('Cookie', cookie).expect(200);
      const newer = refreshCookieOf(rotated);
      await new Promise((resolve) => setTimeout(resolve, 1_200));

      const reuse = await request(t.baseUrl).post('/api/auth/refresh').set('Cookie', cookie).expect(401);
      expect(reuse.body.code).toBe('refresh_token_reused');
      await request(t.baseUrl).post('/api/auth/refresh').set('Cookie', newer).expect(401);
      await request(t.baseUrl).get('/api/users/me').set(bearer(rotated.body.accessToken)).expect(401);
    });

    it('answers 204 with no body and logs nothing when there is no cookie at all (a signed-out page load)', async () => {
      const logs = captureErrorLogs();
      try {
        const res = await request(t.baseUrl).post('/api/auth/refresh').expect(204);
        expect(res.text).toBe('');
        expect(res.headers['set-cookie']).toBeUndefined();
        expect(logs.lines()).toEqual([]);
      } finally {
        logs.stop();
      }
    });

    it('answers 401 with an empty, malformed or forged cookie', async () => {
      await request(t.baseUrl).post('/api/auth/refresh').set('Cookie', 'refresh_token=').expect(401);
      await request(t.baseUrl).post('/api/auth/refresh').set('Cookie', 'refresh_token=abc.def').expect(401);
      const { cookie } = await signUp(t.baseUrl);
      const forged = cookie.replace(/\.[^.]+$/, '.forged-secret');
      const res = await request(t.baseUrl).post('/api/auth/refresh').set('Cookie', forged).expect(401);
      expect(res.body.code).toBe('session_ended');
      await request(t.baseUrl).post('/api/auth/refresh').set('Cookie', cookie).expect(200);
    });
  });

  describe('logout', () => {
    it('revokes this session only', async () => {
      const a = await signUp(t.baseUrl);
      const other = await request(t.baseUrl)
        .post('/api/auth/login')
        .send({ login: a.input.username, password: a.input.password });
      const res = await request(t.baseUrl).post('/api/auth/logout').set('Cookie', a.cookie).expect(204);
      expect(([] as string[]).concat(res.headers['set-cookie'])[0]).toMatch(/refresh_token=;/);

      await request(t.baseUrl).post('/api/auth/refresh').set('Cookie', a.cookie).expect(401);
      await request(t.baseUrl).get('/api/users/me').set(bearer(a.accessToken)).expect(401);
      await request(t.baseUrl).post('/api/auth/refresh').set('Cookie', refreshCookieOf(other)).expect(200);
    });

    it('logout-all revokes every session of the user', async () => {
      const a = await signUp(t.baseUrl);
      const other = await request(t.baseUrl)
        .post('/api/auth/login')
        .send({ login: a.input.username, password: a.input.password });
      await request(t.baseUrl).post('/api/auth/logout-all').set(bearer(a.accessToken)).expect(204);

      await request(t.baseUrl).post('/api/auth/refresh').set('Cookie', a.cookie).expect(401);
      await request(t.baseUrl).post('/api/auth/refresh').set('Cookie', refreshCookieOf(other)).expect(401);
      await request(t.baseUrl).get('/api/users/me').set(bearer(other.body.accessToken)).expect(401);
    });

    it('logout-all needs a signed-in user', async () => {
      const res = await request(t.baseUrl).post('/api/auth/logout-all').expect(401);
      expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    });
  });

  describe('roles', () => {
    it('makes the ADMIN_EMAIL account (any letter case) an admin, and nobody else', async () => {
      const user = await signUp(t.baseUrl);
      const admin = await signUp(t.baseUrl, { email: 'Boss@Example.com' });
      expect(user.user.roles).toEqual(['user']);
      expect(admin.user.roles).toEqual(['user', 'admin']);

      await request(t.baseUrl).get('/api/admin/users').expect(401);
      const forbidden = await request(t.baseUrl).get('/api/admin/users').set(bearer(user.accessToken)).expect(403);
      expect(forbidden.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
      const res = await request(t.baseUrl).get('/api/admin/users').set(bearer(admin.accessToken)).expect(200);
      expect(res.body.items.map((u: { username: string }) => u.username)).toContain(user.user.username);
      expect(res.body.items[0]).toHaveProperty('status', 'active');
    });
  });
});
