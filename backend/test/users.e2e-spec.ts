import { getModelToken } from '@nestjs/mongoose';
import { type Model, Types } from 'mongoose';
import request from 'supertest';

import { NameKeysBackfill } from '../src/users/name-keys-backfill';
import { User } from '../src/users/schemas/user.schema';
import { bearer, signUp } from './support/builders';
import { startTestApp, type TestApp } from './support/test-app';

describe('Users (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('edits display name, bio, username and settings, and validates them', async () => {
    const me = await signUp(t.baseUrl);
    const res = await request(t.baseUrl)
      .patch('/api/users/me')
      .set(bearer(me.accessToken))
      .send({ displayName: '  Grace Hopper ', bio: 'Compilers.', username: 'Grace_H', settings: { sound: false } })
      .expect(200);
    expect(res.body).toMatchObject({
      displayName: 'Grace Hopper',
      bio: 'Compilers.',
      username: 'grace_h',
      settings: { sound: false, readReceipts: true },
    });

    const bad = await request(t.baseUrl)
      .patch('/api/users/me')
      .set(bearer(me.accessToken))
      .send({ displayName: '', bio: 'x'.repeat(281), settings: { sound: 'loud' }, roles: ['admin'] })
      .expect(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['bio', 'displayName', 'roles', 'settings.sound']);

    const after = await request(t.baseUrl).get('/api/users/me').set(bearer(me.accessToken)).expect(200);
    expect(after.body).toMatchObject({ displayName: 'Grace Hopper', roles: ['user'] });
  });

  it('refuses a username someone else has with 409', async () => {
    const a = await signUp(t.baseUrl);
    const b = await signUp(t.baseUrl);
    const res = await request(t.baseUrl)
      .patch('/api/users/me')
      .set(bearer(b.accessToken))
      .send({ username: a.user.username })
      .expect(409);
    expect(res.body.errors.username).toBeDefined();
    await request(t.baseUrl)
      .patch('/api/users/me')
      .set(bearer(a.accessToken))
      .send({ username: a.user.username })
      .expect(200);
  });

  it('shows a public profile without private fields, 404 for unknown and 400 for a malformed id', async () => {
    const a = await signUp(t.baseUrl);
    const b = await signUp(t.baseUrl, { displayName: 'Bea' });
    const res = await request(t.baseUrl).get(`/api/users/${b.user.id}`).set(bearer(a.accessToken)).expect(200);
    expect(res.body).toEqual({
      id: b.user.id,
      username: b.user.username,
      displayName: 'Bea',
      avatarUrl: null,
      bio: '',
    });
    await request(t.baseUrl).get('/api/users/000000000000000000000000').set(bearer(a.accessToken)).expect(404);
    await request(t.baseUrl).get('/api/users/not-an-id').set(bearer(a.accessToken)).expect(400);
    await request(t.baseUrl).get(`/api/users/${b.user.id}`).expect(401);
  });

  it('searches by username or display name prefix, pages through results and leaves out the caller', async () => {
    const caller = await signUp(t.baseUrl, { username: 'zed_caller' });
    const made = [];
    for (let i = 0; i < 23; i++) made.push(await signUp(t.baseUrl, { username: `zed${String(i).padStart(2, '0')}` }));
    await signUp(t.baseUrl, { username: 'other_person', displayName: 'Zed Display' });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string> = cursor ? { q: 'ZED', cursor } : { q: 'ZED' };
      const page = await request(t.baseUrl)
        .get('/api/users/search')
        .query(query)
        .set(bearer(caller.accessToken))
        .expect(200);
      seen.push(...page.body.items.map((u: { username: string }) => u.username));
      cursor = page.body.nextCursor;
    } while (cursor);

    expect(seen).toHaveLength(24);
    expect(new Set(seen).size).toBe(24);
    expect(seen).toContain('other_person');
    expect(seen).not.toContain('zed_caller');
    for (const garbage of ['garbage', Buffer.from('no spaces allowed').toString('base64url')]) {
      const res = await request(t.baseUrl)
        .get('/api/users/search')
        .query({ q: 'zed', cursor: garbage })
        .set(bearer(caller.accessToken))
        .expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'invalid_cursor' });
    }
    expect(JSON.stringify(seen)).not.toMatch(/@/);

    const regexy = await request(t.baseUrl)
      .get('/api/users/search')
      .query({ q: '.*' })
      .set(bearer(caller.accessToken))
      .expect(200);
    expect(regexy.body.items).toEqual([]);
    await request(t.baseUrl).get('/api/users/search').set(bearer(caller.accessToken)).expect(400);
  });

  it('finds people by any word of their name or a leading @, ignoring case and accents', async () => {
    const caller = await signUp(t.baseUrl);
    const ada = await signUp(t.baseUrl, { username: 'ada_w', displayName: 'Ada Baker' });
    const ben = await signUp(t.baseUrl, { username: 'benq', displayName: 'Benjamin Q' });
    const jose = await signUp(t.baseUrl, { username: 'jr_x', displayName: 'José Ruzicka-Núñez' });
    const found = async (q: string) => {
      const res = await request(t.baseUrl).get('/api/users/search').query({ q }).set(bearer(caller.accessToken));
      expect(res.status).toBe(200);
      return res.body.items.map((u: { username: string }) => u.username);
    };

    expect(await found('Baker')).toContain(ada.user.username);
    expect(await found('bak')).toContain(ada.user.username);
    expect(await found('ada bak')).toContain(ada.user.username);
    expect(await found('@ben')).toEqual([ben.user.username]);
    expect(await found('ruz')).toEqual([jose.user.username]);
    expect(await found('nunez')).toEqual([jose.user.username]);
    expect(await found('JOSÉ')).toEqual([jose.user.username]);
    expect(await found('aker')).not.toContain(ada.user.username);
    expect(await found('@')).toEqual([]);

    await request(t.baseUrl)
      .patch('/api/users/me')
      .set(bearer(ada.accessToken))
      .send({ displayName: 'Ada Lovelace' })
      .expect(200);
    expect(await found('baker')).not.toContain(ada.user.username);
    expect(await found('love')).toEqual([ada.user.username]);
  });

  it('makes accounts stored before word search findable at the next start', async () => {
    const caller = await signUp(t.baseUrl);
    const old = await signUp(t.baseUrl, { displayName: 'Grete Oldfield' });
    const users = t.app.get<Model<User>>(getModelToken(User.name));
    await users.collection.updateOne({ _id: new Types.ObjectId(old.user.id) }, { $unset: { nameKeys: '' } });
    await users.db.collection('migrations').deleteOne({ _id: 'user-name-keys' as never });
    const search = () =>
      request(t.baseUrl).get('/api/users/search').query({ q: 'oldfield' }).set(bearer(caller.accessToken));
    expect((await search()).body.items).toEqual([]);

    await t.app.get(NameKeysBackfill).onModuleInit();
    expect((await search()).body.items.map((u: { id: string }) => u.id)).toEqual([old.user.id]);
  });

  it('fails a filter on an unknown field instead of matching everything', async () => {
    const a = await signUp(t.baseUrl);
    await request(t.baseUrl)
      .get('/api/users/search')
      .query({ q: 'a', 'q[$ne]': 'x' })
      .set(bearer(a.accessToken))
      .expect(400);
  });
});
