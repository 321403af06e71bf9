import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { Webhook } from 'standardwebhooks';
import request from 'supertest';

import { bearer, befriendAndOpenChat, newClientId, type SignedUp, signUp } from './support/builders';
import { type MailCatcher, startMailCatcher } from './support/mail-catcher';
import { startTestApp, type TestApp } from './support/test-app';
import { type ReceivedDelivery, startWebhookReceiver, until, type WebhookReceiver } from './support/webhook-receiver';

/** Short retries and timeouts, so a spec waits for outcomes in seconds; loopback receivers allowed. */
const FAST_WEBHOOKS = {
  WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
  WEBHOOK_TIMEOUT_SECONDS: '0.5',
  WEBHOOK_BACKOFF_SECONDS: '0.05',
  WEBHOOK_PAUSE_AFTER_FAILURES: '3',
};

describe('Webhooks (e2e)', () => {
  let t: TestApp;
  let mail: MailCatcher;
  let admin: SignedUp;
  let receiver: WebhookReceiver;
  const api = () => request(t.baseUrl);

  beforeAll(async () => {
    mail = await startMailCatcher();
    t = await startTestApp({ ...FAST_WEBHOOKS, ADMIN_EMAIL: 'root@example.com', SMTP_URL: mail.url });
    admin = await signUp(t.baseUrl, { email: 'root@example.com' });
  });
  afterAll(async () => {
    await t.close();
    await mail.close();
  });
  beforeEach(async () => {
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    const { body } = await api().get('/api/admin/webhooks').set(bearer(admin.accessToken)).expect(200);
    for (const { id } of body)
      await api().delete(`/api/admin/webhooks/${id}`).set(bearer(admin.accessToken)).expect(204);
    await receiver.close();
  });

  async function register(events: string[], app = t): Promise<{ id: string; secret: string }> {
    const res = await request(app.baseUrl)
      .post('/api/admin/webhooks')
      .set(bearer(admin.accessToken))
      .send({ url: receiver.url, events })
      .expect(201);
    return res.body;
  }

  async function send(app: TestApp, from: SignedUp, conversationId: string, text: string): Promise<string> {
    const res = await request(app.baseUrl)
      .post(`/api/conversations/${conversationId}/messages`)
      .set(bearer(from.accessToken))
      .send({ clientId: newClientId(), text })
      .expect(201);
    return res.body.id;
  }

  const acceptedOf = (type: string, conversationId?: string) =>
    receiver
      .accepted()
      .filter(
        (r) => r.event.type === type && (!conversationId || r.event.data.message.conversationId === conversationId),
      );
  const texts = (deliveries: ReceivedDelivery[]) => deliveries.map((r) => r.event.data.message.text);

  it('registers an endpoint with a Standard Webhooks secret shown once, lists it masked, and is admin-only', async () => {
    const user = await signUp(t.baseUrl);
    await api().get('/api/admin/webhooks').expect(401);
    await api().get('/api/admin/webhooks').set(bearer(user.accessToken)).expect(403);
    await api()
      .post('/api/admin/webhooks')
      .set(bearer(user.accessToken))
      .send({ url: receiver.url, events: ['message.created'] })
      .expect(403);

    const created = await register(['message.created', 'user.created']);
    expect(created).toMatchObject({ url: receiver.url, events: ['message.created', 'user.created'], status: 'active' });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const list = await api().get('/api/admin/webhooks').set(bearer(admin.accessToken)).expect(200);
    expect(list.body).toEqual([
      expect.objectContaining({ id: created.id, secret: `whsec_…${created.secret.slice(-4)}` }),
    ]);

    const own = 'whsec_' + Buffer.alloc(32, 7).toString('base64');
    const withOwn = await api()
      .post('/api/admin/webhooks')
      .set(bearer(admin.accessToken))
      .send({ url: receiver.url, events: ['user.deleted'], secret: own })
      .expect(201);
    expect(withOwn.body.secret).toBe(own);

    for (const body of [
      { url: receiver.url, events: [] },
      { url: receiver.url, events: ['message.exploded'] },
      { url: 'ftp://127.0.0.1/x', events: ['message.created'] },
      { url: receiver.url, events: ['message.created'], secret: 'not-a-secret' },
    ]) {
      const res = await api().post('/api/admin/webhooks').set(bearer(admin.accessToken)).send(body).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: expect.any(String) });
    }
    await api().delete('/api/admin/webhooks/665f1c2e8b3e4a1d2c9f0a11').set(bearer(admin.accessToken)).expect(404);

    const audit = await api().get('/api/admin/audit').set(bearer(admin.accessToken)).expect(200);
    expect(audit.body.items[0]).toMatchObject({
      action: 'webhook.created',
      target: null,
      details: { url: receiver.url },
    });
  });

  it('a receiver that fails its first attempts (500, a timeout, a dropped connection) still gets every message.created, signed, each with a stable event id', async () => {
    const { secret, id } = await register(['message.created']);
    const [ada, bob] = [await signUp(t.baseUrl), await signUp(t.baseUrl)];
    const chat = await befriendAndOpenChat(t.baseUrl, ada, bob);
    const failures: ('drop' | 'timeout' | number)[] = [500, 'timeout', 'drop'];
    receiver.answer = (_event, attempt) => failures[attempt - 1] ?? 204;

    const sent: string[] = [];
    for (let i = 1; i <= 5; i++) sent.push(await send(t, i % 2 ? ada : bob, chat, `hello ${i}`));

    await until(() => acceptedOf('message.created').length === 5, 'five accepted deliveries');
    const accepted = acceptedOf('message.created');
    expect(accepted.map((r) => r.event.data.message.id)).toEqual(sent);
    expect(texts(accepted)).toEqual(['hello 1', 'hello 2', 'hello 3', 'hello 4', 'hello 5']);
    const verifier = new Webhook(secret);
    for (const delivery of receiver.requests) {
      expect(verifier.verify(delivery.body, delivery.headers as Record<string, string>)).toEqual(delivery.event);
      expect(delivery.headers['webhook-id']).toBe(delivery.event.id);
    }
    // Every message came 4 times (3 failures, then accepted), always with the same id.
    for (const message of sent) {
      const attempts = receiver.requests.filter((r) => r.event.data.message.id === message);
      expect(attempts.map((r) => r.answer)).toEqual([500, 'timeout', 'drop', 204]);
      expect(new Set(attempts.map((r) => r.event.id)).size).toBe(1);
    }
    expect(accepted[0].event).toMatchObject({
      type: 'message.created',
      createdAt: expect.any(String),
      data: {
        message: { id: sent[0], conversationId: chat, seq: expect.any(Number), senderId: ada.user.id, text: 'hello 1' },
        participantIds: expect.arrayContaining([ada.user.id, bob.user.id]),
      },
    });

    const log = await until(async () => {
      const res = await api().get(`/api/admin/webhooks/${id}/deliveries`).set(bearer(admin.accessToken)).expect(200);
      return res.body.items.every((d: { status: string }) => d.status === 'delivered') && res.body;
    }, 'the delivery log to show every delivery delivered');
    expect(log.items).toHaveLength(5);
    expect(log.items[0]).toMatchObject({
      type: 'message.created',
      status: 'delivered',
      attempts: 4,
      lastStatusCode: 204,
      nextAttemptAt: null,
      deliveredAt: expect.any(String),
    });

    // The operator sees the same in the metrics: a delivered attempt per event, three retried for the first.
    const scraped = (await api().get('/metrics').expect(200)).text;
    const count = (outcome: string) =>
      Number(new RegExp(`^chat_webhook_deliveries_total\\{outcome="${outcome}"\\} (\\d+)`, 'm').exec(scraped)?.[1]);
    expect(count('delivered')).toBeGreaterThanOrEqual(5);
    expect(count('retry')).toBeGreaterThanOrEqual(3);
  });

  it("keeps the order within a conversation while another conversation's events flow", async () => {
    await register(['message.created']);
    const [ada, bob, cat] = [await signUp(t.baseUrl), await signUp(t.baseUrl), await signUp(t.baseUrl)];
    const stuck = await befriendAndOpenChat(t.baseUrl, ada, bob);
    const flowing = await befriendAndOpenChat(t.baseUrl, ada, cat);
    let release = false;
    receiver.answer = (event) => (event.data.message.conversationId === stuck && !release ? 503 : 204);

    for (let i = 1; i <= 4; i++) {
      await send(t, ada, stuck, `stuck ${i}`);
      await send(t, ada, flowing, `flowing ${i}`);
    }
    await until(() => acceptedOf('message.created', flowing).length === 4, 'the other conversation to flow');
    expect(texts(acceptedOf('message.created', flowing))).toEqual(['flowing 1', 'flowing 2', 'flowing 3', 'flowing 4']);
    // Only the first message of the stuck conversation was tried: the next ones wait for it.
    const tried = receiver.requests.filter((r) => r.event.data.message.conversationId === stuck);
    expect(new Set(tried.map((r) => r.event.data.message.text))).toEqual(new Set(['stuck 1']));

    release = true;
    await until(() => acceptedOf('message.created', stuck).length === 4, 'the stuck conversation after release');
    expect(texts(acceptedOf('message.created', stuck))).toEqual(['stuck 1', 'stuck 2', 'stuck 3', 'stuck 4']);
    const stuckRequests = receiver.requests.filter((r) => r.event.data.message.conversationId === stuck);
    const firstTryOf = (text: string) => stuckRequests.findIndex((r) => r.event.data.message.text === text);
    const acceptedAt = (text: string) =>
      stuckRequests.findIndex((r) => r.event.data.message.text === text && r.answer === 204);
    for (let i = 2; i <= 4; i++) expect(firstTryOf(`stuck ${i}`)).toBeGreaterThan(acceptedAt(`stuck ${i - 1}`));
  });

  it('enqueues the event of a send that died before it was stored when that send is retried, once', async () => {
    const { id } = await register(['message.created']);
    const [ada, bob] = [await signUp(t.baseUrl), await signUp(t.baseUrl)];
    const chat = await befriendAndOpenChat(t.baseUrl, ada, bob);
    const clientId = newClientId();
    const sent = await api()
      .post(`/api/conversations/${chat}/messages`)
      .set(bearer(ada.accessToken))
      .send({ clientId, text: 'half done' })
      .expect(201);
    await until(() => acceptedOf('message.created', chat).length === 1, 'the first delivery');
    // As if the process died after storing the message, before its event was stored: not applied, no delivery.
    const db = t.app.get<Connection>(getConnectionToken());
    await db.collection('webhook_deliveries').deleteMany({});
    await db.collection('messages').updateOne({ clientId }, { $set: { applied: false } });

    for (let retry = 0; retry < 2; retry++) {
      const again = await api()
        .post(`/api/conversations/${chat}/messages`)
        .set(bearer(ada.accessToken))
        .send({ clientId, text: 'half done' })
        .expect(201);
      expect(again.body.id).toBe(sent.body.id);
    }
    await until(() => acceptedOf('message.created', chat).length === 2, 'the recovered delivery');
    const [before, after] = acceptedOf('message.created', chat);
    expect(after.event.id).toBe(before.event.id);
    const log = await api().get(`/api/admin/webhooks/${id}/deliveries`).set(bearer(admin.accessToken)).expect(200);
    expect(log.body.items).toHaveLength(1);
  });

  it('pauses an endpoint that keeps failing, tells the admins, holds its events and delivers them once resumed', async () => {
    const { id } = await register(['message.created']);
    const [ada, bob] = [await signUp(t.baseUrl), await signUp(t.baseUrl)];
    const chat = await befriendAndOpenChat(t.baseUrl, ada, bob);
    let healthy = false;
    receiver.answer = () => (healthy ? 204 : 400);
    for (let i = 1; i <= 3; i++) await send(t, ada, chat, `refused ${i}`);

    const paused = await until(async () => {
      const res = await api().get('/api/admin/webhooks').set(bearer(admin.accessToken)).expect(200);
      return res.body.find((w: { id: string; status: string }) => w.id === id && w.status === 'paused');
    }, 'the endpoint to be paused');
    expect(paused).toMatchObject({
      consecutiveFailures: 3,
      pauseReason: expect.stringMatching(/3 deliveries in a row/),
    });
    const told = await mail.next('root@example.com', (m) => m.subject.includes('webhook was paused'));
    expect(told.text).toContain(receiver.url);
    expect(told.text).toMatch(/\/admin\/webhooks$/m);
    const audit = await api().get('/api/admin/audit').set(bearer(admin.accessToken)).expect(200);
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({
        action: 'webhook.paused',
        actor: null,
        target: null,
        details: expect.objectContaining({ url: receiver.url }),
      }),
    );
    const failedLog = await api()
      .get(`/api/admin/webhooks/${id}/deliveries`)
      .set(bearer(admin.accessToken))
      .expect(200);
    expect(failedLog.body.items.map((d: { status: string }) => d.status)).toEqual(['failed', 'failed', 'failed']);
    expect(failedLog.body.items[0].lastError).toMatch(/HTTP 400.*not retried/);

    // While paused, events are kept, not sent.
    healthy = true;
    for (let i = 1; i <= 3; i++) await send(t, ada, chat, `held ${i}`);
    const requestsWhilePaused = receiver.requests.length;
    const held = await api().get(`/api/admin/webhooks/${id}/deliveries`).set(bearer(admin.accessToken)).expect(200);
    expect(held.body.items.slice(0, 3)).toEqual(
      [3, 2, 1].map(() => expect.objectContaining({ status: 'pending', attempts: 0 })),
    );
    expect(receiver.requests.length).toBe(requestsWhilePaused);

    const resumed = await api().post(`/api/admin/webhooks/${id}/resume`).set(bearer(admin.accessToken)).expect(200);
    expect(resumed.body).toMatchObject({ status: 'active', consecutiveFailures: 0, pauseReason: null });
    await until(() => acceptedOf('message.created', chat).length === 3, 'the held events after resuming');
    expect(texts(acceptedOf('message.created', chat))).toEqual(['held 1', 'held 2', 'held 3']);
    const afterResume = await api().get('/api/admin/audit').set(bearer(admin.accessToken)).expect(200);
    expect(afterResume.body.items[0]).toMatchObject({ action: 'webhook.resumed', actor: { id: admin.user.id } });
  });

  it('emits every event type, with nothing secret in it', async () => {
    await register([
      'message.created',
      'message.updated',
      'message.deleted',
      'user.created',
      'user.updated',
      'user.deactivated',
      'user.deleted',
      'friendship.created',
    ]);
    const ada = await signUp(t.baseUrl);
    const bob = await signUp(t.baseUrl);
    await api().patch('/api/users/me').set(bearer(ada.accessToken)).send({ displayName: 'Ada L.' }).expect(200);
    const chat = await befriendAndOpenChat(t.baseUrl, ada, bob);
    const message = await send(t, ada, chat, 'to be edited');
    await api().patch(`/api/messages/${message}`).set(bearer(ada.accessToken)).send({ text: 'edited' }).expect(200);
    await api().delete(`/api/messages/${message}`).set(bearer(ada.accessToken)).expect(200);
    await api().post(`/api/admin/users/${bob.user.id}/ban`).set(bearer(admin.accessToken)).expect(200);
    await api().delete(`/api/admin/users/${bob.user.id}`).set(bearer(admin.accessToken)).expect(204);

    const of = (type: string) => receiver.accepted().filter((r) => r.event.type === type);
    await until(() => of('user.deleted').length === 1 && of('message.deleted').length === 1, 'every event type');
    expect(of('user.created').map((r) => r.event.data.user.id)).toEqual([ada.user.id, bob.user.id]);
    expect(of('user.created')[0].event.data.user).toMatchObject({
      id: ada.user.id,
      username: ada.user.username,
      email: ada.input.email,
      status: 'active',
      roles: ['user'],
    });
    expect(of('user.updated').map((r) => r.event.data.user)).toContainEqual(
      expect.objectContaining({ id: ada.user.id, displayName: 'Ada L.' }),
    );
    expect(of('friendship.created')[0].event.data).toEqual({
      userIds: [ada.user.id, bob.user.id].sort(),
      since: expect.any(String),
    });
    expect(of('message.created')[0].event.data.message).toMatchObject({ id: message, text: 'to be edited' });
    expect(of('message.updated')[0].event.data.message).toMatchObject({
      id: message,
      text: 'edited',
      editedAt: expect.any(String),
    });
    const deleted = of('message.deleted')[0].event.data.message;
    expect(deleted).toMatchObject({ id: message, deletedAt: expect.any(String) });
    expect(deleted.text).toBeUndefined();
    expect(of('user.deactivated')[0].event.data.user).toMatchObject({ id: bob.user.id, status: 'banned' });
    expect(of('user.deleted')[0].event.data).toEqual({ user: { id: bob.user.id } });
    for (const delivery of receiver.requests) {
      expect(delivery.body).not.toMatch(/password|passwordHash|tokenHash|accessToken/i);
      expect(delivery.event.data.user?.online).toBeUndefined();
    }
  });
});

// Its own apps, last: Passport keeps one JWT strategy per process, the one of the app created last.
describe('Webhooks across a restart (e2e)', () => {
  let receiver: WebhookReceiver;
  beforeEach(async () => {
    receiver = await startWebhookReceiver();
  });
  afterEach(() => receiver.close());

  async function send(app: TestApp, from: SignedUp, conversationId: string, text: string): Promise<void> {
    await request(app.baseUrl)
      .post(`/api/conversations/${conversationId}/messages`)
      .set(bearer(from.accessToken))
      .send({ clientId: newClientId(), text })
      .expect(201);
  }

  it('loses nothing of a backlog when the app stops and a new one starts on the same database', async () => {
    const first = await startTestApp({
      ...FAST_WEBHOOKS,
      WEBHOOK_BACKOFF_SECONDS: '0.2',
      ADMIN_EMAIL: 'root@example.com',
    });
    let second: TestApp | undefined;
    try {
      const rootToken = (await signUp(first.baseUrl, { email: 'root@example.com' })).accessToken;
      const hook = await request(first.baseUrl)
        .post('/api/admin/webhooks')
        .set(bearer(rootToken))
        .send({ url: receiver.url, events: ['message.created'] })
        .expect(201);
      const [ada, bob] = [await signUp(first.baseUrl), await signUp(first.baseUrl)];
      const chat = await befriendAndOpenChat(first.baseUrl, ada, bob);
      let down = true;
      receiver.answer = () => (down ? 503 : 204);
      for (let i = 1; i <= 6; i++) await send(first, ada, chat, `backlog ${i}`);
      await until(() => receiver.requests.length > 0, 'a first failed attempt');
      await first.app.close();

      down = false;
      second = await startTestApp({ ...FAST_WEBHOOKS, MONGODB_URI: first.mongodbUri });
      await until(
        () => receiver.accepted().filter((r) => r.event.type === 'message.created').length === 6,
        'the backlog after the restart',
      );
      expect(receiver.accepted().map((r) => r.event.data.message.text)).toEqual(
        [1, 2, 3, 4, 5, 6].map((i) => `backlog ${i}`),
      );
      await request(second.baseUrl).delete(`/api/admin/webhooks/${hook.body.id}`).set(bearer(rootToken)).expect(204);
    } finally {
      await second?.close();
    }
  });
});

describe('Webhooks without an allow-list (e2e)', () => {
  let t: TestApp;
  let admin: SignedUp;

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_EMAIL: 'root@example.com' });
    admin = await signUp(t.baseUrl, { email: 'root@example.com' });
  });
  afterAll(() => t.close());

  it('refuses private, loopback, link-local and metadata targets, names resolving to them, and plain http', async () => {
    const refused = [
      'http://127.0.0.1:8080/hooks',
      'https://127.0.0.1/hooks',
      'https://10.1.2.3/hooks',
      'https://192.168.0.10/hooks',
      'https://100.64.0.1/hooks',
      'http://169.254.169.254/latest/meta-data/',
      'https://[::1]/hooks',
      'https://[::ffff:127.0.0.1]/hooks',
      'https://[fd00::1]/hooks',
      'https://0.0.0.0/hooks',
      'https://localhost/hooks',
    ];
    for (const url of refused) {
      const res = await request(t.baseUrl)
        .post('/api/admin/webhooks')
        .set(bearer(admin.accessToken))
        .send({ url, events: ['message.created'] });
      expect([url, res.status, res.body.code]).toEqual([url, 400, 'webhook_target_refused']);
    }
    const http = await request(t.baseUrl)
      .post('/api/admin/webhooks')
      .set(bearer(admin.accessToken))
      .send({ url: 'http://93.184.215.14/hooks', events: ['message.created'] })
      .expect(400);
    expect(http.body.code).toBe('https_required');
    const list = await request(t.baseUrl).get('/api/admin/webhooks').set(bearer(admin.accessToken)).expect(200);
    expect(list.body).toEqual([]);
  });
});
