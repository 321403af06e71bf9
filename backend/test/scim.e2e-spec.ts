import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import request from 'supertest';

import { UsersService } from '../src/users/users.service';
import { bearer, type SignedUp, signUp } from './support/builders';
import { connect, settle } from './support/sockets';
import { startTestApp, type TestApp } from './support/test-app';

const TOKEN = 'scim-test-token-0123456789abcdef0123456789';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

let counter = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter += 1)}`;

/** An RFC 7644 error answer: status as a string, the error schema, a detail, SCIM's content type. */
function expectScimError(res: request.Response, status: number, scimType?: string): void {
  expect([res.status, res.body]).toEqual([
    status,
    { schemas: [ERROR], status: String(status), detail: expect.any(String), ...(scimType ? { scimType } : {}) },
  ]);
  expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
}

describe('SCIM 2.0 provisioning (e2e)', () => {
  let t: TestApp;
  let spaDir: string;
  let admin: SignedUp;

  /** A request as the identity provider sends it: the token, SCIM's media type both ways. */
  const scim = (method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, body?: object) => {
    const req = request(t.baseUrl)[method](`/scim/v2${path}`).set(bearer(TOKEN)).set('Accept', 'application/scim+json');
    return body ? req.set('Content-Type', 'application/scim+json; charset=utf-8').send(JSON.stringify(body)) : req;
  };
  const byUserName = (userName: string) =>
    scim('get', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}&startIndex=1&count=100`);
  const auditOf = async (targetId: string) =>
    (await request(t.baseUrl).get('/api/admin/audit').set(bearer(admin.accessToken)).expect(200)).body.items.filter(
      (entry: { target: { id: string } }) => entry.target.id === targetId,
    );

  beforeAll(async () => {
    spaDir = mkdtempSync(join(tmpdir(), 'chat-spa-'));
    writeFileSync(join(spaDir, 'index.html'), '<!doctype html><title>Chat</title>');
    t = await startTestApp({ SCIM_TOKEN: TOKEN, FRONTEND_DIR: spaDir, SIGNUP: 'open' });
    const account = await signUp(t.baseUrl);
    await t.app.get(UsersService).grantAdminTo(account.input.email);
    const login = { login: account.input.email, password: account.input.password };
    admin = { ...account, ...(await request(t.baseUrl).post('/api/auth/login').send(login).expect(200)).body };
  });
  afterAll(async () => {
    await t?.close();
    rmSync(spaDir, { recursive: true, force: true });
  });

  it("passes Okta's SCIM 2.0 spec test sequence", async () => {
    const userName = unique('Runscope.') + '@atko.com';
    // Okta first makes sure the user does not exist yet.
    const absent = await byUserName(userName).expect(200);
    expect(absent.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(absent.body).toMatchObject({ schemas: [LIST], totalResults: 0, startIndex: 1, Resources: [] });

    const created = await scim('post', '/Users', {
      schemas: [USER],
      userName,
      name: { givenName: 'Riley', familyName: 'Okta' },
      emails: [{ primary: true, value: userName, type: 'work' }],
      displayName: 'Riley Okta',
      locale: 'en-US',
      externalId: '00u1a2b3c4d5e6f7g8h9',
      groups: [],
      password: 'N3verSt0red!',
      active: true,
    }).expect(201);
    expect(created.headers['content-type']).toMatch(/^application\/scim\+json/);
    const id = created.body.id as string;
    expect(created.body).toEqual({
      schemas: [USER],
      id,
      externalId: '00u1a2b3c4d5e6f7g8h9',
      userName,
      name: { formatted: 'Riley Okta', givenName: 'Riley', familyName: 'Okta' },
      displayName: 'Riley Okta',
      emails: [{ value: userName.toLowerCase(), type: 'work', primary: true }],
      active: true,
      meta: {
        resourceType: 'User',
        created: expect.any(String),
        lastModified: expect.any(String),
        location: expect.stringMatching(new RegExp(`/scim/v2/Users/${id}$`)),
      },
    });

    expect((await scim('get', `/Users/${id}`).expect(200)).body).toMatchObject({ id, userName, active: true });
    // Listing pages and the case-insensitive userName lookup.
    const page = await scim('get', '/Users?count=1&startIndex=1').expect(200);
    expect(page.body).toMatchObject({ schemas: [LIST], itemsPerPage: 1, startIndex: 1 });
    expect(page.body.totalResults).toBeGreaterThanOrEqual(2);
    const found = await byUserName(userName.toUpperCase()).expect(200);
    expect(found.body).toMatchObject({ totalResults: 1, Resources: [{ id, userName }] });

    // Creating the same user again is a conflict.
    const again = await scim('post', '/Users', {
      schemas: [USER],
      userName,
      name: { givenName: 'Riley', familyName: 'Okta' },
      emails: [{ primary: true, value: unique('other') + '@atko.com', type: 'work' }],
      active: true,
    });
    expectScimError(again, 409, 'uniqueness');

    // Unknown ids (Okta sends ids of its own making) are 404.
    for (const unknown of ['00000000000000000000', '00919288221112222', '0123456789abcdef01234567']) {
      expectScimError(await scim('get', `/Users/${unknown}`), 404);
    }

    // PUT: Okta reads the resource, changes what it wants and sends it all back, read-only attributes included.
    const current = (await scim('get', `/Users/${id}`).expect(200)).body;
    const replaced = await scim('put', `/Users/${id}`, {
      ...current,
      name: { ...current.name, givenName: 'Rileyupdate' },
    }).expect(200);
    expect(replaced.body.name).toEqual({ formatted: 'Riley Okta', givenName: 'Rileyupdate', familyName: 'Okta' });

    // Deactivate and reactivate, Okta's way.
    const off = await scim('patch', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', value: { active: false } }],
    }).expect(200);
    expect(off.body.active).toBe(false);
    expect((await scim('get', `/Users/${id}`).expect(200)).body.active).toBe(false);
    const on = await scim('patch', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', value: { active: true } }],
    }).expect(200);
    expect(on.body.active).toBe(true);

    // Wrong token: 401 in SCIM's form.
    const denied = await request(t.baseUrl)
      .get(`/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`)
      .set('Authorization', 'Bearer non-token');
    expectScimError(denied, 401);
  });

  it("passes Microsoft Entra ID's SCIM validator sequence", async () => {
    const userName = unique('Test_User_') + '-ab64-90ee';
    const email = `${unique('Test_User_')}@testuser.com`;
    expect((await byUserName(userName).expect(200)).body.totalResults).toBe(0);

    const created = await scim('post', '/Users', {
      schemas: [USER, ENTERPRISE],
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName,
      active: true,
      emails: [{ primary: true, type: 'work', value: email }],
      meta: { resourceType: 'User' },
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      roles: [],
      title: 'Engineer',
      [ENTERPRISE]: { employeeNumber: '1', department: 'R&D' },
    }).expect(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ userName, displayName: 'givenName familyName', active: true });

    const filtered = await scim('get', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`).expect(200);
    expect(filtered.body).toMatchObject({ totalResults: 1, Resources: [{ id }] });
    const byExternalId = await scim(
      'get',
      `/Users?filter=${encodeURIComponent('externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"')}`,
    ).expect(200);
    expect(byExternalId.body).toMatchObject({ totalResults: 1, Resources: [{ id }] });

    // Multi-valued and single-valued updates, Entra's operation shapes.
    const newEmail = `${unique('updated')}@testuser.com`;
    const updated = await scim('patch', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'Replace', path: 'emails[type eq "work"].value', value: newEmail },
        { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
        { op: 'Add', path: `${ENTERPRISE}:department`, value: 'Sales' },
      ],
    }).expect(200);
    expect(updated.body).toMatchObject({
      emails: [{ value: newEmail.toLowerCase(), type: 'work', primary: true }],
      name: { familyName: 'updatedFamilyName', givenName: 'givenName' },
    });
    const byEmail = await scim(
      'get',
      `/Users?filter=${encodeURIComponent(`emails[type eq "work"].value eq "${newEmail}"`)}`,
    ).expect(200);
    expect(byEmail.body).toMatchObject({ totalResults: 1, Resources: [{ id }] });

    const renamed = `${unique('renamed')}@testuser.com`;
    await scim('patch', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', path: 'userName', value: renamed }],
    }).expect(200);
    expect((await byUserName(renamed).expect(200)).body.Resources).toEqual([expect.objectContaining({ id })]);
    expect((await byUserName(userName).expect(200)).body.totalResults).toBe(0);

    // Entra sends booleans as strings.
    const disabled = await scim('patch', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    }).expect(200);
    expect(disabled.body.active).toBe(false);
    const enabled = await scim('patch', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', path: 'active', value: 'True' }],
    }).expect(200);
    expect(enabled.body.active).toBe(true);

    expectScimError(await scim('get', '/Users/5171a35d82074e068ce2c1c0'), 404);

    // DELETE erases the account; it is gone for SCIM, and its userName and e-mail are free again.
    await scim('delete', `/Users/${id}`).expect(204);
    expectScimError(await scim('get', `/Users/${id}`), 404);
    expectScimError(await scim('delete', `/Users/${id}`), 404);
    expect((await byUserName(renamed).expect(200)).body.totalResults).toBe(0);
    expect(await auditOf(id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'user.erased', actor: null, details: { via: 'scim' } }),
      ]),
    );
    const again = await scim('post', '/Users', {
      schemas: [USER],
      userName: renamed,
      emails: [{ value: newEmail, type: 'work', primary: true }],
    }).expect(201);
    expect(again.body.id).not.toBe(id);
  });

  it('adopts an account that existed before SCIM: found by its address as userName, not created twice', async () => {
    const existing = await signUp(t.baseUrl, { email: `${unique('early')}@acme.com` });
    const found = await byUserName(existing.input.email.toUpperCase()).expect(200);
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0].id).toBe(existing.user.id);
    // Another person's address is not free as a userName either.
    const clash = await scim('post', '/Users', { schemas: [USER], userName: existing.input.email, name: {} });
    expectScimError(clash, 409, 'uniqueness');
    const renamed = await scim('put', `/Users/${existing.user.id}`, {
      schemas: [USER],
      userName: existing.input.email,
      emails: [{ value: existing.input.email, primary: true }],
      active: true,
    }).expect(200);
    expect(renamed.body.userName).toBe(existing.input.email);
  });

  it('creates accounts that cannot be signed into with a password, verified, and audited as the identity provider', async () => {
    const email = `${unique('dora')}@acme.com`;
    const created = await scim('post', '/Users', {
      schemas: [USER],
      userName: email,
      name: { givenName: 'Dora', familyName: 'Explorer' },
      password: 'N3verSt0red!',
    }).expect(201);
    const id = created.body.id as string;
    const user = (await t.app.get(UsersService).findById(id))!;
    expect(user).toMatchObject({ origin: 'scim', emailVerified: true, email, displayName: 'Dora Explorer' });
    expect(user.username).toMatch(/^dora/);
    await request(t.baseUrl).post('/api/auth/login').send({ login: email, password: 'N3verSt0red!' }).expect(401);

    expect(await auditOf(id)).toEqual([
      expect.objectContaining({ action: 'user.provisioned', actor: null, details: { via: 'scim', active: true } }),
    ]);
  });

  it('deactivates a signed-in user at once: socket ended within seconds, refresh refused; reactivation lets them back in', async () => {
    const person = await signUp(t.baseUrl);
    const socket = await connect(t.baseUrl, person.accessToken);
    const off = await scim('patch', `/Users/${person.user.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    }).expect(200);
    expect(off.body.active).toBe(false);

    expect(await socket.next('session:revoked', () => true, 2_000)).toEqual({ reason: 'banned' });
    await settle(200);
    expect(socket.socket.connected).toBe(false);
    await request(t.baseUrl).post('/api/auth/refresh').set('Cookie', person.cookie).expect(403);
    await request(t.baseUrl).get('/api/users/me').set(bearer(person.accessToken)).expect(401);

    await scim('patch', `/Users/${person.user.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', path: 'active', value: true }],
    }).expect(200);
    await request(t.baseUrl)
      .post('/api/auth/login')
      .send({ login: person.input.username, password: person.input.password })
      .expect(200);

    const audit = await auditOf(person.user.id);
    expect(audit.map((entry: { action: string }) => entry.action)).toEqual(['user.unbanned', 'user.banned']);
    expect(audit).toEqual([
      expect.objectContaining({ actor: null, details: { via: 'scim' } }),
      expect.objectContaining({ actor: null, details: { via: 'scim' } }),
    ]);
  });

  it('never deactivates or erases the last admin', async () => {
    const res = await scim('patch', `/Users/${admin.user.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    expectScimError(res, 409);
    expectScimError(await scim('delete', `/Users/${admin.user.id}`), 409);
    expect((await scim('get', `/Users/${admin.user.id}`).expect(200)).body.active).toBe(true);
    await request(t.baseUrl).get('/api/admin/stats').set(bearer(admin.accessToken)).expect(200);
  });

  it('refuses unsupported filters, and quotes, operators or patterns inside a value match nothing else', async () => {
    const victim = await signUp(t.baseUrl);
    for (const filter of [
      'userName pr',
      `userName eq "${victim.input.username}" or userName pr`,
      `userName sw "${victim.input.username.slice(0, 3)}"`,
      'userName co ""',
      'displayName eq "x"',
      'userName eq 1',
      'userName eq true',
      'userName eq null',
      'userName eq {"$ne": ""}',
      'userName eq "a" and',
      `userName eq "${victim.input.username}") or (userName pr`,
      'not (userName eq "x")',
      'emails[type eq "home"].value eq "x"',
    ]) {
      expectScimError(await scim('get', `/Users?filter=${encodeURIComponent(filter)}`), 400, 'invalidFilter');
    }
    for (const value of [
      '.*',
      `${victim.input.username.slice(0, 4)}.*`,
      `^${victim.input.username}`,
      `${victim.input.username}" or userName pr "`,
      '{"$ne": ""}',
      '$ne',
      `${victim.input.username} `.toUpperCase().trimEnd() + '*',
    ]) {
      const filter = `userName eq ${JSON.stringify(value)}`;
      const res = await scim('get', `/Users?filter=${encodeURIComponent(filter)}`).expect(200);
      expect([value, res.body.totalResults]).toEqual([value, 0]);
    }
    const exact = await byUserName(victim.input.username).expect(200);
    expect(exact.body).toMatchObject({ totalResults: 1, Resources: [{ id: victim.user.id }] });
  });

  it('refuses unknown attributes, schemas and paths with 400 and changes nothing', async () => {
    const userName = `${unique('eve')}@acme.com`;
    const base = { schemas: [USER], userName, name: { givenName: 'Eve', familyName: 'Adams' } };
    for (const [body, scimType] of [
      [{ ...base, favouriteColour: 'blue' }, 'invalidSyntax'],
      [{ ...base, $where: '1' }, 'invalidSyntax'],
      [{ ...base, schemas: [USER, 'urn:example:custom:1.0:User'] }, 'invalidValue'],
      [{ ...base, schemas: [] }, 'invalidValue'],
      [{ ...base, name: { givenName: 'Eve', nickname: 'E' } }, 'invalidValue'],
      [{ ...base, emails: [{ value: 'not-an-address', type: 'work' }] }, 'invalidValue'],
      [{ ...base, active: 'maybe' }, 'invalidValue'],
      [{ ...base, userName: { $ne: '' } }, 'invalidValue'],
      [{ ...base, userName: 'no-email-here' }, 'invalidValue'],
    ] as const) {
      expectScimError(await scim('post', '/Users', body), 400, scimType);
    }
    expect((await byUserName(userName).expect(200)).body.totalResults).toBe(0);

    const person = await signUp(t.baseUrl);
    const before = (await scim('get', `/Users/${person.user.id}`).expect(200)).body;
    for (const [operations, scimType] of [
      [[{ op: 'replace', path: 'favouriteColour', value: 'blue' }], 'invalidPath'],
      [[{ op: 'replace', path: 'userName eq "x"', value: 'y' }], 'invalidPath'],
      [[{ op: 'replace', value: { favouriteColour: 'blue' } }], 'invalidSyntax'],
      [[{ op: 'replace', path: 'active', value: 'maybe' }], 'invalidValue'],
      [
        [
          { op: 'replace', path: 'displayName', value: 'New' },
          { op: 'copy', path: 'active' },
        ],
        'invalidValue',
      ],
    ] as const) {
      const res = await scim('patch', `/Users/${person.user.id}`, { schemas: [PATCH_OP], Operations: operations });
      expectScimError(res, 400, scimType);
    }
    const wrongSchema = await scim('patch', `/Users/${person.user.id}`, {
      schemas: [USER],
      Operations: [{ op: 'replace', path: 'active', value: false }],
    });
    expectScimError(wrongSchema, 400, 'invalidValue');
    expect((await scim('get', `/Users/${person.user.id}`).expect(200)).body).toEqual(before);
    expect(await auditOf(person.user.id)).toEqual([]);
  });

  it('answers malformed bodies, unknown routes and wrong credentials in SCIM form, and never with the SPA', async () => {
    const malformed = await request(t.baseUrl)
      .post('/scim/v2/Users')
      .set(bearer(TOKEN))
      .set('Content-Type', 'application/scim+json')
      .send('{"schemas": [');
    expectScimError(malformed, 400, 'invalidSyntax');
    const unknownRoute = await request(t.baseUrl).get('/scim/v2/Groups').set(bearer(TOKEN));
    expectScimError(unknownRoute, 404);
    expect(unknownRoute.text).not.toContain('<title>Chat</title>');
    expectScimError(await request(t.baseUrl).get('/scim/v2/Users'), 401);
    expectScimError(await request(t.baseUrl).get('/scim/v2/Users').set(bearer(admin.accessToken)), 401);
    expectScimError(await request(t.baseUrl).get('/scim/v2/Users').set('Authorization', `Basic ${TOKEN}`), 401);
    // The rest of the app keeps its own error body and its SPA.
    await request(t.baseUrl)
      .get('/chat')
      .expect(200, /<title>Chat<\/title>/);
    expect((await request(t.baseUrl).get('/api/nope').expect(404)).body).toMatchObject({ code: 'not_found' });
  });

  it('describes itself: ServiceProviderConfig, Schemas and ResourceTypes', async () => {
    const config = await scim('get', '/ServiceProviderConfig').expect(200);
    expect(config.body).toMatchObject({
      patch: { supported: true },
      filter: { supported: true, maxResults: 200 },
      bulk: { supported: false },
      authenticationSchemes: [expect.objectContaining({ type: 'oauthbearertoken' })],
    });
    const schemas = await scim('get', '/Schemas').expect(200);
    expect(schemas.body).toMatchObject({ schemas: [LIST], totalResults: 1, Resources: [{ id: USER }] });
    const names = schemas.body.Resources[0].attributes.map((attribute: { name: string }) => attribute.name);
    expect(names).toEqual(['userName', 'name', 'displayName', 'emails', 'active', 'externalId']);
    await scim('get', `/Schemas/${USER}`).expect(200);
    expectScimError(await scim('get', '/Schemas/urn:nope'), 404);
    const types = await scim('get', '/ResourceTypes').expect(200);
    expect(types.body).toMatchObject({
      totalResults: 1,
      Resources: [{ id: 'User', endpoint: '/Users', schema: USER }],
    });
    await scim('get', '/ResourceTypes/User').expect(200);
  });
});

describe('SCIM token (e2e)', () => {
  it('answers 404 on every SCIM route when SCIM_TOKEN is unset', async () => {
    const t = await startTestApp();
    try {
      for (const path of ['/Users', '/Users/0123456789abcdef01234567', '/ServiceProviderConfig', '/Schemas']) {
        expectScimError(await request(t.baseUrl).get(`/scim/v2${path}`).set(bearer(TOKEN)), 404);
      }
    } finally {
      await t.close();
    }
  });

  it('counts wrong tokens per address and answers 429 with Retry-After once too many failed, never to the right token', async () => {
    const t = await startTestApp({ SCIM_TOKEN: TOKEN });
    try {
      const attempt = (token: string) => request(t.baseUrl).get('/scim/v2/Users').set(bearer(token));
      for (let i = 0; i < 20; i++) {
        const refused = await attempt(`wrong-${i}`);
        expectScimError(refused, 401);
        expect(refused.headers['www-authenticate']).toBe('Bearer realm="SCIM"');
      }
      const limited = await attempt('wrong-again');
      expectScimError(limited, 429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // The identity provider shares its egress address with whoever guessed: provisioning goes on.
      await attempt(TOKEN).expect(200);
    } finally {
      await t.close();
    }
  });
});
