import request from 'supertest';

import { bearer, befriendAndOpenChat, newClientId, type SignedUp, signUp } from './support/builders';
import { type BuiltServer, startBuiltServer } from './support/built-server';
import { connect, emitWithAck, settle } from './support/sockets';

const METRICS_TOKEN = 'metrics-test-token-0123456789abcdef0123456789';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Prometheus' text format, one sample a line: `name{label="value",...} 42`. */
function parse(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [, name, labels = '', value] = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line)!;
      const pairs = [...labels.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, key, val]) => [key, val]);
      return { name, labels: Object.fromEntries(pairs) as Record<string, string>, value: Number(value) };
    });
}

/** The sum of the samples of `name` whose labels include `labels` (0 when there are none). */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(labels).every(([key, val]) => s.labels[key] === val))
    .reduce((sum, s) => sum + s.value, 0);
}

async function scrape(baseUrl: string): Promise<Sample[]> {
  const res = await request(baseUrl).get('/metrics').expect(200);
  return parse(res.text);
}

/** Scrapes until `done` holds: a socket's disconnect reaches the server after the client has closed it. */
async function scrapeUntil(baseUrl: string, done: (samples: Sample[]) => boolean): Promise<Sample[]> {
  for (let i = 0; i < 50; i++) {
    const samples = await scrape(baseUrl);
    if (done(samples)) return samples;
    await settle(100);
  }
  return scrape(baseUrl);
}

describe('GET /metrics (built server)', () => {
  let server: BuiltServer;
  let ada: SignedUp;
  let bob: SignedUp;
  let conversationId: string;
  beforeAll(async () => {
    server = await startBuiltServer();
    [ada, bob] = [await signUp(server.baseUrl), await signUp(server.baseUrl)];
    conversationId = await befriendAndOpenChat(server.baseUrl, ada, bob);
  }, 300_000);
  afterAll(() => server?.stop());

  it('is served in the Prometheus text format outside /api, with the process and event-loop metrics', async () => {
    const res = await request(server.baseUrl).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    expect(res.text).toContain('# TYPE chat_http_requests_total counter');
    const samples = parse(res.text);
    for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds']) {
      expect([name, samples.some((s) => s.name === name)]).toEqual([name, true]);
    }
    await request(server.baseUrl).get('/api/metrics').expect(404);
  });

  it('counts and times HTTP requests by route template, never by URL; unknown routes share one label', async () => {
    const before = await scrape(server.baseUrl);
    const route = { method: 'GET', route: '/api/users/:id', status: '200' };
    await request(server.baseUrl).get(`/api/users/${bob.user.id}`).set(bearer(ada.accessToken)).expect(200);
    await request(server.baseUrl).get(`/api/users/${ada.user.id}`).set(bearer(bob.accessToken)).expect(200);
    await request(server.baseUrl).get('/api/no-such-route/12345').expect(404);
    await request(server.baseUrl).get('/api/another-unknown/67890').expect(404);

    const res = await request(server.baseUrl).get('/metrics').expect(200);
    const after = parse(res.text);
    const delta = (name: string, labels: Record<string, string>) =>
      valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(delta('chat_http_requests_total', route)).toBe(2);
    expect(delta('chat_http_request_duration_seconds_count', route)).toBe(2);
    expect(delta('chat_http_requests_total', { route: 'unmatched', status: '404' })).toBe(2);
    // No id, no raw URL, and not the scrapes themselves.
    for (const text of [bob.user.id, ada.user.id, '12345', 'no-such-route']) expect(res.text).not.toContain(text);
    expect(after.some((s) => s.labels.route === '/metrics')).toBe(false);
  });

  it('counts sent messages by kind once each (a retry is not a new message) and times sends on both paths', async () => {
    const before = await scrape(server.baseUrl);
    const socket = await connect(server.baseUrl, ada.accessToken);
    try {
      const send = { conversationId, clientId: newClientId(), text: 'over the socket' };
      expect(await emitWithAck(socket.socket, 'message:send', send)).toMatchObject({ ok: true });
      expect(await emitWithAck(socket.socket, 'message:send', send)).toMatchObject({ ok: true });
    } finally {
      socket.close();
    }
    await request(server.baseUrl)
      .post(`/api/conversations/${conversationId}/messages`)
      .set(bearer(bob.accessToken))
      .send({ clientId: newClientId(), text: 'over HTTP' })
      .expect(201);

    const after = await scrape(server.baseUrl);
    const delta = (name: string, labels: Record<string, string>) =>
      valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(delta('chat_messages_sent_total', { kind: 'text' })).toBe(2);
    expect(valueOf(after, 'chat_messages_sent_total', { kind: 'image' })).toBe(0);
    expect(delta('chat_message_send_duration_seconds_count', { transport: 'socket' })).toBe(2);
    expect(delta('chat_message_send_duration_seconds_count', { transport: 'http' })).toBe(1);
    expect(delta('chat_message_send_duration_seconds_bucket', { transport: 'http', le: '+Inf' })).toBe(1);
  });

  it('tells how many sockets are connected to this instance, going up and down', async () => {
    const connected = (samples: Sample[]) => valueOf(samples, 'chat_sockets_connected');
    const start = connected(await scrapeUntil(server.baseUrl, (samples) => connected(samples) === 0));
    expect(start).toBe(0);
    const first = await connect(server.baseUrl, ada.accessToken);
    const second = await connect(server.baseUrl, bob.accessToken);
    expect(connected(await scrape(server.baseUrl))).toBe(2);
    first.close();
    expect(connected(await scrapeUntil(server.baseUrl, (samples) => connected(samples) === 1))).toBe(1);
    second.close();
    expect(connected(await scrapeUntil(server.baseUrl, (samples) => connected(samples) === 0))).toBe(0);
  });

  it('counts sign-ins by outcome and refusals for going too fast', async () => {
    const before = await scrape(server.baseUrl);
    await request(server.baseUrl)
      .post('/api/auth/login')
      .send({ login: ada.user.username, password: 'wrong' })
      .expect(401);
    await request(server.baseUrl)
      .post('/api/auth/login')
      .send({ login: ada.user.username, password: ada.input.password })
      .expect(200);
    const socket = await connect(server.baseUrl, ada.accessToken);
    try {
      // Typing is allowed in bursts of 10: the 11th at once is refused.
      const typing = { conversationId, typing: true };
      const acks = [];
      for (let i = 0; i < 11; i++) acks.push(await emitWithAck(socket.socket, 'typing', typing));
      expect(acks.at(-1)).toMatchObject({ ok: false, error: { statusCode: 429 } });
    } finally {
      socket.close();
    }

    const after = await scrape(server.baseUrl);
    const delta = (name: string, labels: Record<string, string>) =>
      valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(delta('chat_logins_total', { method: 'password', outcome: 'invalid_credentials' })).toBe(1);
    expect(delta('chat_logins_total', { method: 'password', outcome: 'success' })).toBe(1);
    expect(delta('chat_rate_limited_total', { transport: 'socket' })).toBe(1);
  });
});

describe('GET /metrics with METRICS_TOKEN (built server)', () => {
  let server: BuiltServer;
  beforeAll(async () => {
    server = await startBuiltServer({ METRICS_TOKEN });
  }, 300_000);
  afterAll(() => server?.stop());

  it('asks for the bearer token: 401 without it or with a wrong one, the metrics with it', async () => {
    for (const headers of [{}, bearer('wrong-token'), bearer(`${METRICS_TOKEN}x`), { Authorization: METRICS_TOKEN }]) {
      const res = await request(server.baseUrl).get('/metrics').set(headers).expect(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(res.body).toMatchObject({ statusCode: 401, code: 'invalid_token' });
    }
    const res = await request(server.baseUrl).get('/metrics').set(bearer(METRICS_TOKEN)).expect(200);
    expect(valueOf(parse(res.text), 'chat_http_requests_total', { route: '/metrics' })).toBe(0);
    expect(res.text).toContain('chat_sockets_connected 0');
  });
});
