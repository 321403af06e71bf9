import request from 'supertest';

import { bearer, buildSignup, signUp } from './support/builders';
import { type MailCatcher, startMailCatcher, tokenOf } from './support/mail-catcher';
import { startTestApp, type TestApp } from './support/test-app';

describe('Who may sign up: SIGNUP and SIGNUP_DOMAINS (e2e)', () => {
  const signup = (t: TestApp, email: string) =>
    request(t.baseUrl).post('/api/auth/signup').send(buildSignup({ email }));

  describe('open (the default)', () => {
    let t: TestApp;
    beforeAll(async () => (t = await startTestApp()));
    afterAll(() => t.close());

    it('lets anyone sign up, as before, and says so', async () => {
      const res = await signup(t, 'anyone@anywhere.example').expect(201);
      expect(res.body.user.email).toBe('anyone@anywhere.example');
      const providers = await request(t.baseUrl).get('/api/auth/providers').expect(200);
      expect(providers.body).toEqual({
        password: true,
        signup: 'open',
        signupDomains: [],
        oidc: null,
        directMessages: 'friends',
      });
    });
  });

  describe('domains', () => {
    let t: TestApp;
    let mail: MailCatcher;
    beforeAll(async () => {
      mail = await startMailCatcher();
      t = await startTestApp({ SIGNUP: 'domains', SIGNUP_DOMAINS: 'acme.com, Acme.DE', SMTP_URL: mail.url });
    });
    afterAll(async () => {
      await t?.close();
      await mail?.close();
    });

    it('keeps the directory closed to an address at the domain until its owner verifies it', async () => {
      const colleague = await signUp(t.baseUrl, { username: 'grace', email: 'grace@acme.com' });
      const claimant = await signUp(t.baseUrl, { username: 'mallory', email: 'mallory@acme.com' });
      const asClaimant = (req: request.Test) => req.set(bearer(claimant.accessToken));
      const attempts = () => [
        asClaimant(request(t.baseUrl).get('/api/users/search').query({ q: 'gr' })),
        asClaimant(request(t.baseUrl).get(`/api/users/${colleague.user.id}`)),
        asClaimant(request(t.baseUrl).post('/api/friends/requests').send({ to: colleague.user.id })),
        asClaimant(request(t.baseUrl).post('/api/conversations').send({ userId: colleague.user.id })),
        // Blocking answers 204 or 404 by whether an id exists, and the blocked list shows profiles.
        asClaimant(request(t.baseUrl).post(`/api/users/${colleague.user.id}/block`)),
      ];
      for (const res of await Promise.all(attempts())) {
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('email_unverified');
      }
      const incoming = await request(t.baseUrl)
        .get('/api/friends/requests')
        .query({ direction: 'incoming' })
        .set(bearer(colleague.accessToken))
        .expect(200);
      expect(incoming.body.items).toHaveLength(0);

      const link = (await mail.next('mallory@acme.com', (m) => m.subject.includes('Confirm'))).link;
      await request(t.baseUrl)
        .post('/api/auth/verify-email')
        .send({ token: tokenOf(link) })
        .expect(200);
      const found = await asClaimant(request(t.baseUrl).get('/api/users/search').query({ q: 'gr' })).expect(200);
      expect(found.body.items.map((u: { username: string }) => u.username)).toEqual(['grace']);
      await asClaimant(request(t.baseUrl).post('/api/friends/requests').send({ to: colleague.user.id })).expect(201);
    });

    it('tells the SPA which domains sign-up accepts', async () => {
      const providers = await request(t.baseUrl).get('/api/auth/providers').expect(200);
      expect(providers.body).toEqual({
        password: true,
        signup: 'domains',
        signupDomains: ['acme.com', 'acme.de'],
        oidc: null,
        directMessages: 'friends',
      });
    });

    it.each(['ada@acme.com', 'Bob@ACME.com', 'carol@acme.de', 'dan@Acme.De'])('accepts %s', async (email) => {
      const res = await signup(t, email).expect(201);
      expect(res.body.user.email).toBe(email.toLowerCase());
    });

    it.each([
      'eve@acme.com.evil.io',
      'eve@evil.io',
      'eve@sub.acme.com',
      'eve@notacme.com',
      'eve@acme.co',
      'eve@acme.com.',
      'eve@xn--cme-8cd.com',
      'eve@аcme.com', // Cyrillic "а"
      'eve@acme.cοm', // Greek "ο"
      'x@acme.com@evil.io',
      '"x@acme.com"@evil.io',
      'eve@evil.io?@acme.com',
      'eve@evil.io\n@acme.com',
    ])('refuses %j and creates no account', async (email) => {
      const res = await signup(t, email);
      expect([400, 403]).toContain(res.status);
      if (res.status === 403) expect(res.body.code).toBe('signup_domain_not_allowed');
      const login = await request(t.baseUrl)
        .post('/api/auth/login')
        .send({ login: email.trim().toLowerCase(), password: 'correct horse battery' });
      expect(login.status).not.toBe(200);
    });

    it('answers a foreign domain with 403 and a message naming the allowed ones', async () => {
      const res = await signup(t, 'eve@evil.io').expect(403);
      expect(res.body).toEqual({
        statusCode: 403,
        error: 'Forbidden',
        message: 'Sign-up is limited to addresses at acme.com, acme.de',
        code: 'signup_domain_not_allowed',
      });
    });
  });

  describe.each([
    ['invite', 'invitation_required', 'Sign-up needs an invitation. Ask your administrator for one.'],
    ['closed', 'signup_closed', 'Sign-up is closed. Ask your administrator for an account.'],
  ])('%s', (mode, code, message) => {
    let t: TestApp;
    beforeAll(async () => (t = await startTestApp({ SIGNUP: mode, ADMIN_EMAIL: 'root@example.com' })));
    afterAll(() => t.close());

    it('refuses every sign-up with 403 and a clear code, and says so', async () => {
      const res = await signup(t, 'ada@example.com').expect(403);
      expect(res.body).toEqual({ statusCode: 403, error: 'Forbidden', message, code });
      const providers = await request(t.baseUrl).get('/api/auth/providers').expect(200);
      expect(providers.body).toEqual({
        password: true,
        signup: mode,
        signupDomains: [],
        oidc: null,
        directMessages: 'friends',
      });
    });

    it('still lets the ADMIN_EMAIL operator create the first account', async () => {
      const res = await signup(t, 'root@example.com').expect(201);
      expect(res.body.user.roles).toEqual(['user', 'admin']);
    });
  });
});
