import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import request from 'supertest';

import { challengeOf } from '../src/auth/oidc/sso-handoff.service';
import { bearer, type SignedUp, signUp } from './support/builders';
import { TestIdp } from './support/oidc-idp';
import { startTestApp, type TestApp } from './support/test-app';

const PORTALS = 'https://portal.acme.example http://localhost:4100';

const setCookies = (res: request.Response) => ([] as string[]).concat(res.headers['set-cookie'] ?? []);
const cookieNamed = (res: request.Response, name: string) => setCookies(res).find((c) => c.startsWith(`${name}=`));

describe('Embedding in a portal: frame headers and cookies (e2e)', () => {
  describe('without FRAME_ANCESTORS (the default)', () => {
    let t: TestApp;
    beforeAll(async () => (t = await startTestApp()));
    afterAll(() => t?.close());

    it('lets only this site frame the app, with CSP and X-Frame-Options', async () => {
      const res = await request(t.baseUrl).get('/api/embed/config').expect(200);
      expect(res.body).toEqual({ frameAncestors: [] });
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self';");
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    });

    it('keeps the refresh and media cookies SameSite=Strict and unpartitioned', async () => {
      const res = await request(t.baseUrl)
        .post('/api/auth/signup')
        .send({
          username: `strict${Date.now().toString(36)}`,
          email: `strict${Date.now()}@x.example`,
          password: 'correct horse battery',
        })
        .expect(201);
      for (const name of ['refresh_token', 'media_token']) {
        expect(cookieNamed(res, name)).toMatch(/SameSite=Strict/);
        expect(cookieNamed(res, name)).not.toMatch(/Partitioned/);
      }
    });
  });

  describe('with FRAME_ANCESTORS', () => {
    let t: TestApp;
    beforeAll(async () => (t = await startTestApp({ FRAME_ANCESTORS: `${PORTALS} https://portal.acme.example/` })));
    afterAll(() => t?.close());

    it('lets exactly those portals frame the app, and sends no X-Frame-Options that would forbid it', async () => {
      const res = await request(t.baseUrl).get('/api/embed/config').expect(200);
      expect(res.body).toEqual({ frameAncestors: ['https://portal.acme.example', 'http://localhost:4100'] });
      expect(res.headers['content-security-policy']).toContain(
        "frame-ancestors 'self' https://portal.acme.example http://localhost:4100;",
      );
      expect(res.headers['x-frame-options']).toBeUndefined();
    });

    it('makes the refresh and media cookies SameSite=None; Secure; Partitioned, and clears them the same way', async () => {
      const res = await request(t.baseUrl)
        .post('/api/auth/signup')
        .send({
          username: `framed${Date.now().toString(36)}`,
          email: `framed${Date.now()}@x.example`,
          password: 'correct horse battery',
        })
        .expect(201);
      for (const name of ['refresh_token', 'media_token']) {
        expect(cookieNamed(res, name)).toMatch(/; Secure; Partitioned; SameSite=None$/);
        expect(cookieNamed(res, name)).toMatch(/HttpOnly/);
      }
      const refreshed = await request(t.baseUrl)
        .post('/api/auth/refresh')
        .set('Cookie', cookieNamed(res, 'refresh_token')!.split(';')[0])
        .expect(200);
      expect(cookieNamed(refreshed, 'refresh_token')).toMatch(/Partitioned; SameSite=None$/);

      const out = await request(t.baseUrl)
        .post('/api/auth/logout')
        .set('Cookie', cookieNamed(refreshed, 'refresh_token')!.split(';')[0])
        .expect(204);
      for (const name of ['refresh_token', 'media_token']) {
        expect(cookieNamed(out, name)).toMatch(/Expires=Thu, 01 Jan 1970.*Partitioned; SameSite=None$/);
      }
    });

    it('tells the framed app whether the browser sent the refresh cookie', async () => {
      const me = await signUp(t.baseUrl);
      await request(t.baseUrl).get('/api/auth/cookie-check').expect(200, { refreshCookie: false });
      await request(t.baseUrl)
        .get('/api/auth/cookie-check')
        .set('Cookie', me.cookie)
        .expect(200, { refreshCookie: true });
    });
  });

  it('refuses a FRAME_ANCESTORS entry that is not an origin, naming the variable', async () => {
    for (const value of ['portal.acme.example', 'https://portal.acme.example/path', 'ftp://x.example', "'self'", '*']) {
      await expect(startTestApp({ FRAME_ANCESTORS: value })).rejects.toThrow(
        /FRAME_ANCESTORS must be space-separated origins/,
      );
    }
  });
});

describe('Deep links: a chat opened by username, e-mail or external id (e2e)', () => {
  let t: TestApp;
  let frontendDir: string;
  beforeAll(async () => {
    // A stand-in for the built SPA, so the route list can be tried.
    frontendDir = mkdtempSync(join(tmpdir(), 'spa-'));
    writeFileSync(join(frontendDir, 'index.html'), '<!doctype html><title>the SPA</title>');
    t = await startTestApp({ FRONTEND_DIR: frontendDir });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(frontendDir, { recursive: true, force: true });
  });

  const open = (app: TestApp, who: SignedUp, body: object) =>
    request(app.baseUrl).post('/api/conversations').set(bearer(who.accessToken)).send(body);

  async function friends(app: TestApp, a: SignedUp, b: SignedUp): Promise<void> {
    const req = await request(app.baseUrl)
      .post('/api/friends/requests')
      .set(bearer(a.accessToken))
      .send({ to: b.user.id });
    await request(app.baseUrl)
      .post(`/api/friends/requests/${req.body.id}/accept`)
      .set(bearer(b.accessToken))
      .expect(200);
  }

  async function withExternalId(app: TestApp, who: SignedUp, externalId: string): Promise<void> {
    await app.app
      .get<Connection>(getConnectionToken())
      .collection('users')
      .updateOne({ username: who.user.username }, { $set: { externalId } });
  }

  it('opens the same direct conversation with a friend, whichever way the link names them', async () => {
    const [ada, bob] = [await signUp(t.baseUrl), await signUp(t.baseUrl)];
    await friends(t, ada, bob);
    await withExternalId(t, bob, `sub-${bob.user.username}`);
    const byId = (await open(t, ada, { userId: bob.user.id }).expect(200)).body;
    for (const ref of [
      { username: bob.user.username.toUpperCase() },
      { email: ` ${bob.input.email.toUpperCase()} ` },
      { externalId: `sub-${bob.user.username}` },
    ]) {
      const res = await open(t, ada, ref).expect(200);
      expect(res.body.id).toBe(byId.id);
      expect(res.body.participant.id).toBe(bob.user.id);
    }
  });

  it('keeps the rules: no chat with a stranger, and an address tells no more than an unknown one', async () => {
    const [ada, stranger] = [await signUp(t.baseUrl), await signUp(t.baseUrl)];
    await withExternalId(t, stranger, `sub-${stranger.user.username}`);
    // A username is what search shows anyway: the refusal may say why.
    await open(t, ada, { username: stranger.user.username })
      .expect(403)
      .expect(({ body }) => expect(body.code).toBe('not_friends'));
    const unknown = (await open(t, ada, { email: 'nobody@nowhere.example' }).expect(404)).body;
    expect(unknown).toEqual({ statusCode: 404, error: 'Not Found', message: 'User not found', code: 'user_not_found' });
    expect((await open(t, ada, { email: stranger.input.email }).expect(404)).body).toEqual(unknown);
    expect((await open(t, ada, { externalId: `sub-${stranger.user.username}` }).expect(404)).body).toEqual(unknown);
    expect((await open(t, ada, { username: 'nobody_here' }).expect(404)).body).toEqual(unknown);
    await open(t, ada, { username: ada.user.username })
      .expect(400)
      .expect(({ body }) => expect(body.code).toBe('self_conversation'));
  });

  it('wants exactly one way of naming the person', async () => {
    const ada = await signUp(t.baseUrl);
    for (const body of [{}, { username: 'bob', email: 'bob@x.example' }, { userId: ada.user.id, externalId: 'x' }]) {
      const res = await open(t, ada, body).expect(400);
      expect(JSON.stringify(res.body.errors)).toContain(
        'name the person with exactly one of userId, username, email or externalId',
      );
    }
    await open(t, ada, { username: 42 }).expect(400);
  });

  it('serves the SPA at /u/… on a reload, whatever the name ends in', async () => {
    for (const path of ['/u/ada', '/u/bob.js', '/u/email/ada@acme.json', '/u/ext/abc-123']) {
      const res = await request(t.baseUrl).get(path).expect(200);
      expect(res.text).toContain('<title>the SPA</title>');
    }
    await request(t.baseUrl).get('/missing-chunk.js').expect(404);
  });

  describe('with DIRECT_MESSAGES=everyone', () => {
    let everyone: TestApp;
    beforeAll(async () => (everyone = await startTestApp({ DIRECT_MESSAGES: 'everyone' })));
    afterAll(() => everyone?.close());

    it('with DIRECT_MESSAGES=everyone opens a chat with any active colleague, but not with one who blocked you', async () => {
      const [ada, bob, cy] = [
        await signUp(everyone.baseUrl),
        await signUp(everyone.baseUrl),
        await signUp(everyone.baseUrl),
      ];
      expect((await open(everyone, ada, { email: bob.input.email }).expect(200)).body.participant.id).toBe(bob.user.id);
      await request(everyone.baseUrl).post(`/api/users/${ada.user.id}/block`).set(bearer(cy.accessToken)).expect(204);
      await open(everyone, ada, { username: cy.user.username }).expect(403);
      await open(everyone, ada, { email: cy.input.email }).expect(404);
    });
  });
});

describe('Single sign-on inside a frame: a popup hands the sign-in over with a one-time code (e2e)', () => {
  let idp: TestIdp;
  let t: TestApp;
  beforeAll(async () => {
    idp = await TestIdp.listen();
    t = await startTestApp({
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: 'chat',
      OIDC_CLIENT_SECRET: 'chat-secret',
      FRAME_ANCESTORS: PORTALS,
    });
    idp.register(t.baseUrl);
  });
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  let people = 0;
  /** Through the popup's sign-in up to its last page; returns the code it hands to the frame. */
  async function popupSignIn(verifier: string): Promise<string> {
    people += 1;
    const sub = `sub-frame-${Date.now().toString(36)}-${people}`;
    idp.accounts.set(sub, {
      email: `${sub}@acme.example`,
      email_verified: true,
      preferred_username: `f${Date.now().toString(36)}${people}`,
    });
    idp.loginAs = sub;
    const started = await request(t.baseUrl)
      .get('/api/auth/oidc/login')
      .query({ popup: challengeOf(verifier) })
      .expect(302);
    const callback = await idp.authorize(started.headers.location);
    const done = await request(t.baseUrl)
      .get(callback.pathname + callback.search)
      .set('Cookie', cookieNamed(started, 'oidc_tx')!.split(';')[0])
      .expect(302);
    // No session in the popup's own (top-level) cookie jar: the frame makes its own.
    expect(cookieNamed(done, 'refresh_token')).toBeUndefined();
    const location = new URL(done.headers.location, t.baseUrl);
    expect(location.pathname).toBe('/embed/sso-done');
    return new URLSearchParams(location.hash.slice(1)).get('code')!;
  }

  const redeem = (code: string, verifier: string) =>
    request(t.baseUrl).post('/api/auth/oidc/redeem').send({ code, verifier });

  it('signs the frame in once, with a partitioned cookie of its own', async () => {
    const verifier = 'a'.repeat(43);
    const code = await popupSignIn(verifier);
    const res = await redeem(code, verifier).expect(200);
    expect(res.body.accessToken).toEqual(expect.any(String));
    expect(cookieNamed(res, 'refresh_token')).toMatch(/Partitioned; SameSite=None$/);
    await request(t.baseUrl)
      .post('/api/auth/refresh')
      .set('Cookie', cookieNamed(res, 'refresh_token')!.split(';')[0])
      .expect(200);
    const again = await redeem(code, verifier).expect(400);
    expect(again.body).toMatchObject({ code: 'sso_code_invalid' });
  });

  it('refuses a code presented without the verifier of the frame that started it, and then for good', async () => {
    const verifier = 'b'.repeat(43);
    const code = await popupSignIn(verifier);
    await redeem(code, 'c'.repeat(43)).expect(400);
    await redeem(code, verifier).expect(400);
  });

  it('sends a failed popup sign-in to the popup page with the reason', async () => {
    const started = await request(t.baseUrl)
      .get('/api/auth/oidc/login')
      .query({ popup: challengeOf('d'.repeat(43)) })
      .expect(302);
    const done = await request(t.baseUrl)
      .get('/api/auth/oidc/callback')
      .query({ state: 'forged', code: 'x' })
      .set('Cookie', cookieNamed(started, 'oidc_tx')!.split(';')[0])
      .expect(302);
    expect(done.headers.location).toBe('/embed/sso-done#error=sso_state_invalid');
  });

  it('refuses a popup parameter that is not a challenge', async () => {
    await request(t.baseUrl).get('/api/auth/oidc/login').query({ popup: 'short' }).expect(400);
  });
});
