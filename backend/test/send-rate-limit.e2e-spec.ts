import request from 'supertest';

import { bearer, befriendAndOpenChat, newClientId, type SignedUp, signUp } from './support/builders';
import { connect, emitWithAck, type TestSocket } from './support/sockets';
import { startTestApp, type TestApp } from './support/test-app';

const BURST = 120;

describe('One send limit per user over REST and the socket (e2e)', () => {
  let t: TestApp;
  let a: SignedUp, b: SignedUp;
  let conversationId: string;
  let socket: TestSocket;
  const sendRest = () =>
    request(t.baseUrl)
      .post(`/api/conversations/${conversationId}/messages`)
      .set(bearer(a.accessToken))
      .send({ clientId: newClientId(), text: 'hi' });
  const sendSocket = () =>
    emitWithAck(socket.socket, 'message:send', { conversationId, clientId: newClientId(), text: 'hi' });
  /** The bucket refills with time; holding the clock still makes the burst size exact on a slow machine too. */
  const withClockStopped = async <T>(run: () => Promise<T>): Promise<T> => {
    const now = jest.spyOn(Date, 'now').mockReturnValue(Date.now());
    try {
      return await run();
    } finally {
      now.mockRestore();
    }
  };
  const rateLimited = {
    statusCode: 429,
    error: 'Too Many Requests',
    message: expect.any(String),
    code: 'rate_limited',
    retryAfterMs: expect.any(Number),
  };

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    [a, b] = [await signUp(t.baseUrl), await signUp(t.baseUrl)];
    conversationId = await befriendAndOpenChat(t.baseUrl, a, b);
    socket = await connect(t.baseUrl, a.accessToken);
  });
  afterEach(() => socket.close());

  it('answers a REST burst past the burst size with 429, Retry-After and the standard body', async () => {
    const refused = await withClockStopped(async () => {
      for (let i = 0; i < BURST; i++) await sendRest().expect(201);
      return sendRest();
    });
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual(rateLimited);
    expect(refused.body.retryAfterMs).toBeGreaterThan(0);
    expect(refused.headers['retry-after']).toBe(String(Math.ceil(refused.body.retryAfterMs / 1000)));
  });

  it('counts REST and socket sends of one user against one budget, then lets them through after Retry-After', async () => {
    const [refusedRest, refusedSocket] = await withClockStopped(async () => {
      for (let i = 0; i < BURST; i++) {
        if (i % 2) await sendRest().expect(201);
        else expect(await sendSocket()).toMatchObject({ ok: true });
      }
      return [await sendRest(), await sendSocket()];
    });
    expect(refusedRest.status).toBe(429);
    expect(refusedRest.body).toEqual(rateLimited);
    expect(refusedSocket).toEqual({ ok: false, error: rateLimited });

    await new Promise((resolve) => setTimeout(resolve, Number(refusedRest.headers['retry-after']) * 1000));
    await sendRest().expect(201);
    expect(await sendSocket()).toMatchObject({ ok: true });
  });

  it("does not spend one user's budget on another's sends", async () => {
    await withClockStopped(async () => {
      for (let i = 0; i < BURST; i++) await sendRest().expect(201);
      await sendRest().expect(429);
      await request(t.baseUrl)
        .post(`/api/conversations/${conversationId}/messages`)
        .set(bearer(b.accessToken))
        .send({ clientId: newClientId(), text: 'hi' })
        .expect(201);
    });
  });
});
