import request from 'supertest';

import { startTestApp, type TestApp } from './support/test-app';

describe('Health and request ids (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers liveness and readiness (database reachable) without a token', async () => {
    expect((await request(t.baseUrl).get('/api/health').expect(200)).body.status).toBe('ok');
    const ready = await request(t.baseUrl).get('/api/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('gives every request an id, keeping a sane one sent by the caller', async () => {
    const mine = await request(t.baseUrl).get('/api/health').set('X-Request-Id', 'portal-123').expect(200);
    expect(mine.headers['x-request-id']).toBe('portal-123');
    const generated = await request(t.baseUrl).get('/api/health').set('X-Request-Id', 'bad id with spaces');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
