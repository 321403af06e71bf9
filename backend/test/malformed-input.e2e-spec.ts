import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ConsoleLogger } from '@nestjs/common';
import request from 'supertest';

import { SERVICE_SCOPES } from '../src/contracts/service-tokens';
import { UsersService } from '../src/users/users.service';
import { befriendAndOpenChat, type SignedUp, signUp } from './support/builders';
import {
  BAD_PATH_VALUES,
  badQueries,
  closeConnections,
  type Components,
  exampleOf,
  nested,
  payloadMutations,
  RAW_BODIES,
  type RawRequest,
  type RawResponse,
  send,
  UNKNOWN_ID,
} from './support/malformed-requests';
import { connect, emitWithAck } from './support/sockets';
import { startTestApp, type TestApp } from './support/test-app';

const SCIM_TOKEN = 'scim-test-token-0123456789abcdef0123456789';

interface Parameter {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  schema: object;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: object }> };
}

/** Every malformed request for one documented operation, with valid values wherever it is not the mutated part. */
function malformedRequestsFor(template: string, method: string, op: Operation, components: Components): RawRequest[] {
  const params = op.parameters ?? [];
  const validValue = (p: Parameter) => encodeURIComponent(String(exampleOf(p.schema, components, p.name)));
  const query = (replaced?: string, mutation?: string) => {
    const valid = params.filter((p) => p.in === 'query' && p.required && p.name !== replaced);
    const parts = [...valid.map((p) => `${p.name}=${validValue(p)}`), ...(mutation ? [mutation] : [])];
    return parts.length ? `?${parts.join('&')}` : '';
  };
  const path = template.replace(/\{\w+\}/g, UNKNOWN_ID);
  const label = `${method.toUpperCase()} ${template}`;
  // SCIM names resources by ids of the identity provider's choosing: one that is not ours is unknown (404), unless
  // it holds malformed text (400, like everywhere) or the request has a body, which is checked first and missing.
  const scimPathStatus = (value: string) =>
    isScim(template) && !op.requestBody && !/%0[0-9]/.test(value) ? 404 : undefined;
  const requests: RawRequest[] = [];

  for (const [what, headers, body, expected] of RAW_BODIES) {
    requests.push({ label: `${label} ${what}`, method, path: path + query(), headers, body, expected });
  }
  for (const p of params.filter((param) => param.in === 'path')) {
    for (const [what, value, expected] of BAD_PATH_VALUES) {
      // An emoji is a well-formed value of a reaction's emoji parameter (the other values are not).
      if (p.name === 'emoji' && what === 'emoji') continue;
      const mutated = template.replace(`{${p.name}}`, value).replace(/\{\w+\}/g, UNKNOWN_ID);
      requests.push({
        label: `${label} ${p.name}: ${what}`,
        method,
        path: mutated + query(),
        expected: expected ?? scimPathStatus(value),
      });
    }
  }
  for (const p of params.filter((param) => param.in === 'query')) {
    for (const [what, mutation] of badQueries(p.name)) {
      requests.push({ label: `${label} ?${p.name}: ${what}`, method, path: path + query(p.name, mutation) });
    }
  }
  const content = op.requestBody?.content ?? {};
  if (content['application/json']) {
    const base = exampleOf(content['application/json'].schema, components) as Record<string, unknown>;
    for (const [what, body] of payloadMutations(base)) {
      const headers = { 'Content-Type': 'application/json' };
      // The JSON parser itself refuses a body that is neither an object nor an array.
      const expected = typeof body === 'object' && body !== null ? undefined : 400;
      requests.push({
        label: `${label} ${what}`,
        method,
        path: path + query(),
        headers,
        body: JSON.stringify(body),
        expected,
      });
    }
  }
  if (content['multipart/form-data']) {
    const multipart = (boundary: string, parts: string) => ({
      headers: { 'Content-Type': `multipart/form-data${boundary}` },
      body: parts.replace(/\n/g, '\r\n'),
    });
    const field = (name: string, value: string) =>
      `--b\nContent-Disposition: form-data; name="${name}"\n\n${value}\n--b--\n`;
    for (const [what, form] of [
      ['JSON instead of multipart', { headers: { 'Content-Type': 'application/json' }, body: '{"file": "x"}' }],
      ['multipart without boundary', multipart('', field('file', 'x'))],
      ['multipart that never ends', multipart('; boundary=b', '--b\nContent-Disposition: form-data; name="file"')],
      ['file sent as a text field', multipart('; boundary=b', field('file', 'x'))],
      ['unknown field', multipart('; boundary=b', field('unexpected', 'x'))],
    ] as const) {
      requests.push({ label: `${label} ${what}`, method, path, ...form });
    }
  }
  return requests;
}

const isScim = (path: string) => path.startsWith('/scim/');

/**
 * A problem description, or null when the answer has the expected status and the standard error body; under
 * /scim the error body of RFC 7644, as application/scim+json, which is what identity providers read.
 */
function problemWith(res: RawResponse, label: string, expected: number, path: string): string | null {
  const body = res.body as Record<string, unknown>;
  const preview = JSON.stringify(res.body)?.slice(0, 200);
  if (res.status !== expected) return `${label} → ${res.status}, not ${expected}: ${preview}`;
  if (isScim(path)) {
    const scimBody =
      String(res.headers['content-type']).startsWith('application/scim+json') &&
      typeof body === 'object' &&
      body !== null &&
      JSON.stringify(body.schemas) === '["urn:ietf:params:scim:api:messages:2.0:Error"]' &&
      body.status === String(res.status) &&
      typeof body.detail === 'string';
    return scimBody ? null : `${label} → ${res.status} without the SCIM error body: ${preview}`;
  }
  const standard =
    typeof body === 'object' &&
    body !== null &&
    body.statusCode === res.status &&
    body.error === STATUS_CODES[res.status] &&
    typeof body.code === 'string' &&
    (typeof body.message === 'string' || Array.isArray(body.message));
  return standard ? null : `${label} → ${res.status} without the standard error body: ${preview}`;
}

/** Runs `tasks` a few at a time, in order of start. */
async function inPool<T>(tasks: (() => Promise<T>)[], size: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all(Array.from({ length: size }, worker));
  return results;
}

describe('Malformed input (e2e)', () => {
  let t: TestApp;
  let spaDir: string;
  let doc: { paths: Record<string, Record<string, Operation>>; components: { schemas: Components } };
  let user: SignedUp;
  let admin: SignedUp;
  let serviceToken: string;
  const errorLines: string[] = [];

  beforeAll(async () => {
    // As in production, the built SPA is served, and its fallback must leave errors of /api requests alone.
    spaDir = mkdtempSync(join(tmpdir(), 'chat-spa-'));
    writeFileSync(join(spaDir, 'index.html'), '<!doctype html><title>Chat</title>');
    t = await startTestApp({ FRONTEND_DIR: spaDir, SCIM_TOKEN, SERVICE_TOKEN_RATE_LIMIT: '100000' });
    user = await signUp(t.baseUrl);
    const adminAccount = await signUp(t.baseUrl);
    await t.app.get(UsersService).grantAdminTo(adminAccount.input.email);
    const login = { login: adminAccount.input.email, password: adminAccount.input.password };
    admin = { ...adminAccount, ...(await request(t.baseUrl).post('/api/auth/login').send(login).expect(200)).body };
    doc = (await request(t.baseUrl).get('/api/docs-json').expect(200)).body;
    const created = await request(t.baseUrl)
      .post('/api/admin/tokens')
      .set('Authorization', `Bearer ${admin.accessToken}`)
      .send({ name: 'Malformed input', scopes: SERVICE_SCOPES })
      .expect(201);
    serviceToken = created.body.token;
    // Every error-level line, whether through Nest's logger or straight to the console.
    const record = (...args: unknown[]) => void errorLines.push(args.map(String).join(' ').slice(0, 500));
    jest.spyOn(ConsoleLogger.prototype, 'error').mockImplementation(record);
    jest.spyOn(console, 'error').mockImplementation(record);
  });
  afterEach(() => expect(errorLines.splice(0)).toEqual([]));
  afterAll(async () => {
    jest.restoreAllMocks();
    closeConnections();
    await t?.close();
    rmSync(spaDir, { recursive: true, force: true });
  });

  it('still serves the SPA outside /api', async () => {
    const res = await request(t.baseUrl).get('/chat/anything').expect(200);
    expect(res.text).toContain('<title>Chat</title>');
    await request(t.baseUrl).get('/api/no-such-route').expect(404);
  });

  it('answers a missing static file with a 404, not the SPA, so a stale page can tell its chunk is gone', async () => {
    const route = await request(t.baseUrl).get('/c/665f1c2b9d3e4a0012345678').expect(200);
    expect(route.text).toContain('<title>Chat</title>');
    for (const asset of ['/chunk-OLDHASH.js', '/styles-OLD.css', '/favicon.ico', '/assets/logo.svg']) {
      const res = await request(t.baseUrl).get(asset);
      expect({ asset, status: res.status }).toEqual({ asset, status: 404 });
      expect(res.text).not.toContain('<title>Chat</title>');
    }
  });

  it('answers malformed bodies, params and queries on every documented operation with a 4xx and the standard body, as a user and as an admin', async () => {
    const requests = Object.entries(doc.paths).flatMap(([template, ops]) =>
      Object.entries(ops).flatMap(([method, op]) => malformedRequestsFor(template, method, op, doc.components.schemas)),
    );
    expect(Object.values(doc.paths).flatMap(Object.keys).length).toBeGreaterThan(40);

    const tasks = [user, admin].flatMap((who) =>
      requests.map((req) => async () => {
        const label = `${who === admin ? 'admin' : 'user'} ${req.label}`;
        // Guards run before validation: a user hears 403 from an admin route, whatever the input.
        const refused = who === user && req.path.startsWith('/api/admin/');
        const expected = req.expected ?? (refused ? 403 : 400);
        // SCIM routes are the identity provider's and /api/service a portal backend's: they take their own tokens.
        const token = isScim(req.path)
          ? SCIM_TOKEN
          : req.path.startsWith('/api/service/')
            ? serviceToken
            : who.accessToken;
        return send(t.baseUrl, req, token).then(
          (res) => problemWith(res, label, expected, req.path),
          (error: Error) => `${label} → ${error.message}`,
        );
      }),
    );
    const problems = (await inPool(tasks, 6)).filter(Boolean);
    expect(tasks.length).toBeGreaterThan(1500);
    expect(problems).toEqual([]);
  }, 120_000);

  it('answers a body nested thousands of levels deep with 400, signed in or not', async () => {
    for (const body of ['['.repeat(3000) + ']'.repeat(3000), JSON.stringify({ login: nested(3000), password: 'x' })]) {
      const res = await send(t.baseUrl, {
        label: 'deep login',
        method: 'post',
        path: '/api/auth/login',
        headers: { 'Content-Type': 'application/json' },
        body,
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'validation_failed' });
    }
  });

  it('answers a 20 MB JSON body with 413 and the standard body', async () => {
    const body = JSON.stringify({ login: 'ada', password: 'x'.repeat(20 * 1024 * 1024) });
    const res = await send(t.baseUrl, {
      label: 'huge login',
      method: 'post',
      path: '/api/auth/login',
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    expect(res.status).toBe(413);
    expect(res.body).toEqual(
      expect.objectContaining({ statusCode: 413, error: 'Payload Too Large', code: 'body_too_large' }),
    );
  });

  it('answers malformed payloads of every client socket event with an error ack, and keeps the socket', async () => {
    const [me, friend] = [await signUp(t.baseUrl), await signUp(t.baseUrl)];
    const conversationId = await befriendAndOpenChat(t.baseUrl, me, friend);
    const socket = await connect(t.baseUrl, me.accessToken);
    const valid: Record<string, Record<string, unknown>> = {
      'message:send': { conversationId, clientId: 'client-00000001', text: 'Hello!' },
      typing: { conversationId, typing: true },
      'message:received': { conversationId, upTo: UNKNOWN_ID },
      'conversation:read': { conversationId, upTo: UNKNOWN_ID },
      'auth:refresh': { token: me.accessToken },
    };
    const problems: string[] = [];
    for (const [event, base] of Object.entries(valid)) {
      for (const [what, payload] of payloadMutations(base)) {
        const ack = await emitWithAck(socket.socket, event, payload);
        const error = ack?.error ?? {};
        const standard =
          ack?.ok === false &&
          error.statusCode >= 400 &&
          error.statusCode < 500 &&
          error.error === STATUS_CODES[error.statusCode] &&
          typeof error.code === 'string' &&
          (typeof error.message === 'string' || Array.isArray(error.message));
        if (!standard) problems.push(`${event} ${what} → ${JSON.stringify(ack)?.slice(0, 200)}`);
      }
    }
    expect(problems).toEqual([]);
    expect(socket.socket.connected).toBe(true);
    expect(await emitWithAck(socket.socket, 'typing', valid.typing)).toEqual({ ok: true });
    socket.close();
  }, 60_000);
});
