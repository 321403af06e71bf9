import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import request from 'supertest';
import { bearer, signUp, type SignedUp } from './support/builders';
import { captureErrorLogs } from './support/log-capture';
import { startTestApp, type TestApp } from './support/test-app';

const LONE_SURROGATE = '\uD800';
const NUL = '\u0000';
// Long, but under Node's 16 KB header limit (beyond it Node itself answers 431, before the app).
const BAD_STRINGS = [NUL, `a${NUL}b`, LONE_SURROGATE, `x${LONE_SURROGATE}@example.com`, 'x'.repeat(5_000)];
const BAD_VALUES: unknown[] = [
  null,
  0,
  -1,
  1e308,
  true,
  [],
  ['a'],
  {},
  { $gt: '' },
  'x'.repeat(100_000),
  ...BAD_STRINGS,
];
/** Percent-encodes, a lone surrogate as the bytes a careless client would send for it. */
const encode = (text: string) => text.split(LONE_SURROGATE).map(encodeURIComponent).join('%ED%A0%80');
const BAD_PATH_VALUES = ['not-an-id', '%00', encode(LONE_SURROGATE), '%E0%A4%A', 'x'.repeat(3000)];
// Routes that end the caller's sessions whatever they are sent; the walk would go on signed out.
const SKIPPED = new Set(['post /api/auth/logout', 'post /api/auth/logout-all']);

interface Operation {
  method: string;
  path: string;
  queryNames: string[];
  bodyProperties: string[] | null;
}

function operationsOf(doc: any): Operation[] {
  const resolve = (schema: any) =>
    schema?.$ref ? doc.components.schemas[schema.$ref.split('/').pop()] : (schema ?? null);
  return Object.entries<any>(doc.paths).flatMap(([path, ops]) =>
    Object.entries<any>(ops)
      .filter(([method]) => !SKIPPED.has(`${method} ${path}`))
      .map(([method, op]) => {
        const json = resolve(op.requestBody?.content?.['application/json']?.schema);
        return {
          method,
          path,
          queryNames: (op.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => p.name),
          bodyProperties: json ? Object.keys(json.properties ?? {}) : op.requestBody ? [] : null,
        };
      }),
  );
}

/** The malformed requests for one operation: path params, queries, bodies. */
function* malformedRequests(op: Operation): Generator<{ url: string; body?: unknown; raw?: string }> {
  const someId = '665f1c2e8b3e4a1d2c9f0a11';
  const withId = op.path.replace(/\{\w+\}/g, someId);
  for (const bad of BAD_PATH_VALUES) {
    if (op.path.includes('{')) yield { url: op.path.replace(/\{\w+\}/g, bad) };
  }
  for (const name of [...op.queryNames, 'unknown']) {
    for (const bad of BAD_STRINGS) yield { url: `${withId}?${name}=${encode(bad)}` };
    yield { url: `${withId}?${name}=a&${name}=b` };
  }
  if (op.bodyProperties === null) return;
  yield { url: withId, raw: '{bad' };
  yield { url: withId, raw: '[1,2' };
  for (const body of [[], 'text', 42, null, [{}]]) yield { url: withId, raw: JSON.stringify(body) };
  for (const property of op.bodyProperties) {
    for (const bad of BAD_VALUES) yield { url: withId, body: { [property]: bad } };
  }
}

describe('Malformed input never reaches a 5xx (e2e)', () => {
  let t: TestApp;
  let user: SignedUp;
  let admin: SignedUp;
  const api = () => request(t.baseUrl);

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_EMAIL: 'root@example.com' });
    user = await signUp(t.baseUrl);
    admin = await signUp(t.baseUrl, { email: 'root@example.com' });
  });
  afterAll(() => t.close());

  const expectClientError = (res: request.Response, what: string) => {
    expect([what, res.status >= 400 && res.status < 500]).toEqual([what, true]);
    expect([what, res.body]).toEqual([
      what,
      expect.objectContaining({
        statusCode: res.status,
        error: expect.any(String),
        message: expect.anything(),
      }),
    ]);
  };

  it('answers the reported cases with a 4xx and the standard body', async () => {
    const me = () => api().patch('/api/users/me').set(bearer(user.accessToken));
    expectClientError(await me().send({ displayName: null }), 'displayName null');
    expectClientError(await me().send({ username: null }), 'username null');
    expect((await api().get('/api/users/me').set(bearer(user.accessToken))).body.username).toBe(user.user.username);
    expectClientError(
      await api().get('/api/users/search').query({ q: NUL }).set(bearer(user.accessToken)),
      'search NUL',
    );
    expectClientError(
      await api().get('/api/admin/users').query({ q: NUL }).set(bearer(admin.accessToken)),
      'admin NUL',
    );
    const surrogate = `ada${LONE_SURROGATE}@example.com`;
    expectClientError(
      await api().post('/api/auth/signup').send({ username: 'ada_s', email: surrogate, password: 'long enough pw' }),
      'signup surrogate',
    );
    expectClientError(await api().post('/api/auth/password/forgot').send({ email: surrogate }), 'forgot surrogate');

    const malformed = await api().post('/api/auth/login').set('Content-Type', 'application/json').send('{bad');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'invalid_json' });
    const huge = await api()
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ login: 'x'.repeat(20 * 1024 * 1024), password: 'x' }));
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large', code: 'body_too_large' });
  });

  it('walks every documented operation with malformed params, queries and bodies, as a user and as an admin', async () => {
    const doc = (await api().get('/api/docs-json').expect(200)).body;
    const operations = operationsOf(doc);
    expect(operations.length).toBeGreaterThan(30);
    const logs = captureErrorLogs();
    const problems: string[] = [];
    const isErrorBody = (res: request.Response) =>
      res.body?.statusCode === res.status && typeof res.body.error === 'string' && res.body.message !== undefined;
    let sent = 0;
    try {
      for (const who of [user, admin]) {
        for (const op of operations) {
          for (const attempt of malformedRequests(op)) {
            let req = (api() as any)[op.method](attempt.url).set(bearer(who.accessToken));
            if (attempt.raw !== undefined) req = req.set('Content-Type', 'application/json').send(attempt.raw);
            else if (attempt.body !== undefined) req = req.send(attempt.body);
            const res: request.Response = await req;
            sent += 1;
            const what = `${op.method.toUpperCase()} ${attempt.url.slice(0, 120)} ${JSON.stringify(attempt.body ?? attempt.raw ?? '').slice(0, 80)}`;
            if (res.status >= 500 || (res.status >= 400 && !isErrorBody(res))) problems.push(`${res.status} ${what}`);
          }
        }
      }
      expect(problems).toEqual([]);
      expect(logs.lines()).toEqual([]);
      expect(sent).toBeGreaterThan(1000);
    } finally {
      logs.stop();
    }
    // Nothing the walk sent may have been stored as a null username.
    const users = t.app.get<Connection>(getConnectionToken()).collection('users');
    expect(await users.countDocuments({ username: null })).toBe(0);
  }, 600_000);
});
