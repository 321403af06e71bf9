import request from 'supertest';

import { FriendsService } from '../src/friends/friends.service';
import { bearer, befriendAndOpenChat, newClientId, type SignedUp, signUp } from './support/builders';
import { connect, emitWithAck, type TestSocket } from './support/sockets';
import { startTestApp, type TestApp } from './support/test-app';

describe('An instance over its cap of sends at once answers busy (e2e)', () => {
  let t: TestApp;
  let a: SignedUp, b: SignedUp;
  let conversationId: string;
  let socket: TestSocket;
  const busy = {
    statusCode: 503,
    error: 'Service Unavailable',
    message: expect.any(String),
    code: 'busy',
    retryAfterMs: expect.any(Number),
  };
  const sendSocket = (clientId = newClientId()) =>
    emitWithAck(socket.socket, 'message:send', { conversationId, clientId, text: 'hi' });
  const sendRest = (clientId = newClientId()) =>
    request(t.baseUrl)
      .post(`/api/conversations/${conversationId}/messages`)
      .set(bearer(b.accessToken))
      .send({ clientId, text: 'hi' });
  const stored = async () =>
    (
      await request(t.baseUrl)
        .get(`/api/conversations/${conversationId}/messages`)
        .set(bearer(a.accessToken))
        .expect(200)
    ).body.items as { clientId: string }[];

  /** Holds the next send in its authorization (so it stays in flight) until the returned release is called. */
  const holdNextSend = () => {
    const friends = t.app.get(FriendsService);
    const original = friends.assertMayMessage.bind(friends);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const entered = new Promise<void>((resolve) => {
      jest.spyOn(friends, 'assertMayMessage').mockImplementationOnce(async (...args) => {
        resolve();
        await gate;
        return original(...args);
      });
    });
    return { entered, release };
  };

  beforeAll(async () => {
    t = await startTestApp({ SEND_MAX_IN_FLIGHT: '1' });
    [a, b] = [await signUp(t.baseUrl), await signUp(t.baseUrl)];
    conversationId = await befriendAndOpenChat(t.baseUrl, a, b);
    socket = await connect(t.baseUrl, a.accessToken);
  });
  afterAll(async () => {
    socket.close();
    await t.close();
  });
  afterEach(() => jest.restoreAllMocks());

  it('answers a second concurrent socket send busy with retryAfterMs, and takes its retry afterwards', async () => {
    const held = holdNextSend();
    const first = sendSocket();
    await held.entered;
    const clientId = newClientId();
    expect(await sendSocket(clientId)).toEqual({ ok: false, error: busy });
    held.release();
    expect(await first).toMatchObject({ ok: true });
    expect(await sendSocket(clientId)).toMatchObject({ ok: true, message: { clientId } });
    expect((await stored()).filter((message) => message.clientId === clientId)).toHaveLength(1);
  });

  it('answers a REST send busy with 503, Retry-After and the standard body', async () => {
    const held = holdNextSend();
    const first = sendSocket();
    await held.entered;
    const refused = await sendRest();
    held.release();
    expect(await first).toMatchObject({ ok: true });
    expect(refused.status).toBe(503);
    expect(refused.body).toEqual(busy);
    expect(refused.headers['retry-after']).toBe(String(Math.ceil(refused.body.retryAfterMs / 1000)));
    await sendRest().expect(201);
  });

  it('answers busy before validating or authorizing a send, on the socket and over REST', async () => {
    const held = holdNextSend();
    const first = sendSocket();
    await held.entered;
    const authorize = jest.spyOn(t.app.get(FriendsService), 'assertMayMessage');
    const authorizedBefore = authorize.mock.calls.length;
    const invalid = { conversationId: 'not-an-id', clientId: newClientId(), text: '' };
    expect(await emitWithAck(socket.socket, 'message:send', invalid)).toEqual({ ok: false, error: busy });
    const refused = await request(t.baseUrl)
      .post(`/api/conversations/${conversationId}/messages`)
      .set(bearer(b.accessToken))
      .send({ clientId: 42 });
    held.release();
    expect(await first).toMatchObject({ ok: true });
    expect(refused.status).toBe(503);
    expect(refused.body).toEqual(busy);
    expect(authorize.mock.calls.length).toBe(authorizedBefore);
  });

  it('lets a retry of the send in flight wait for it instead of answering busy', async () => {
    const held = holdNextSend();
    const clientId = newClientId();
    const first = sendSocket(clientId);
    await held.entered;
    const retry = sendSocket(clientId);
    held.release();
    const [answer, again] = await Promise.all([first, retry]);
    expect(again).toEqual(answer);
    expect((await stored()).filter((message) => message.clientId === clientId)).toHaveLength(1);
  });
});
