import { ConfigService } from '@nestjs/config';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import request from 'supertest';

import type { AllConfig } from '../src/config';
import { UsersService } from '../src/users/users.service';
import { bearer, buildSignup, refreshCookieOf, signUp } from './support/builders';
import { type MailCatcher, startMailCatcher } from './support/mail-catcher';
import { TestIdp } from './support/oidc-idp';
import { startTestApp, type TestApp } from './support/test-app';

const OIDC = (idp: TestIdp) => ({
  OIDC_ISSUER: idp.issuer,
  OIDC_CLIENT_ID: 'chat',
  OIDC_CLIENT_SECRET: 'chat-secret',
  OIDC_LABEL: 'Acme ID',
  OIDC_ROLES_CLAIM: 'realm_access.roles',
  OIDC_ADMIN_ROLE: 'chat-admin',
});

let people = 0;
/** A person at the IdP with a verified address; returns their subject. */
function person(idp: TestIdp, claims: Record<string, unknown> = {}): string {
  people += 1;
  const sub = `sub-${Date.now().toString(36)}-${people}`;
  const name = `sso${Date.now().toString(36)}${people}`;
  idp.accounts.set(sub, {
    email: `${name}@acme.example`,
    email_verified: true,
    preferred_username: name,
    name: `Person ${people}`,
    realm_access: { roles: [] },
    ...claims,
  });
  return sub;
}

function cookieOf(res: request.Response, name: string): string {
  const found = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${name}=`));
  return found ? found.split(';')[0] : '';
}

interface Journey {
  /** Where the callback sent the browser. */
  location: string;
  refreshCookie: string;
  /** The transaction cookie and the IdP's redirect back, to replay or forge. */
  txCookie: string;
  callback: URL;
}

describe('Single sign-on with OpenID Connect (e2e, in-process provider)', () => {
  let idp: TestIdp;
  let t: TestApp;
  let db: Connection;

  beforeAll(async () => {
    idp = await TestIdp.listen();
    t = await startTestApp({ ...OIDC(idp), ADMIN_EMAIL: 'root@example.com' });
    idp.register(t.baseUrl);
    db = t.app.get<Connection>(getConnectionToken());
  });
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  /** Up to the IdP and back, as the browser goes; the callback is not called yet. */
  async function startSignIn(sub: string, returnTo?: string, start?: request.Response) {
    const begun = start ?? (await request(t.baseUrl).get('/api/auth/oidc/login').query({ returnTo }).expect(302));
    idp.loginAs = sub;
    return { txCookie: cookieOf(begun, 'oidc_tx'), callback: await idp.authorize(begun.headers.location) };
  }

  async function finish(txCookie: string, callback: URL): Promise<Journey> {
    const res = await request(t.baseUrl)
      .get(callback.pathname + callback.search)
      .set('Cookie', txCookie)
      .expect(302);
    return { location: res.headers.location, refreshCookie: refreshCookieOf(res), txCookie, callback };
  }

  async function signIn(sub: string, returnTo?: string): Promise<Journey> {
    const { txCookie, callback } = await startSignIn(sub, returnTo);
    return finish(txCookie, callback);
  }

  /** What the SPA does on arrival: refresh with the cookie the callback set. */
  function refresh(cookie: string) {
    return request(t.baseUrl).post('/api/auth/refresh').set('Cookie', cookie);
  }

  let root: { accessToken: string } | undefined;
  /** The ADMIN_EMAIL account, signed up by whichever test needs it first. */
  async function rootAccount(): Promise<{ accessToken: string }> {
    root ??= await signUp(t.baseUrl, { email: 'root@example.com' });
    return root;
  }

  const counts = async () => ({
    users: await db.collection('users').countDocuments(),
    sessions: await db.collection('sessions').countDocuments(),
    audit: await db.collection('audit').countDocuments(),
  });

  it('tells the SPA single sign-on is there, next to passwords', async () => {
    const res = await request(t.baseUrl).get('/api/auth/providers').expect(200);
    expect(res.body).toEqual({
      password: true,
      signup: 'open',
      signupDomains: [],
      oidc: { label: 'Acme ID' },
      directMessages: 'friends',
    });
  });

  it('sends the browser to the IdP with PKCE (S256), state and nonce, in a short-lived HttpOnly cookie', async () => {
    const res = await request(t.baseUrl).get('/api/auth/oidc/login').expect(302);
    const url = new URL(res.headers.location);
    expect(url.origin).toBe(idp.issuer);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: 'chat',
      response_type: 'code',
      redirect_uri: `${t.baseUrl}/api/auth/oidc/callback`,
      code_challenge_method: 'S256',
      scope: 'openid email profile',
    });
    for (const param of ['state', 'nonce', 'code_challenge']) expect(url.searchParams.get(param)).toMatch(/^.{20,}$/);
    const cookie = ([] as string[]).concat(res.headers['set-cookie']).find((c) => c.startsWith('oidc_tx='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Path=\/api\/auth\/oidc/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Max-Age=600/);
    expect(cookie).not.toContain(url.searchParams.get('state')!);
  });

  it('creates the account at the first sign-in, lands where the person was going, and refreshes like a password login', async () => {
    const sub = person(idp, { preferred_username: 'Grace.Hopper@acme.example', name: 'Grace Hopper' });
    const journey = await signIn(sub, '/c/665f1c2e8b3e4a1d2c9f0a11?x=1');
    expect(journey.location).toBe('/c/665f1c2e8b3e4a1d2c9f0a11?x=1');
    const session = await refresh(journey.refreshCookie).expect(200);
    expect(session.body.user).toMatchObject({
      username: 'grace.hopper',
      displayName: 'Grace Hopper',
      email: idp.accounts.get(sub)!.email,
      emailVerified: true,
      roles: ['user'],
      externalId: sub,
    });
    const stored = await db.collection('users').findOne({ externalId: sub });
    expect(stored).toMatchObject({ origin: 'sso', externalId: sub });
    const sessions = await db.collection('sessions').find({ userId: stored!._id }).toArray();
    expect(sessions).toHaveLength(1);
    // The IdP's tokens are kept for the session, sealed: none of them readable in the database.
    expect(sessions[0].idpTokens).toEqual(expect.any(String));
    expect(sessions[0].idpTokens).not.toMatch(/eyJ/);
    await request(t.baseUrl).get('/api/users/me').set(bearer(session.body.accessToken)).expect(200);
  });

  it('updates the name and verified address at later sign-ins', async () => {
    const sub = person(idp);
    await signIn(sub);
    idp.accounts.set(sub, { ...idp.accounts.get(sub), name: 'New Name', email: `renamed-${sub}@acme.example` });
    const again = await signIn(sub);
    const me = await refresh(again.refreshCookie).expect(200);
    expect(me.body.user).toMatchObject({ displayName: 'New Name', email: `renamed-${sub}@acme.example` });
    expect(await db.collection('users').countDocuments({ externalId: sub })).toBe(1);
  });

  it('makes a taken or invalid preferred_username unique and valid', async () => {
    const taken = await signUp(t.baseUrl);
    const sub = person(idp, { preferred_username: taken.input.username });
    const journey = await signIn(sub);
    const me = await refresh(journey.refreshCookie).expect(200);
    expect(me.body.user.username).toBe(`${taken.input.username}2`);
    const odd = person(idp, { preferred_username: 'Zoë!' });
    const oddMe = await refresh((await signIn(odd)).refreshCookie).expect(200);
    expect(oddMe.body.user.username).toMatch(/^zo[a-z0-9_.]*$/);
  });

  it('ignores a returnTo that leaves the SPA', async () => {
    const sub = person(idp);
    const away = [
      'https://evil.example/x',
      '//evil.example',
      '/\\evil.example',
      '/api/auth/logout',
      // Dot segments that resolve to a protocol-relative URL.
      '/..//evil.example',
      '/a/../..//evil.example',
      '/%2e%2e//evil.example',
      '/./a/%2E%2E/api/auth/logout',
    ];
    for (const returnTo of away) {
      expect({ returnTo, location: (await signIn(sub, returnTo)).location }).toEqual({ returnTo, location: '/' });
    }
  });

  it('lands on the resolved path of a returnTo inside the SPA', async () => {
    const sub = person(idp);
    expect((await signIn(sub, '/c/123?x=1#m')).location).toBe('/c/123?x=1#m');
    expect((await signIn(sub, '/a/../c/123')).location).toBe('/c/123');
  });

  it('refuses an address the IdP did not verify, and creates nothing', async () => {
    const sub = person(idp, { email_verified: false });
    const before = await counts();
    expect((await signIn(sub)).location).toBe('/login?ssoError=sso_email_unverified');
    expect(await counts()).toEqual(before);
  });

  it('never links a self-made password account silently, but does once its owner starts the link signed in', async () => {
    const owner = await signUp(t.baseUrl);
    const sub = person(idp, { email: owner.input.email });
    const before = await counts();
    expect((await signIn(sub)).location).toBe('/login?ssoError=account_exists_link_required');
    expect(await counts()).toEqual(before);

    const link = await request(t.baseUrl).post('/api/auth/oidc/link').set(bearer(owner.accessToken)).expect(200);
    const begun = { headers: { location: link.body.url, 'set-cookie': link.headers['set-cookie'] } };
    const { txCookie, callback } = await startSignIn(sub, undefined, begun as never);
    expect((await finish(txCookie, callback)).location).toBe('/profile?linked=sso');
    const linked = await db.collection('users').findOne({ email: owner.input.email });
    expect(linked).toMatchObject({ externalId: sub, origin: 'signup' });

    const journey = await signIn(sub);
    expect(journey.location).toBe('/');
    expect((await refresh(journey.refreshCookie).expect(200)).body.user.id).toBe(owner.user.id);
    // Linked once: a second link is refused up front.
    await request(t.baseUrl).post('/api/auth/oidc/link').set(bearer(owner.accessToken)).expect(409);
  });

  it('refuses to link an IdP identity that already belongs to another account', async () => {
    const sub = person(idp);
    await signIn(sub);
    const other = await signUp(t.baseUrl);
    const link = await request(t.baseUrl).post('/api/auth/oidc/link').set(bearer(other.accessToken)).expect(200);
    const begun = { headers: { location: link.body.url, 'set-cookie': link.headers['set-cookie'] } };
    const { txCookie, callback } = await startSignIn(sub, undefined, begun as never);
    expect((await finish(txCookie, callback)).location).toBe('/profile?ssoError=sso_identity_in_use');
    expect((await db.collection('users').findOne({ email: other.input.email }))!.externalId).toBeUndefined();
  });

  /** The signed-in `owner` starts a link and proves `sub` at the IdP; where the callback sent the browser. */
  async function linkAs(owner: { accessToken: string }, sub: string): Promise<string> {
    const link = await request(t.baseUrl).post('/api/auth/oidc/link').set(bearer(owner.accessToken)).expect(200);
    const begun = { headers: { location: link.body.url, 'set-cookie': link.headers['set-cookie'] } };
    const { txCookie, callback } = await startSignIn(sub, undefined, begun as never);
    return (await finish(txCookie, callback)).location;
  }

  it('refuses to link an identity whose verified address is not the account’s', async () => {
    const owner = await signUp(t.baseUrl);
    const stranger = person(idp);
    expect(await linkAs(owner, stranger)).toBe('/profile?ssoError=sso_link_email_mismatch');
    expect((await db.collection('users').findOne({ email: owner.input.email }))!.externalId).toBeUndefined();
    const unverified = person(idp, { email: owner.input.email, email_verified: false });
    expect(await linkAs(owner, unverified)).toBe('/profile?ssoError=sso_link_email_mismatch');
    expect((await signIn(stranger)).location).toBe('/');
    expect(await db.collection('users').countDocuments({ email: owner.input.email })).toBe(1);
  });

  it('keeps the local address when the IdP’s is another account’s, or would move the ADMIN_EMAIL one', async () => {
    const other = await signUp(t.baseUrl);
    const sub = person(idp);
    const { email } = idp.accounts.get(sub) as { email: string };
    await signIn(sub);
    idp.accounts.set(sub, { ...idp.accounts.get(sub), email: other.input.email });
    const me = await refresh((await signIn(sub)).refreshCookie).expect(200);
    expect(me.body.user.email).toBe(email);

    const root = await rootAccount();
    const rootSub = person(idp, { email: 'root@example.com' });
    expect(await linkAs(root, rootSub)).toBe('/profile?linked=sso');
    idp.accounts.set(rootSub, { ...idp.accounts.get(rootSub), email: `moved-${rootSub}@acme.example` });
    const rootMe = await refresh((await signIn(rootSub)).refreshCookie).expect(200);
    expect(rootMe.body.user).toMatchObject({ email: 'root@example.com', roles: ['user', 'admin'] });
  });

  it('links an account an admin invited at its first sign-in with the same verified address', async () => {
    const root = await rootAccount();
    const email = `invited-${Date.now().toString(36)}@acme.example`;
    const invited = await request(t.baseUrl)
      .post('/api/admin/users')
      .set(bearer(root.accessToken))
      .send({ email })
      .expect(201);
    const sub = person(idp, { email });
    const journey = await signIn(sub);
    expect((await refresh(journey.refreshCookie).expect(200)).body.user).toMatchObject({
      id: invited.body.id,
      externalId: sub,
    });
  });

  it('lets an invited account erase itself right after a single sign-on, without a password it never chose', async () => {
    const root = await rootAccount();
    const email = `invited-${Date.now().toString(36)}@acme.example`;
    await request(t.baseUrl).post('/api/admin/users').set(bearer(root.accessToken)).send({ email }).expect(201);
    const sub = person(idp, { email });
    const { accessToken } = (await refresh((await signIn(sub)).refreshCookie).expect(200)).body;
    await request(t.baseUrl).delete('/api/users/me').set(bearer(accessToken)).send({}).expect(204);
    expect(await db.collection('users').findOne({ email })).toBeNull();
  });

  it('never signs in a banned account', async () => {
    const sub = person(idp);
    const first = await signIn(sub);
    const { user } = (await refresh(first.refreshCookie).expect(200)).body;
    const root = await request(t.baseUrl)
      .post('/api/auth/login')
      .send({ login: 'root@example.com', password: buildSignup().password })
      .expect(200);
    await request(t.baseUrl).post(`/api/admin/users/${user.id}/ban`).set(bearer(root.body.accessToken)).expect(200);
    const before = await counts();
    expect((await signIn(sub)).location).toBe('/login?ssoError=account_banned');
    expect(await counts()).toEqual(before);
  });

  describe('refuses a callback that does not check out, and changes nothing', () => {
    it('a forged or missing state', async () => {
      const sub = person(idp);
      const { txCookie, callback } = await startSignIn(sub);
      const before = await counts();
      const forged = new URL(callback);
      forged.searchParams.set('state', 'forged-state-of-the-attacker');
      expect((await finish(txCookie, forged)).location).toBe('/login?ssoError=sso_state_invalid');
      expect((await finish('', callback)).location).toBe('/login?ssoError=sso_state_invalid');
      expect((await finish('oidc_tx=not.a.token', callback)).location).toBe('/login?ssoError=sso_state_invalid');
      expect(await counts()).toEqual(before);
    });

    it('a replayed code', async () => {
      const sub = person(idp);
      const first = await signIn(sub);
      expect(first.location).toBe('/');
      const before = await counts();
      expect((await finish(first.txCookie, first.callback)).location).toBe('/login?ssoError=sso_code_invalid');
      expect(await counts()).toEqual(before);
    });

    it.each([
      ['another nonce', (c: Record<string, unknown>) => ({ ...c, nonce: 'nonce-of-another-sign-in' })],
      ['another issuer', (c: Record<string, unknown>) => ({ ...c, iss: 'https://evil.example' })],
      ['another audience', (c: Record<string, unknown>) => ({ ...c, aud: 'some-other-client' })],
      [
        'an expired ID token',
        (c: Record<string, unknown>) => ({ ...c, iat: Math.floor(Date.now() / 1000) - 7200, exp: 1_600_000_000 }),
      ],
    ])('an ID token with %s', async (_what, change) => {
      const sub = person(idp);
      const { txCookie, callback } = await startSignIn(sub);
      const before = await counts();
      idp.tamperNextIdToken(change);
      expect((await finish(txCookie, callback)).location).toBe('/login?ssoError=sso_token_invalid');
      expect(await counts()).toEqual(before);
    });

    it('an error from the IdP', async () => {
      const { txCookie, callback } = await startSignIn(person(idp));
      const before = await counts();
      const denied = new URL(callback);
      denied.search = '';
      denied.searchParams.set('error', 'access_denied');
      denied.searchParams.set('state', callback.searchParams.get('state')!);
      denied.searchParams.set('iss', idp.issuer);
      expect((await finish(txCookie, denied)).location).toBe('/login?ssoError=sso_cancelled');
      expect(await counts()).toEqual(before);
    });
  });

  describe('roles from the IdP', () => {
    it('makes an admin at sign-in and takes it away at the next refresh, audited', async () => {
      await signUp(t.baseUrl, { email: 'root@example.com' }).catch(() => undefined);
      const sub = person(idp, { realm_access: { roles: ['chat-admin'] } });
      const journey = await signIn(sub);
      const first = await refresh(journey.refreshCookie).expect(200);
      expect(first.body.user.roles).toEqual(['user', 'admin']);
      await request(t.baseUrl).get('/api/admin/stats').set(bearer(first.body.accessToken)).expect(200);

      idp.accounts.set(sub, { ...idp.accounts.get(sub), realm_access: { roles: ['other'] } });
      const second = await refresh(refreshCookieOf(first)).expect(200);
      expect(second.body.user.roles).toEqual(['user']);
      await request(t.baseUrl).get('/api/admin/stats').set(bearer(second.body.accessToken)).expect(403);
      const audit = await db
        .collection('audit')
        .find({ targetId: await userIdOf(sub) })
        .toArray();
      expect(audit.map((entry) => entry.details)).toEqual([
        { from: ['user'], to: ['user', 'admin'], via: 'sso' },
        { from: ['user', 'admin'], to: ['user'], via: 'sso' },
      ]);
    });

    it('keeps the last active admin an admin', async () => {
      const users = t.app.get(UsersService);
      const sub = person(idp, { realm_access: { roles: ['chat-admin'] } });
      const journey = await signIn(sub);
      const first = await refresh(journey.refreshCookie).expect(200);
      // Every other admin gone: this one is the last.
      for (const admin of await db.collection('users').find({ roles: 'admin' }).toArray()) {
        if (admin.externalId !== sub) await users.changeAccess(admin._id.toString(), { roles: ['user'] });
      }
      idp.accounts.set(sub, { ...idp.accounts.get(sub), realm_access: { roles: [] } });
      expect((await refresh(refreshCookieOf(first)).expect(200)).body.user.roles).toEqual(['user', 'admin']);
    });

    it('ends the session with 401 when the IdP refuses the refresh', async () => {
      const sub = person(idp);
      const journey = await signIn(sub);
      const first = await refresh(journey.refreshCookie).expect(200);
      idp.accounts.delete(sub);
      const refused = await refresh(refreshCookieOf(first)).expect(401);
      expect(refused.body).toMatchObject({ code: 'sso_session_ended' });
      await request(t.baseUrl).get('/api/users/me').set(bearer(first.body.accessToken)).expect(401);
    });
  });

  it('logs out here and tells the SPA where to end the IdP session (RP-initiated logout)', async () => {
    const sub = person(idp);
    const journey = await signIn(sub);
    const session = await refresh(journey.refreshCookie).expect(200);
    const res = await request(t.baseUrl).post('/api/auth/logout').set('Cookie', refreshCookieOf(session)).expect(200);
    const url = new URL(res.body.endSessionUrl);
    expect(url.origin).toBe(idp.issuer);
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${t.baseUrl}/login`);
    expect(url.searchParams.get('id_token_hint')).toMatch(/^eyJ/);
    await refresh(refreshCookieOf(session)).expect(401);
    // A password session has no IdP session to end.
    const password = await signUp(t.baseUrl);
    await request(t.baseUrl).post('/api/auth/logout').set('Cookie', password.cookie).expect(204);
  });

  async function userIdOf(sub: string) {
    return (await db.collection('users').findOne({ externalId: sub }))!._id;
  }
});

describe('PASSWORD_LOGIN=off (e2e)', () => {
  let idp: TestIdp;
  let t: TestApp;
  let mail: MailCatcher;

  beforeAll(async () => {
    idp = await TestIdp.listen();
    mail = await startMailCatcher();
    t = await startTestApp({
      ...OIDC(idp),
      PASSWORD_LOGIN: 'off',
      ADMIN_EMAIL: 'kim@acme.example',
      SMTP_URL: mail.url,
    });
    idp.register(t.baseUrl);
  });
  afterAll(async () => {
    await t?.close();
    await idp?.close();
    await mail?.close();
  });

  let kimSub: string | undefined;
  /** The ADMIN_EMAIL person at the IdP, with no roles there. */
  const kim = () => (kimSub ??= person(idp, { email: 'kim@acme.example', realm_access: { roles: [] } }));

  /** Signs `sub` in by single sign-on and refreshes as the SPA does on arrival; the refresh answer. */
  async function signIn(sub: string): Promise<request.Response> {
    idp.loginAs = sub;
    const begun = await request(t.baseUrl).get('/api/auth/oidc/login').expect(302);
    const callback = await idp.authorize(begun.headers.location);
    const done = await request(t.baseUrl)
      .get(callback.pathname + callback.search)
      .set('Cookie', cookieOf(begun, 'oidc_tx'))
      .expect(302);
    return request(t.baseUrl).post('/api/auth/refresh').set('Cookie', refreshCookieOf(done)).expect(200);
  }

  it('makes the ADMIN_EMAIL account an admin at its first sign-in, and keeps it one whatever the IdP roles', async () => {
    const first = await signIn(kim());
    expect(first.body.user.roles).toEqual(['user', 'admin']);
    await request(t.baseUrl).get('/api/admin/stats').set(bearer(first.body.accessToken)).expect(200);
    const renewed = await request(t.baseUrl)
      .post('/api/auth/refresh')
      .set('Cookie', refreshCookieOf(first))
      .expect(200);
    expect(renewed.body.user.roles).toEqual(['user', 'admin']);
    expect((await signIn(kim())).body.user.roles).toEqual(['user', 'admin']);
  });

  it('says so to the SPA: no passwords, no sign-up, single sign-on', async () => {
    const res = await request(t.baseUrl).get('/api/auth/providers').expect(200);
    expect(res.body).toEqual({
      password: false,
      signup: 'closed',
      signupDomains: [],
      oidc: { label: 'Acme ID' },
      directMessages: 'friends',
    });
  });

  it('invites to sign in with single sign-on at the sign-in page, not to choose a password', async () => {
    const { accessToken } = (await signIn(kim())).body;
    const email = `invited-${Date.now().toString(36)}@acme.example`;
    await request(t.baseUrl).post('/api/admin/users').set(bearer(accessToken)).send({ email }).expect(201);
    const sent = await mail.next(email);
    const { appUrl } = t.app.get(ConfigService<AllConfig, true>).get('mail', { infer: true });
    expect(sent.link).toBe(`${appUrl}/login`);
    expect(sent.text).toContain('Sign in with Acme ID');
    expect(sent.text).not.toMatch(/password/i);
    expect(await t.app.get<Connection>(getConnectionToken()).collection('password_resets').countDocuments()).toBe(0);
  });

  it('answers every password route with 403 password_login_disabled', async () => {
    const { accessToken } = (await signIn(person(idp))).body;

    const input = buildSignup();
    const token = 'x'.repeat(43);
    const refused: [string, object][] = [
      ['/api/auth/login', { login: input.email, password: input.password }],
      ['/api/auth/signup', input],
      ['/api/auth/password/forgot', { email: input.email }],
      ['/api/auth/password/reset', { token, password: input.password }],
      ['/api/auth/invitation/accept', { token, password: input.password }],
      ['/api/auth/password/change', { currentPassword: input.password, newPassword: `${input.password}!` }],
    ];
    for (const [path, body] of refused) {
      const res = await request(t.baseUrl).post(path).set(bearer(accessToken)).send(body);
      expect({ path, status: res.status, code: res.body.code }).toEqual({
        path,
        status: 403,
        code: 'password_login_disabled',
      });
    }
  });
});
