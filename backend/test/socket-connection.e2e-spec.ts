import { JwtService } from '@nestjs/jwt';
import request from 'supertest';

import { bearer, befriendAndOpenChat, newClientId, type SignedUp, signUp } from './support/builders';
import { connect, connectError, emitWithAck, settle, type TestSocket } from './support/sockets';
import { startTestApp, type TestApp } from './support/test-app';

describe('Socket connection: handshake, token expiry, acks, limits (e2e)', () => {
  let t: TestApp;
  let a: SignedUp, b: SignedUp;
  const sockets: TestSocket[] = [];
  const api = () => request(t.baseUrl);
  const open = async (who: SignedUp) => {
    const socket = await connect(t.baseUrl, who.accessToken);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    [a, b] = [await signUp(t.baseUrl), await signUp(t.baseUrl)];
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.close()));

  it('refuses an invalid or expired token, and a foreign Origin, at the handshake', async () => {
    expect(await connectError(t.baseUrl, 'not-a-token')).toBe('unauthorized');
    expect(await connectError(t.baseUrl, undefined)).toBe('unauthorized');
    const jwt = t.app.get(JwtService);
    const claims = JSON.parse(Buffer.from(a.accessToken.split('.')[1], 'base64url').toString());
    const expired = jwt.sign({ sub: claims.sub, roles: claims.roles, sid: claims.sid }, { expiresIn: -10 });
    expect(await connectError(t.baseUrl, expired)).toBe('unauthorized');
    await expect(connectError(t.baseUrl, a.accessToken, { Origin: 'https://evil.example' })).resolves.toMatch(
      /websocket error|xhr poll error/i,
    );
    const same = await connect(t.baseUrl, a.accessToken, { Origin: t.baseUrl });
    same.close();
  });

  it('drops a socket whose token expires unrefreshed, and keeps one refreshed with auth:refresh', async () => {
    const jwt = t.app.get(JwtService);
    const claims = JSON.parse(Buffer.from(a.accessToken.split('.')[1], 'base64url').toString());
    // Three seconds (JWT expiry has whole-second precision), so a loaded machine still connects before it expires.
    const shortLived = () => jwt.sign({ sub: claims.sub, roles: claims.roles, sid: claims.sid }, { expiresIn: 3 });
    const expiresAt = (Math.floor(Date.now() / 1000) + 3) * 1000;

    const dropped = await connect(t.baseUrl, shortLived());
    const kept = await connect(t.baseUrl, shortLived());
    sockets.push(dropped, kept);
    const ack = await emitWithAck(kept.socket, 'auth:refresh', { token: a.accessToken });
    expect(ack).toEqual({ ok: true });
    const bad = await emitWithAck(kept.socket, 'auth:refresh', { token: 42 });
    expect(bad).toMatchObject({
      ok: false,
      error: { statusCode: 400, error: 'Bad Request', code: 'validation_failed', errors: { token: expect.any(Array) } },
    });
    const foreign = await emitWithAck(kept.socket, 'auth:refresh', { token: b.accessToken });
    expect(foreign).toMatchObject({ ok: false, error: { statusCode: 403, error: 'Forbidden' } });

    await new Promise((resolve) => setTimeout(resolve, expiresAt - Date.now() + 1_000));
    expect(dropped.socket.connected).toBe(false);
    expect(kept.socket.connected).toBe(true);
  });

  it('logout-all sends session:revoked and drops every socket of the user', async () => {
    const [s1, s2] = [await open(a), await open(a)];
    await api().post('/api/auth/logout-all').set(bearer(a.accessToken)).expect(204);
    await s1.next('session:revoked');
    await s2.next('session:revoked');
    await settle();
    expect(s1.socket.connected || s2.socket.connected).toBe(false);
    expect(await connectError(t.baseUrl, a.accessToken)).toBe('unauthorized');
  });

  it('rate-limits a user flooding events', async () => {
    const s = await open(a);
    const acks = await Promise.all(
      Array.from({ length: 40 }, () => emitWithAck(s.socket, 'auth:refresh', { token: a.accessToken })),
    );
    // A burst of 30 passes; the bucket refills at 10 a second, so a slow machine may let a few more through.
    const passed = acks.filter((ack) => ack.ok).length;
    expect(passed).toBeGreaterThanOrEqual(30);
    expect(passed).toBeLessThan(36);
    expect(acks.find((ack) => !ack.ok)).toEqual({
      ok: false,
      error: {
        statusCode: 429,
        error: 'Too Many Requests',
        message: expect.any(String),
        code: 'rate_limited',
        retryAfterMs: expect.any(Number),
      },
    });
  });

  it('acknowledges an event nobody listens to with 404 unknown_event, and keeps the socket', async () => {
    const s = await open(a);
    expect(await emitWithAck(s.socket, 'no:such:event', { a: 1 })).toEqual({
      ok: false,
      error: { statusCode: 404, error: 'Not Found', message: 'There is no such event', code: 'unknown_event' },
    });
    expect(s.socket.connected).toBe(true);
    expect(await emitWithAck(s.socket, 'auth:refresh', { token: a.accessToken })).toEqual({ ok: true });
  });

  it('answers a refused event with the body the same refusal has over HTTP, code included', async () => {
    const conversationId = await befriendAndOpenChat(t.baseUrl, a, b);
    await api().delete(`/api/friends/${b.user.id}`).set(bearer(a.accessToken)).expect(204);
    const overHttp = await api()
      .post(`/api/conversations/${conversationId}/messages`)
      .set(bearer(a.accessToken))
      .send({ clientId: newClientId(), text: 'hello?' })
      .expect(403);
    expect(overHttp.body.code).toBe('not_friends');

    const s = await open(a);
    const ack = await emitWithAck(s.socket, 'message:send', {
      conversationId,
      clientId: newClientId(),
      text: 'hello?',
    });
    expect(ack).toEqual({ ok: false, error: overHttp.body });
  });
});
