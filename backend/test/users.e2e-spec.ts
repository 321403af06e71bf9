import request from 'supertest';

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

  it('fails a filter on an unknown field instead of matching everything', async () => {
    const a = await signUp(t.baseUrl);
    await request(t.baseUrl)
      .get('/api/users/search')
      .query({ q: 'a', 'q[$ne]': 'x' })
      .set(bearer(a.accessToken))
      .expect(400);
  });
});
