import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import request from 'supertest';

import { bearer, refreshCookieOf, signUp } from './support/builders';
import { ADMIN_ROLE, Keycloak, type KeycloakRealm, type KeycloakUser } from './support/keycloak';
import { KeycloakVisitor } from './support/keycloak-login';
import { captureErrorLogs } from './support/log-capture';
import { startTestApp, type TestApp } from './support/test-app';

// Keycloak takes 10–40 s to start on a busy machine: once for the whole file.
jest.setTimeout(60_000);

const ROOT_EMAIL = 'root@example.com';

describe('Single sign-on against a real Keycloak (e2e)', () => {
  let keycloak: Keycloak;
  let realm: KeycloakRealm;
  let t: TestApp;
  let db: Connection;

  beforeAll(async () => {
    keycloak = await Keycloak.start();
    realm = await keycloak.createRealm();
    t = await startTestApp(realm.appEnv({ ADMIN_EMAIL: ROOT_EMAIL }));
    await realm.allowApp(t.baseUrl);
    db = t.app.get<Connection>(getConnectionToken());
    // An admin of the app's own: the last admin is never demoted, so the IdP's admins must not be the only ones.
    await signUp(t.baseUrl, { email: ROOT_EMAIL });
  }, 240_000);
  afterAll(async () => {
    await t?.close();
    await keycloak?.stop();
  }, 30_000);

  interface Journey {
    /** Where the app's callback sent the browser. */
    location: string;
    refreshCookie: string;
  }

  /** The authorization code flow as a browser goes it: the app, Keycloak's login form, the app's callback. */
  async function signIn(
    app: TestApp,
    visitor: KeycloakVisitor,
    user?: KeycloakUser,
    returnTo?: string,
  ): Promise<Journey> {
    const begun = await request(app.baseUrl).get('/api/auth/oidc/login').query({ returnTo }).expect(302);
    expect(begun.headers.location).toMatch(new RegExp(`^${realm.issuer}/protocol/openid-connect/auth\\?`));
    const callback = await visitor.authorize(begun.headers.location, user);
    expect(`${callback.origin}${callback.pathname}`).toBe(`${app.baseUrl}/api/auth/oidc/callback`);
    const done = await request(app.baseUrl)
      .get(callback.pathname + callback.search)
      .set(
        'Cookie',
        ([] as string[]).concat(begun.headers['set-cookie']).map((c) => c.split(';')[0]),
      )
      .expect(302);
    return { location: done.headers.location, refreshCookie: refreshCookieOf(done) };
  }

  /** What the SPA does on arrival, and on every page load: refresh with the cookie the app set. */
  const refresh = (cookie: string) => request(t.baseUrl).post('/api/auth/refresh').set('Cookie', cookie);

  const counts = async () => ({
    users: await db.collection('users').countDocuments(),
    sessions: await db.collection('sessions').countDocuments(),
  });

  it('creates the account at the first sign-in through the login form, and updates it at the next', async () => {
    const person = await realm.addUser();
    const visitor = new KeycloakVisitor();
    const journey = await signIn(t, visitor, person, '/profile');
    expect(journey.location).toBe('/profile');
    const session = await refresh(journey.refreshCookie).expect(200);
    expect(session.body.user).toMatchObject({
      username: person.username,
      displayName: `${person.firstName} ${person.lastName}`,
      email: person.email,
      emailVerified: true,
      roles: ['user'],
      externalId: person.id,
    });
    expect(await db.collection('users').findOne({ externalId: person.id })).toMatchObject({ origin: 'sso' });

    const path = `/admin/realms/${realm.name}/users/${person.id}`;
    await keycloak.admin('PUT', path, { ...(await keycloak.admin<object>('GET', path)).body, lastName: 'Renamed' });
    // Keycloak remembers the person: no form the second time.
    const again = await signIn(t, visitor);
    const later = await refresh(again.refreshCookie).expect(200);
    expect(later.body.user).toMatchObject({ id: session.body.user.id, displayName: `${person.firstName} Renamed` });
  });

  it(`makes a member of the realm role ${ADMIN_ROLE} an admin, until Keycloak takes the role away`, async () => {
    const person = await realm.addUser([ADMIN_ROLE]);
    const journey = await signIn(t, new KeycloakVisitor(), person);
    const first = await refresh(journey.refreshCookie).expect(200);
    expect(first.body.user.roles).toEqual(['user', 'admin']);
    await request(t.baseUrl).get('/api/admin/stats').set(bearer(first.body.accessToken)).expect(200);

    await realm.revokeRole(person.id, ADMIN_ROLE);
    const second = await refresh(refreshCookieOf(first)).expect(200);
    expect(second.body.user.roles).toEqual(['user']);
    await request(t.baseUrl).get('/api/admin/stats').set(bearer(second.body.accessToken)).expect(403);

    await realm.grantRole(person.id, ADMIN_ROLE);
    expect((await refresh(refreshCookieOf(second)).expect(200)).body.user.roles).toEqual(['user', 'admin']);
  });

  it("logs out here and at Keycloak: the logout URL is Keycloak's end-session endpoint and returns to /login", async () => {
    const person = await realm.addUser();
    const visitor = new KeycloakVisitor();
    const session = await refresh((await signIn(t, visitor, person)).refreshCookie).expect(200);
    const res = await request(t.baseUrl).post('/api/auth/logout').set('Cookie', refreshCookieOf(session)).expect(200);
    const endSession = new URL(res.body.endSessionUrl);
    expect(`${endSession.origin}${endSession.pathname}`).toBe(`${realm.issuer}/protocol/openid-connect/logout`);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${t.baseUrl}/login`);
    expect(endSession.searchParams.get('id_token_hint')).toMatch(/^eyJ/);
    await refresh(refreshCookieOf(session)).expect(401);

    // The browser opens it: Keycloak ends its session without asking (the ID token names it) and sends it back.
    const loggedOut = await visitor.get(endSession.href);
    expect(loggedOut.status).toBe(302);
    expect(loggedOut.headers.get('location')).toBe(`${t.baseUrl}/login`);
    const begun = await request(t.baseUrl).get('/api/auth/oidc/login').expect(302);
    expect(await visitor.mustSignIn(begun.headers.location)).toBe(true);
  });

  // Last in the file: a second app in this process takes over passport's global "jwt" strategy (with its own
  // database), so bearer tokens of the first app would no longer be accepted after it.
  describe('refuses clearly when the app is set up wrong, and creates nothing', () => {
    let logs: ReturnType<typeof captureErrorLogs>;
    beforeEach(() => (logs = captureErrorLogs()));
    afterEach(() => logs.stop());

    it('a wrong client secret', async () => {
      const wrong = await startTestApp(realm.appEnv({ OIDC_CLIENT_SECRET: 'not-the-secret' }));
      try {
        await realm.allowApp(wrong.baseUrl);
        const before = await counts();
        const journey = await signIn(wrong, new KeycloakVisitor(), await realm.addUser());
        expect(journey).toEqual({ location: '/login?ssoError=sso_misconfigured', refreshCookie: '' });
        expect(await counts()).toEqual(before);
        expect(logs.lines().join('\n')).toMatch(/refused this app's client credentials.*OIDC_CLIENT_SECRET/);
      } finally {
        await wrong.close();
      }
    });

    it('an issuer that is not the one Keycloak names', async () => {
      // Keycloak answers there, but its tokens say 127.0.0.1: the configured issuer is not the provider's.
      const elsewhere = realm.issuer.replace('127.0.0.1', 'localhost');
      const wrong = await startTestApp(realm.appEnv({ OIDC_ISSUER: elsewhere }));
      try {
        const res = await request(wrong.baseUrl).get('/api/auth/oidc/login').expect(302);
        expect(res.headers.location).toBe('/login?ssoError=sso_misconfigured');
        expect(logs.lines().join('\n')).toContain(`OIDC_ISSUER is ${elsewhere} but the provider there names itself`);
      } finally {
        await wrong.close();
      }
    });
  });
});
