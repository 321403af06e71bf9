import { createHash } from 'node:crypto';

import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import request from 'supertest';

import type { CreatedServiceToken, ServiceScope } from '../src/contracts/service-tokens';
import { bearer, newClientId, type SignedUp, signUp } from './support/builders';
import { connect, settle, type TestSocket } from './support/sockets';
import { startTestApp, type TestApp } from './support/test-app';

const ALL_SCOPES: ServiceScope[] = ['messages:send', 'users:read', 'users:write', 'conversations:read'];
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('Service tokens and the service API (e2e)', () => {
  let t: TestApp;
  let root: SignedUp;
  const sockets: TestSocket[] = [];
  const api = () => request(t.baseUrl);
  const db = () => t.app.get<Connection>(getConnectionToken());

  let accounts = 0;
  const createToken = async (body: Record<string, unknown> = {}): Promise<CreatedServiceToken> => {
    accounts += 1;
    const res = await api()
      .post('/api/admin/tokens')
      .set(bearer(root.accessToken))
      .send({ name: `Notifier ${accounts}`, scopes: ALL_SCOPES, ...body })
      .expect(201);
    return res.body as CreatedServiceToken;
  };
  const sendAs = (
    token: string,
    to: Record<string, string | undefined>,
    clientId = newClientId(),
    text = 'Your report was approved',
  ) => api().post('/api/service/messages').set(bearer(token)).send({ to, text, clientId });
  const open = async (who: SignedUp) => {
    const socket = await connect(t.baseUrl, who.accessToken);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_EMAIL: 'root@example.com' });
    root = await signUp(t.baseUrl, { email: 'root@example.com' });
  });
  afterEach(() => sockets.splice(0).forEach((socket) => socket.close()));
  afterAll(() => t.close());

  describe('admin routes', () => {
    it('shows the secret once, with a recognisable prefix, and stores only its sha256', async () => {
      const created = await createToken({ name: 'Expense reports', scopes: ['messages:send'] });
      expect(created.token).toMatch(/^chatsvc_[A-Za-z0-9_-]{43}$/);
      expect(created).toMatchObject({
        name: 'Expense reports',
        scopes: ['messages:send'],
        prefix: created.token.slice(0, 12),
        expiresAt: null,
        lastUsedAt: null,
        account: { username: 'expense_reports', displayName: 'Expense reports', service: true },
      });

      const stored = await db()
        .collection('service_tokens')
        .findOne({ _id: new Types.ObjectId(created.id) });
      expect(stored!.tokenHash).toBe(sha256(created.token));
      expect(JSON.stringify(stored)).not.toContain(created.token.slice(12));

      const list = await api().get('/api/admin/tokens').set(bearer(root.accessToken)).expect(200);
      const listed = list.body.items.find((item: { id: string }) => item.id === created.id);
      expect(listed).toMatchObject({ name: 'Expense reports', prefix: created.prefix });
      expect(JSON.stringify(list.body)).not.toContain(created.token.slice(12));
      expect(listed).not.toHaveProperty('token');
      expect(listed).not.toHaveProperty('tokenHash');

      const audit = await api().get('/api/admin/audit').set(bearer(root.accessToken)).expect(200);
      expect(audit.body.items[0]).toMatchObject({
        action: 'token.created',
        actor: { id: root.user.id },
        target: { id: created.account.id, service: true },
        details: { tokenId: created.id, name: 'Expense reports', scopes: ['messages:send'] },
      });
    });

    it('is for admins only', async () => {
      const person = await signUp(t.baseUrl);
      await api()
        .post('/api/admin/tokens')
        .set(bearer(person.accessToken))
        .send({ name: 'Mine', scopes: ['users:read'] })
        .expect(403);
      await api().get('/api/admin/tokens').set(bearer(person.accessToken)).expect(403);
      await api().get('/api/admin/tokens').expect(401);
    });

    it('refuses unknown or no scopes, a past expiry, and a person’s username as the account', async () => {
      const post = (body: object) => api().post('/api/admin/tokens').set(bearer(root.accessToken)).send(body);
      expect((await post({ name: 'x', scopes: ['messages:delete'] }).expect(400)).body.errors).toHaveProperty('scopes');
      expect((await post({ name: 'x', scopes: [] }).expect(400)).body.errors).toHaveProperty('scopes');
      expect(
        (await post({ name: 'x', scopes: ['users:read'], expiresAt: '2001-01-01T00:00:00Z' }).expect(400)).body.errors,
      ).toHaveProperty('expiresAt');
      const person = await signUp(t.baseUrl);
      const taken = await post({ name: 'x', scopes: ['users:read'], account: person.input.username }).expect(409);
      expect(taken.body.code).toBe('username_taken');
    });

    it('reuses a service account by name, which is how a token is rotated', async () => {
      const first = await createToken({ account: 'payroll', name: 'Payroll' });
      const second = await createToken({ account: 'payroll', name: 'Payroll (rotated)' });
      expect(second.account.id).toBe(first.account.id);
      expect(second.account.displayName).toBe('Payroll');
    });

    it('records when a token was last used, at most once a minute', async () => {
      const { id, token } = await createToken();
      const lastUsed = async () => {
        const list = await api().get('/api/admin/tokens').set(bearer(root.accessToken)).expect(200);
        return list.body.items.find((item: { id: string }) => item.id === id).lastUsedAt as string | null;
      };
      expect(await lastUsed()).toBeNull();
      await api().get('/api/service/users').set(bearer(token)).expect(200);
      const first = await lastUsed();
      expect(first).not.toBeNull();
      await api().get('/api/service/users').set(bearer(token)).expect(200);
      expect(await lastUsed()).toBe(first);
    });
  });

  describe('the bearer guard', () => {
    it('answers 401 with WWW-Authenticate: Bearer without a token, or with a person’s access token', async () => {
      const person = await signUp(t.baseUrl);
      for (const auth of [{}, bearer(person.accessToken), bearer('chatsvc_' + 'A'.repeat(43)), bearer('nonsense')]) {
        const res = await api().get('/api/service/users').set(auth).expect(401);
        expect(res.headers['www-authenticate']).toMatch(/^Bearer /);
        expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
      }
    });

    it('is not accepted on a person’s routes', async () => {
      const { token } = await createToken();
      await api().get('/api/users/me').set(bearer(token)).expect(401);
      await api().get('/api/conversations').set(bearer(token)).expect(401);
      await api().get('/api/admin/users').set(bearer(token)).expect(401);
    });

    it('answers 403 insufficient_scope outside the token’s scopes', async () => {
      const person = await signUp(t.baseUrl);
      const { token } = await createToken({ scopes: ['users:read'] });
      const send = await sendAs(token, { userId: person.user.id }).expect(403);
      expect(send.body).toMatchObject({ statusCode: 403, code: 'insufficient_scope' });
      const unread = await api().get(`/api/service/users/${person.user.id}/unread`).set(bearer(token)).expect(403);
      expect(unread.body.code).toBe('insufficient_scope');
      await api().patch(`/api/service/users/${person.user.id}`).set(bearer(token)).send({ active: false }).expect(403);
      await api().get(`/api/service/users/${person.user.id}`).set(bearer(token)).expect(200);
    });

    it('refuses a revoked token at once, and revoking again or an unknown token is handled', async () => {
      const { id, token } = await createToken();
      await api().get('/api/service/users').set(bearer(token)).expect(200);
      await api().delete(`/api/admin/tokens/${id}`).set(bearer(root.accessToken)).expect(204);
      const refused = await api().get('/api/service/users').set(bearer(token)).expect(401);
      expect(refused.headers['www-authenticate']).toContain('invalid_token');
      await api().delete(`/api/admin/tokens/${id}`).set(bearer(root.accessToken)).expect(204);
      await api()
        .delete(`/api/admin/tokens/${new Types.ObjectId().toString()}`)
        .set(bearer(root.accessToken))
        .expect(404);

      const list = await api().get('/api/admin/tokens').set(bearer(root.accessToken)).expect(200);
      expect(list.body.items.map((item: { id: string }) => item.id)).not.toContain(id);
      const audit = await api().get('/api/admin/audit').set(bearer(root.accessToken)).expect(200);
      const revocations = audit.body.items.filter(
        (entry: { action: string; details: { tokenId?: string } }) =>
          entry.action === 'token.revoked' && entry.details.tokenId === id,
      );
      expect(revocations).toHaveLength(1);
    });

    it('refuses an expired token', async () => {
      const { id, token } = await createToken({ expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
      await api().get('/api/service/users').set(bearer(token)).expect(200);
      await db()
        .collection('service_tokens')
        .updateOne({ _id: new Types.ObjectId(id) }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
      const res = await api().get('/api/service/users').set(bearer(token)).expect(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer /);
    });

    it('refuses the token of a service account an admin banned', async () => {
      const { token, account } = await createToken();
      await api().post(`/api/admin/users/${account.id}/ban`).set(bearer(root.accessToken)).expect(200);
      await api().get('/api/service/users').set(bearer(token)).expect(401);
    });
  });

  describe('the service account', () => {
    it('can never sign in, is not found in search or befriended, and is not counted as a person', async () => {
      const { account } = await createToken({ account: 'hr_bot', name: 'HR' });
      const person = await signUp(t.baseUrl);
      for (const login of ['hr_bot', 'hr_bot@service.invalid']) {
        for (const password of ['!', '', 'correct horse battery']) {
          await api()
            .post('/api/auth/login')
            .send({ login, password })
            .expect((res) => expect(res.status).not.toBe(200));
        }
      }
      const search = await api()
        .get('/api/users/search')
        .query({ q: 'hr' })
        .set(bearer(person.accessToken))
        .expect(200);
      expect(search.body.items.map((user: { id: string }) => user.id)).not.toContain(account.id);
      await api().post('/api/friends/requests').set(bearer(person.accessToken)).send({ to: account.id }).expect(404);

      const people = await db()
        .collection('users')
        .countDocuments({ status: { $ne: 'erased' }, origin: { $ne: 'service' } });
      const stats = await api().get('/api/admin/stats').set(bearer(root.accessToken)).expect(200);
      expect(stats.body.users).toBe(people);
    });
  });

  describe('POST /api/service/messages', () => {
    it('delivers to a stranger live, marked as from a service account, counted unread', async () => {
      const { token, account } = await createToken({ name: 'Expenses', account: 'expenses' });
      const ada = await signUp(t.baseUrl);
      const socket = await open(ada);

      const sent = await sendAs(token, { username: ada.input.username }, 'expense-4711', 'Approved').expect(201);
      expect(sent.body.message).toMatchObject({ senderId: account.id, text: 'Approved', clientId: 'expense-4711' });
      expect(sent.body.to).toMatchObject({ id: ada.user.id });
      const live = await socket.next('message:new', (p) => p.message.id === sent.body.message.id);
      expect(live.message).toMatchObject({ senderId: account.id, text: 'Approved' });

      const list = await api().get('/api/conversations').set(bearer(ada.accessToken)).expect(200);
      const chat = list.body.items.find((c: { id: string }) => c.id === sent.body.message.conversationId);
      expect(chat).toMatchObject({ unread: 1, participant: { id: account.id, service: true } });
      expect(chat.participant).not.toHaveProperty('online');

      const unread = await api().get(`/api/service/users/username:${ada.input.username}/unread`).set(bearer(token));
      expect(unread.status).toBe(200);
      expect(unread.body).toEqual({
        userId: ada.user.id,
        total: 1,
        conversations: [{ conversationId: chat.id, unread: 1, with: expect.objectContaining({ id: account.id }) }],
      });
    });

    it('finds the person by id, username, e-mail or external id', async () => {
      const { token } = await createToken();
      const bob = await signUp(t.baseUrl);
      await db()
        .collection('users')
        .updateOne({ _id: new Types.ObjectId(bob.user.id) }, { $set: { externalId: `sub-${bob.user.id}` } });
      for (const to of [
        { userId: bob.user.id },
        { username: bob.input.username.toUpperCase() },
        { email: bob.input.email },
        { externalId: `sub-${bob.user.id}` },
      ]) {
        await sendAs(token, to).expect(201);
      }
      const unread = await api().get(`/api/service/users/ext:sub-${bob.user.id}/unread`).set(bearer(token)).expect(200);
      expect(unread.body.total).toBe(4);
      const byEmail = await api()
        .get(`/api/service/users/email:${encodeURIComponent(bob.input.email)}/unread`)
        .set(bearer(token))
        .expect(200);
      expect(byEmail.body.total).toBe(4);
    });

    it('answers 404 for nobody or a banned person, 400 for a malformed recipient', async () => {
      const { token } = await createToken();
      const banned = await signUp(t.baseUrl);
      await api().post(`/api/admin/users/${banned.user.id}/ban`).set(bearer(root.accessToken)).expect(200);
      expect((await sendAs(token, { username: 'nobody_here' }).expect(404)).body.code).toBe('user_not_found');
      expect((await sendAs(token, { userId: banned.user.id }).expect(404)).body.code).toBe('user_not_found');
      await sendAs(token, { username: 'a', email: 'a@example.com' }).expect(400);
      await sendAs(token, {}).expect(400);
      await api()
        .post('/api/service/messages')
        .set(bearer(token))
        .send({ text: 'hi', clientId: newClientId() })
        .expect(400);
      const badRef = await api().get('/api/service/users/phone:123/unread').set(bearer(token)).expect(400);
      expect(badRef.body.code).toBe('invalid_user_ref');
    });

    it('cannot be replied to', async () => {
      const { token } = await createToken();
      const ada = await signUp(t.baseUrl);
      const sent = await sendAs(token, { userId: ada.user.id }).expect(201);
      const reply = await api()
        .post(`/api/conversations/${sent.body.message.conversationId}/messages`)
        .set(bearer(ada.accessToken))
        .send({ clientId: newClientId(), text: 'thanks' })
        .expect(403);
      expect(reply.body.code).toBe('automated_account');
    });

    it('delivers nothing to a person who blocked the service account: 403 recipient_unavailable', async () => {
      const { token, account } = await createToken();
      const ada = await signUp(t.baseUrl);
      const first = await sendAs(token, { userId: ada.user.id }).expect(201);
      await api().post(`/api/users/${account.id}/block`).set(bearer(ada.accessToken)).expect(204);
      const socket = await open(ada);

      const refused = await sendAs(token, { userId: ada.user.id }).expect(403);
      expect(refused.body.code).toBe('recipient_unavailable');
      await settle(200);
      expect(socket.received('message:new')).toEqual([]);
      const stored = await db()
        .collection('messages')
        .countDocuments({ conversationId: new Types.ObjectId(first.body.message.conversationId as string) });
      expect(stored).toBe(1);

      await api().delete(`/api/users/${account.id}/block`).set(bearer(ada.accessToken)).expect(204);
      await sendAs(token, { userId: ada.user.id }).expect(201);
    });

    it('sends exactly once per clientId, however many retries race (20 rounds of 6)', async () => {
      const { token, account } = await createToken();
      for (let round = 0; round < 20; round++) {
        const ada = await signUp(t.baseUrl);
        const socket = await open(ada);
        const clientId = newClientId();
        const answers = await Promise.all(
          Array.from({ length: 6 }, () => sendAs(token, { userId: ada.user.id }, clientId, `round ${round}`)),
        );
        expect(answers.map((res) => res.status)).toEqual(Array(6).fill(201));
        expect(new Set(answers.map((res) => res.body.message.id)).size).toBe(1);
        const stored = await db()
          .collection('messages')
          .countDocuments({ senderId: new Types.ObjectId(account.id), clientId });
        expect(stored).toBe(1);
        await socket.next('message:new', (p) => p.message.clientId === clientId);
        const unread = await api().get(`/api/service/users/${ada.user.id}/unread`).set(bearer(token)).expect(200);
        expect(unread.body.total).toBe(1);
        expect(socket.received('message:new').filter((p) => p.message.clientId === clientId)).toHaveLength(1);
        socket.close();
      }
    });

    it('refuses a clientId used for another recipient with 409', async () => {
      const { token } = await createToken();
      const [ada, bob] = [await signUp(t.baseUrl), await signUp(t.baseUrl)];
      const clientId = newClientId();
      await sendAs(token, { userId: ada.user.id }, clientId).expect(201);
      expect((await sendAs(token, { userId: bob.user.id }, clientId).expect(409)).body.code).toBe('client_id_reused');
    });
  });

  describe('users:read and users:write', () => {
    it('reads a person by reference and lists people', async () => {
      const { token } = await createToken({ scopes: ['users:read'] });
      const ada = await signUp(t.baseUrl, { displayName: 'Ada L.' });
      const one = await api().get(`/api/service/users/username:${ada.input.username}`).set(bearer(token)).expect(200);
      expect(one.body).toMatchObject({
        id: ada.user.id,
        email: ada.input.email,
        status: 'active',
        displayName: 'Ada L.',
      });
      const list = await api()
        .get('/api/service/users')
        .query({ q: ada.input.username })
        .set(bearer(token))
        .expect(200);
      expect(list.body.items.map((user: { id: string }) => user.id)).toEqual([ada.user.id]);
      await api().get(`/api/service/users/${new Types.ObjectId().toString()}`).set(bearer(token)).expect(404);
    });

    it('renames, deactivates and reactivates a person, audited as the service account', async () => {
      const { id: tokenId, token, account } = await createToken({ scopes: ['users:write'] });
      const ada = await signUp(t.baseUrl);
      const ref = `/api/service/users/id:${ada.user.id}`;

      const renamed = await api().patch(ref).set(bearer(token)).send({ displayName: 'Ada Lovelace' }).expect(200);
      expect(renamed.body).toMatchObject({ displayName: 'Ada Lovelace', status: 'active' });

      const off = await api().patch(ref).set(bearer(token)).send({ active: false }).expect(200);
      expect(off.body.status).toBe('banned');
      await api().get('/api/users/me').set(bearer(ada.accessToken)).expect(401);
      await api()
        .post('/api/auth/login')
        .send({ login: ada.input.username, password: ada.input.password })
        .expect((res) => expect(res.status).toBe(403));

      const on = await api().patch(ref).set(bearer(token)).send({ active: true }).expect(200);
      expect(on.body.status).toBe('active');
      await api().post('/api/auth/login').send({ login: ada.input.username, password: ada.input.password }).expect(200);

      const audit = await api().get('/api/admin/audit').set(bearer(root.accessToken)).expect(200);
      const mine = audit.body.items.filter((entry: { target: { id: string } }) => entry.target.id === ada.user.id);
      expect(mine.map((entry: { action: string }) => entry.action)).toEqual([
        'user.unbanned',
        'user.banned',
        'user.updated',
      ]);
      for (const entry of mine) {
        expect(entry).toMatchObject({
          actor: { id: account.id, service: true },
          details: { via: 'service_token', tokenId },
        });
      }
    });
  });
});

describe('Service tokens: rate limit per token (e2e)', () => {
  let t: TestApp;
  let root: SignedUp;

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_EMAIL: 'root@example.com', SERVICE_TOKEN_RATE_LIMIT: '3' });
    root = await signUp(t.baseUrl, { email: 'root@example.com' });
  });
  afterAll(() => t.close());

  const create = async () =>
    (
      await request(t.baseUrl)
        .post('/api/admin/tokens')
        .set(bearer(root.accessToken))
        .send({ name: `Limited ${newClientId()}`, scopes: ['users:read'] })
        .expect(201)
    ).body.token as string;

  it('tells the budget on every answer and answers 429 with Retry-After over it, per token', async () => {
    const [token, other] = [await create(), await create()];
    const get = (which: string) => request(t.baseUrl).get('/api/service/users').set(bearer(which));

    const first = await get(token).expect(200);
    const scopeRefused = await request(t.baseUrl)
      .post('/api/service/messages')
      .set(bearer(token))
      .send({ to: { username: 'x' }, text: 'x', clientId: newClientId() })
      .expect(403);
    const third = await get(token).expect(200);
    expect([first, scopeRefused, third].map((res) => res.headers['ratelimit-remaining'])).toEqual(['2', '1', '0']);
    for (const res of [first, scopeRefused, third]) {
      expect(res.headers['ratelimit-limit']).toBe('3');
      expect(Number(res.headers['ratelimit-reset'])).toBeGreaterThan(0);
      expect(Number(res.headers['ratelimit-reset'])).toBeLessThanOrEqual(60);
    }

    const limited = await get(token).expect(429);
    expect(limited.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', code: 'rate_limited' });
    expect(limited.body.retryAfterMs).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBe(Math.ceil(limited.body.retryAfterMs / 1000));
    expect(limited.headers['ratelimit-remaining']).toBe('0');

    await get(other).expect(200);
  });
});

describe('Service tokens: revocation on every instance (e2e)', () => {
  let t: TestApp;
  let other: TestApp;
  let root: SignedUp;

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_EMAIL: 'root@example.com' });
    other = await startTestApp({ MONGODB_URI: t.mongodbUri, ADMIN_EMAIL: 'root@example.com' });
    root = await signUp(t.baseUrl, { email: 'root@example.com' });
  });
  afterAll(async () => {
    // Not other.close(): that drops the database both instances share.
    await other.app.close();
    await t.close();
  });

  it('refuses a revoked token at once on another instance of the app', async () => {
    const created = await request(t.baseUrl)
      .post('/api/admin/tokens')
      .set(bearer(root.accessToken))
      .send({ name: 'Elsewhere', scopes: ['users:read'] })
      .expect(201);
    const { id, token } = created.body as CreatedServiceToken;
    await request(other.baseUrl).get('/api/service/users').set(bearer(token)).expect(200);
    await request(t.baseUrl).delete(`/api/admin/tokens/${id}`).set(bearer(root.accessToken)).expect(204);
    await request(other.baseUrl).get('/api/service/users').set(bearer(token)).expect(401);
  });
});
