import request from 'supertest';

import { signUp } from './support/builders';
import { startTestApp, type TestApp } from './support/test-app';

describe('Auth throttling (e2e)', () => {
  describe('requests per IP', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ AUTH_RATE_LIMIT: '5', AUTH_RATE_WINDOW_SECONDS: '60' });
    });
    afterAll(() => t.close());

    it('answers 429 with Retry-After once an IP exceeds the auth rate limit', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await request(t.baseUrl)
          .post('/api/auth/login')
          .send({ login: `someone${i}`, password: 'whatever1' });
        statuses.push(res.status);
        if (res.status === 429) {
          expect(res.headers['retry-after']).toBeDefined();
          expect(res.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
        }
      }
      expect(statuses.slice(0, 5).every((s) => s !== 429)).toBe(true);
      expect(statuses.slice(5)).toEqual([429, 429]);
    });
  });

  describe('failed logins per account', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it('after three failures makes the next attempt wait a moment, then lets the right password in', async () => {
      const { input } = await signUp(t.baseUrl);
      const fail = () =>
        request(t.baseUrl).post('/api/auth/login').send({ login: input.username, password: 'wrong password' });
      for (let i = 0; i < 3; i++) expect((await fail()).status).toBe(401);

      const throttled = await request(t.baseUrl)
        .post('/api/auth/login')
        .send({ login: input.username, password: input.password });
      expect(throttled.status).toBe(429);
      expect(throttled.body.code).toBe('login_throttled');
      expect(throttled.body.message).toMatch(/try again in \d+ second/i);
      const wait = Number(throttled.headers['retry-after']);
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(2);

      await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 100));
      await request(t.baseUrl)
        .post('/api/auth/login')
        .send({ login: input.username, password: input.password })
        .expect(200);
    });
  });
});
