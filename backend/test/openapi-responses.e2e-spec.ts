import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import request from 'supertest';

import { challengeOf } from '../src/auth/oidc/sso-handoff.service';
import { unsubscribeToken } from '../src/notifications/unsubscribe-token';
import { bearer, newClientId, refreshCookieOf, type SignedUp, signUp } from './support/builders';
import { type MailCatcher, startMailCatcher, tokenOf } from './support/mail-catcher';
import { png } from './support/media-fixtures';
import { TestIdp } from './support/oidc-idp';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/test-app';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

const SCIM_TOKEN = 'scim-test-token-0123456789abcdef0123456789';

interface Call {
  params?: Record<string, string>;
  token?: string;
  cookie?: string;
  body?: object;
  query?: Record<string, string>;
  file?: Buffer;
}

/**
 * OpenAPI 3.0 → JSON Schema for Ajv: `nullable` becomes a null alternative, and an object with declared
 * properties admits no others, so a field the server sends but the document lacks is drift too.
 */
function toJsonSchema(schema: any): any {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const { nullable, example, ...rest } = schema;
  const out: any = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, toJsonSchema(value)]));
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  if (!nullable) return out;
  if (!out.allOf && !out.oneOf && !out.anyOf) return { ...out, type: [out.type, 'null'] };
  const { type, ...composed } = out;
  return { anyOf: [composed, { type: 'null' }] };
}

describe('Every documented response is what the server sends (e2e)', () => {
  let t: TestApp;
  let mail: MailCatcher;
  let idp: TestIdp;
  let doc: any;
  const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
  const validators = new Map<string, ValidateFunction>();
  /** "post /api/conversations/{id}/messages" → the statuses it answered with. */
  const exercised = new Map<string, number[]>();
  const drift: string[] = [];

  beforeAll(async () => {
    mail = await startMailCatcher();
    idp = await TestIdp.listen();
    t = await startTestApp({
      ADMIN_EMAIL: 'root@example.com',
      SMTP_URL: mail.url,
      WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
      PUSH_ALLOW_HOSTS: '127.0.0.1',
      SCIM_TOKEN,
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: 'chat',
      OIDC_CLIENT_SECRET: 'chat-secret',
    });
    idp.register(t.baseUrl);
    doc = await SwaggerParser.dereference(
      (await request(t.baseUrl).get('/api/docs-json').expect(200)).body as Parameters<
        typeof SwaggerParser.dereference
      >[0],
    );
  });
  afterAll(async () => {
    await t?.close();
    await mail?.close();
    await idp?.close();
  });

  /** Sends a request to a documented operation and checks the answer against its documented response. */
  async function call(method: Method, path: string, options: Call = {}): Promise<request.Response> {
    const url = path.replace(/\{(\w+)\}/g, (_, name: string) => options.params?.[name] ?? `{${name}}`);
    let req = request(t.baseUrl)[method](url);
    if (options.token) req = req.set(bearer(options.token));
    if (options.cookie) req = req.set('Cookie', options.cookie);
    if (options.query) req = req.query(options.query);
    if (options.file) req = req.attach('file', options.file, { filename: 'picture.png', contentType: 'image/png' });
    else if (options.body) req = req.send(options.body);
    const res = await req;

    const operation = `${method} ${path}`;
    exercised.set(operation, [...(exercised.get(operation) ?? []), res.status]);
    const documented = doc.paths[path]?.[method]?.responses?.[res.status];
    if (!documented) {
      drift.push(`${operation}: answered ${res.status}, which is not documented (${JSON.stringify(res.body)})`);
      return res;
    }
    // SCIM routes answer in SCIM's media type.
    const schema = (documented.content?.['application/json'] ?? documented.content?.['application/scim+json'])?.schema;
    if (!schema) return res;
    const key = `${operation} ${res.status}`;
    if (!validators.has(key)) validators.set(key, ajv.compile(toJsonSchema(schema)));
    const validate = validators.get(key)!;
    if (!validate(res.body)) {
      drift.push(`${key}: ${ajv.errorsText(validate.errors)}\n  body: ${JSON.stringify(res.body)}`);
    }
    return res;
  }

  it('answers every documented operation with a documented status and a body that matches its schema', async () => {
    await call('get', '/api/health');
    await call('get', '/api/health/ready');

    // Accounts: an admin (ADMIN_EMAIL), two friends, and one who only sends requests.
    const root = await signUp(t.baseUrl, { email: 'root@example.com' });
    const ada: SignedUp = await signUp(t.baseUrl);
    const bob = await signUp(t.baseUrl);
    const signup = await call('post', '/api/auth/signup', {
      body: {
        username: `carol${Date.now().toString(36)}`,
        email: 'carol@example.com',
        password: 'correct horse battery',
      },
    });
    const carol = signup.body as SignedUp;
    const login = await call('post', '/api/auth/login', {
      body: { login: ada.input.username, password: ada.input.password },
    });
    const refreshed = await call('post', '/api/auth/refresh', { cookie: refreshCookieOf(login) });
    const adaToken = refreshed.body.accessToken as string;

    // Email and password.
    await call('post', '/api/auth/verify-email/request', { token: carol.accessToken });
    const verification = await mail.next('carol@example.com', (m) => m.subject.includes('Confirm'));
    await call('post', '/api/auth/verify-email', { body: { token: tokenOf(verification.link) } });
    await call('post', '/api/auth/password/forgot', { body: { email: 'carol@example.com' } });
    const reset = await mail.next('carol@example.com', (m) => m.subject.includes('Reset'));
    await call('post', '/api/auth/password/reset', {
      body: { token: tokenOf(reset.link), password: 'another horse battery' },
    });
    const carolAgain = await call('post', '/api/auth/login', {
      body: { login: 'carol@example.com', password: 'another horse battery' },
    });
    const carolToken = carolAgain.body.accessToken as string;
    await call('post', '/api/auth/password/change', {
      token: carolToken,
      body: { currentPassword: 'another horse battery', newPassword: 'a third horse battery' },
    });

    // Users.
    await call('get', '/api/users/me', { token: adaToken });
    await call('patch', '/api/users/me', { token: adaToken, body: { bio: 'Counts things.' } });
    await call('get', '/api/users/search', { token: adaToken, query: { q: bob.input.username.slice(0, 4) } });
    await call('get', '/api/users/{id}', { token: adaToken, params: { id: bob.user.id } });
    await call('put', '/api/users/me/avatar', { token: adaToken, file: await png() });

    // Friends: ada and bob become friends; carol asks ada, who declines, and asks again, then cancels.
    const asked = await call('post', '/api/friends/requests', { token: adaToken, body: { to: bob.user.id } });
    await call('get', '/api/friends/requests', { token: bob.accessToken, query: { direction: 'incoming' } });
    await call('post', '/api/friends/requests/{id}/accept', { token: bob.accessToken, params: { id: asked.body.id } });
    const carolAsks = await call('post', '/api/friends/requests', { token: carolToken, body: { to: ada.user.id } });
    await call('post', '/api/friends/requests/{id}/decline', { token: adaToken, params: { id: carolAsks.body.id } });
    const again = await call('post', '/api/friends/requests', { token: carolToken, body: { to: ada.user.id } });
    await call('delete', '/api/friends/requests/{id}', { token: carolToken, params: { id: again.body.id } });
    await call('get', '/api/friends', { token: adaToken });

    // A conversation with a text and a picture; the picture is fetched, its thumbnail too.
    const opened = await call('post', '/api/conversations', { token: adaToken, body: { userId: bob.user.id } });
    const conversation = { id: opened.body.id as string };
    const uploaded = await call('post', '/api/media', { token: adaToken, file: await png(64, 48) });
    const text = await call('post', '/api/conversations/{id}/messages', {
      token: adaToken,
      params: conversation,
      body: { clientId: newClientId(), text: 'Hello Bob' },
    });
    await call('post', '/api/conversations/{id}/messages', {
      token: adaToken,
      params: conversation,
      body: { clientId: newClientId(), text: 'A picture', mediaId: uploaded.body.id },
    });
    await call('get', '/api/search/messages', { token: adaToken, query: { q: 'hel' } });
    // A group: created, renamed, given a picture, its members' roles and membership changed.
    const group = await call('post', '/api/conversations', {
      token: adaToken,
      body: { userIds: [bob.user.id], name: 'Team' },
    });
    const member = { id: group.body.id as string, userId: bob.user.id };
    const picture = await call('post', '/api/media', { token: adaToken, file: await png(64, 48) });
    await call('patch', '/api/conversations/{id}', {
      token: adaToken,
      params: member,
      body: { name: 'Renamed', avatar: picture.body.id },
    });
    await call('patch', '/api/conversations/{id}/members/{userId}', {
      token: adaToken,
      params: member,
      body: { role: 'admin' },
    });
    await call('delete', '/api/conversations/{id}/members/{userId}', { token: adaToken, params: member });
    await call('post', '/api/conversations/{id}/members', {
      token: adaToken,
      params: member,
      body: { userIds: [bob.user.id] },
    });
    await call('get', '/api/conversations/{id}/messages', { token: bob.accessToken, params: member });
    await call('get', '/api/conversations', { token: bob.accessToken });
    await call('get', '/api/conversations/{id}/messages', { token: bob.accessToken, params: conversation });
    await call('post', '/api/conversations/{id}/read', {
      token: bob.accessToken,
      params: conversation,
      body: { upTo: text.body.id },
    });
    // Notifications outside the tab: mute, Web Push, the e-mail's unsubscribe link.
    await call('put', '/api/conversations/{id}/mute', {
      token: bob.accessToken,
      params: conversation,
      body: { until: null },
    });
    await call('delete', '/api/conversations/{id}/mute', { token: bob.accessToken, params: conversation });
    await call('get', '/api/push/key', { token: bob.accessToken });
    const device = {
      endpoint: 'http://127.0.0.1:9/push/openapi',
      keys: { p256dh: 'B'.repeat(87), auth: 'A'.repeat(22) },
    };
    await call('post', '/api/push/subscriptions', { token: bob.accessToken, body: device });
    await call('delete', '/api/push/subscriptions', { token: bob.accessToken, body: { endpoint: device.endpoint } });
    await call('get', '/api/notifications/unsubscribe', {
      query: { token: unsubscribeToken(TEST_JWT_SECRET, bob.user.id) },
    });
    await call('get', '/api/media/{id}', { token: bob.accessToken, params: { id: uploaded.body.id } });
    await call('get', '/api/media/{id}/thumb', { token: bob.accessToken, params: { id: uploaded.body.id } });
    await call('patch', '/api/messages/{id}', {
      token: adaToken,
      params: { id: text.body.id },
      body: { text: 'Hi Bob' },
    });
    const reaction = { id: text.body.id, emoji: encodeURIComponent('👍') };
    await call('put', '/api/messages/{id}/reactions/{emoji}', { token: bob.accessToken, params: reaction });
    await call('delete', '/api/messages/{id}/reactions/{emoji}', { token: bob.accessToken, params: reaction });
    await call('post', '/api/messages/{id}/forward', {
      token: adaToken,
      params: { id: text.body.id },
      body: { conversationId: conversation.id, clientId: newClientId() },
    });
    await call('get', '/api/messages/{id}/history', { token: bob.accessToken, params: { id: text.body.id } });
    await call('delete', '/api/messages/{id}', {
      token: bob.accessToken,
      params: { id: text.body.id },
      query: { for: 'me' },
    });
    await call('delete', '/api/messages/{id}', { token: adaToken, params: { id: text.body.id } });

    // Ending things: unfriend, block and unblock, avatar removed.
    await call('delete', '/api/friends/{userId}', { token: adaToken, params: { userId: bob.user.id } });
    await call('post', '/api/users/{id}/block', { token: adaToken, params: { id: carol.user.id } });
    await call('get', '/api/friends/blocked', { token: adaToken });
    await call('delete', '/api/users/{id}/block', { token: adaToken, params: { id: carol.user.id } });
    await call('delete', '/api/users/me/avatar', { token: adaToken });

    // Administration.
    await call('get', '/api/admin/users', { token: root.accessToken });
    await call('patch', '/api/admin/users/{id}/roles', {
      token: root.accessToken,
      params: { id: bob.user.id },
      body: { roles: ['user', 'admin'] },
    });
    await call('post', '/api/admin/users/{id}/ban', { token: root.accessToken, params: { id: carol.user.id } });
    await call('post', '/api/admin/users/{id}/unban', { token: root.accessToken, params: { id: carol.user.id } });
    await call('get', '/api/admin/stats', { token: root.accessToken });
    await call('post', '/api/admin/users', { token: root.accessToken, body: { email: 'dora@example.com' } });
    await call('post', '/api/admin/users', { token: root.accessToken, body: { email: 'dora@example.com' } });
    const invitation = await mail.next('dora@example.com', (m) => m.subject.includes('invited'));
    await call('post', '/api/auth/invitation/accept', {
      body: { token: tokenOf(invitation.link), password: 'dora chose this passphrase' },
    });
    await call('post', '/api/auth/invitation/accept', {
      body: { token: tokenOf(invitation.link), password: 'dora chose this passphrase' },
    });

    // Provisioning, as an identity provider: its changes show in the audit log without an actor.
    const scim = { token: SCIM_TOKEN };
    await call('get', '/scim/v2/ServiceProviderConfig', scim);
    await call('get', '/scim/v2/Schemas', scim);
    await call('get', '/scim/v2/Schemas/{id}', {
      ...scim,
      params: { id: 'urn:ietf:params:scim:schemas:core:2.0:User' },
    });
    await call('get', '/scim/v2/ResourceTypes', scim);
    await call('get', '/scim/v2/ResourceTypes/{id}', { ...scim, params: { id: 'User' } });
    const provisionedUser = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'erin@example.com' };
    const provisioned = await call('post', '/scim/v2/Users', {
      ...scim,
      body: { ...provisionedUser, externalId: 'e-1' },
    });
    await call('post', '/scim/v2/Users', { ...scim, body: provisionedUser });
    await call('get', '/scim/v2/Users', { ...scim, query: { filter: 'userName eq "erin@example.com"' } });
    await call('get', '/scim/v2/Users', { ...scim, query: { filter: 'userName pr' } });
    const provisionedId = { id: provisioned.body.id as string };
    await call('get', '/scim/v2/Users/{id}', { ...scim, params: provisionedId });
    await call('put', '/scim/v2/Users/{id}', {
      ...scim,
      params: provisionedId,
      body: { ...provisionedUser, displayName: 'Erin E.' },
    });
    await call('patch', '/scim/v2/Users/{id}', {
      ...scim,
      params: provisionedId,
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', path: 'active', value: false }],
      },
    });
    await call('delete', '/scim/v2/Users/{id}', { ...scim, params: provisionedId });
    await call('get', '/scim/v2/Users', { token: 'wrong' });
    // Service tokens: an admin creates one, a portal's backend uses it, the admin revokes it.
    const created = await call('post', '/api/admin/tokens', {
      token: root.accessToken,
      body: { name: 'Portal', scopes: ['messages:send', 'users:read', 'users:write', 'conversations:read'] },
    });
    await call('post', '/api/admin/tokens', { token: root.accessToken, body: { name: 'x', scopes: ['nope'] } });
    const service = { token: created.body.token as string };
    await call('get', '/api/admin/tokens', { token: root.accessToken });
    await call('post', '/api/service/messages', {
      ...service,
      body: { to: { username: bob.input.username }, text: 'Your report was approved', clientId: newClientId() },
    });
    await call('post', '/api/service/messages', {
      ...service,
      body: { to: { username: 'nobody_here' }, text: 'Hello', clientId: newClientId() },
    });
    await call('get', '/api/service/users/{ref}/unread', { ...service, params: { ref: bob.user.id } });
    await call('get', '/api/service/users', service);
    await call('get', '/api/service/users/{ref}', { ...service, params: { ref: `username:${bob.input.username}` } });
    await call('patch', '/api/service/users/{ref}', {
      ...service,
      params: { ref: `email:${bob.input.email}` },
      body: { displayName: 'Bob B.' },
    });
    await call('delete', '/api/admin/tokens/{id}', { token: root.accessToken, params: { id: created.body.id } });
    await call('get', '/api/service/users', service);
    // Webhooks: register (and a bad body), list, the delivery log, resume, remove; audited without a target account.
    const hook = await call('post', '/api/admin/webhooks', {
      token: root.accessToken,
      body: { url: 'http://127.0.0.1:9/hooks', events: ['message.created'] },
    });
    await call('post', '/api/admin/webhooks', {
      token: root.accessToken,
      body: { url: 'http://127.0.0.1:9/', events: [] },
    });
    await call('get', '/api/admin/webhooks', { token: root.accessToken });
    const hookId = { id: hook.body.id as string };
    await call('get', '/api/admin/webhooks/{id}/deliveries', { token: root.accessToken, params: hookId });
    await call('post', '/api/admin/webhooks/{id}/resume', { token: root.accessToken, params: hookId });
    await call('delete', '/api/admin/webhooks/{id}', { token: root.accessToken, params: hookId });
    await call('delete', '/api/admin/webhooks/{id}', { token: root.accessToken, params: hookId });
    // Legal holds and the compliance export; audited (a conversation's hold without a target account).
    const held = await call('post', '/api/admin/holds', {
      token: root.accessToken,
      body: { kind: 'user', targetId: bob.user.id, reason: 'Case 1' },
    });
    await call('post', '/api/admin/holds', { token: root.accessToken, body: { kind: 'nope', targetId: bob.user.id } });
    await call('get', '/api/admin/holds', { token: root.accessToken });
    await call('get', '/api/admin/export', {
      token: root.accessToken,
      query: { from: '2020-01-01', to: '2100-01-01', userIds: bob.user.id },
    });
    await call('get', '/api/admin/export', { token: root.accessToken, query: { from: 'x', to: 'y', userIds: '' } });
    await call('delete', '/api/admin/holds/{id}', { token: root.accessToken, params: { id: held.body.id } });
    await call('delete', '/api/admin/holds/{id}', { token: root.accessToken, params: { id: held.body.id } });
    await call('get', '/api/admin/audit', { token: root.accessToken });
    await call('get', '/api/auth/providers');

    // A person's data: export, erase yourself, an admin erases someone.
    await call('get', '/api/users/me/export', { token: adaToken });
    const eve = await signUp(t.baseUrl);
    await call('delete', '/api/users/me', { token: eve.accessToken, body: { password: 'wrong password' } });
    await call('delete', '/api/users/me', { token: eve.accessToken, body: { password: eve.input.password } });
    const fay = await signUp(t.baseUrl);
    await call('delete', '/api/admin/users/{id}', { token: root.accessToken, params: { id: fay.user.id } });
    // Single sign-on: a sign-in through the IdP, a link started signed in, and a logout that ends the IdP session.
    idp.accounts.set('sub-erin', { email: 'erin@example.com', email_verified: true, preferred_username: 'erin' });
    idp.loginAs = 'sub-erin';
    const started = await call('get', '/api/auth/oidc/login', { query: { returnTo: '/' } });
    const callback = await idp.authorize(started.headers.location);
    const txCookie = ([] as string[]).concat(started.headers['set-cookie']).find((c) => c.startsWith('oidc_tx='))!;
    const signedIn = await call('get', '/api/auth/oidc/callback', {
      query: Object.fromEntries(callback.searchParams),
      cookie: txCookie.split(';')[0],
    });
    const erin = await call('post', '/api/auth/refresh', { cookie: refreshCookieOf(signedIn) });
    await call('post', '/api/auth/oidc/link', { token: adaToken });
    // Embedding: the frame's settings, its cookie check, and a sign-in in a popup that the frame redeems.
    await call('get', '/api/embed/config');
    await call('get', '/api/auth/cookie-check', { cookie: refreshCookieOf(erin) });
    const verifier = 'frame-verifier-'.padEnd(43, 'x');
    const inPopup = await call('get', '/api/auth/oidc/login', { query: { popup: challengeOf(verifier) } });
    const popupTx = ([] as string[]).concat(inPopup.headers['set-cookie']).find((c) => c.startsWith('oidc_tx='))!;
    const popupDone = await call('get', '/api/auth/oidc/callback', {
      query: Object.fromEntries((await idp.authorize(inPopup.headers.location)).searchParams),
      cookie: popupTx.split(';')[0],
    });
    const code = new URLSearchParams(new URL(popupDone.headers.location, t.baseUrl).hash.slice(1)).get('code')!;
    await call('post', '/api/auth/oidc/redeem', { body: { code, verifier } });
    await call('post', '/api/auth/logout', { cookie: refreshCookieOf(erin) });

    // Sessions and signing out.
    const sessions = await call('get', '/api/auth/sessions', { token: adaToken });
    const other = (sessions.body.items as { id: string; current: boolean }[]).find((session) => !session.current)!;
    await call('delete', '/api/auth/sessions/{id}', { token: adaToken, params: { id: other.id } });
    await call('post', '/api/auth/logout', { cookie: ada.cookie });
    await call('post', '/api/auth/logout-all', { token: bob.accessToken });

    // An error answer is checked against the error body, too.
    await call('get', '/api/users/{id}', { token: adaToken, params: { id: 'not-an-id' } });

    const documented = Object.entries<Record<string, unknown>>(doc.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    // Single sign-on's routes succeed with a redirect (302).
    const succeeded = (status: number) => status < 300 || status === 302;
    const unanswered = documented.filter((operation) => !exercised.get(operation)?.some(succeeded));
    expect(drift).toEqual([]);
    expect(unanswered).toEqual([]);
  });
});
