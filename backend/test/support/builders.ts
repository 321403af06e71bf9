import request from 'supertest';

import type { AuthResponse } from '../../src/contracts/auth';

let counter = 0;

export interface SignupInput {
  username: string;
  email: string;
  password: string;
  displayName?: string;
}

/** A valid, unique signup body. */
export function buildSignup(overrides: Partial<SignupInput> = {}): SignupInput {
  counter += 1;
  const username = `user${Date.now().toString(36)}${counter}`;
  return { username, email: `${username}@example.com`, password: 'correct horse battery', ...overrides };
}

export interface SignedUp extends AuthResponse {
  input: SignupInput;
  /** The Set-Cookie value of the refresh cookie, ready for a Cookie header. */
  cookie: string;
}

export async function signUp(baseUrl: string, overrides: Partial<SignupInput> = {}): Promise<SignedUp> {
  const input = buildSignup(overrides);
  const res = await request(baseUrl).post('/api/auth/signup').send(input).expect(201);
  return { ...(res.body as AuthResponse), input, cookie: refreshCookieOf(res) };
}

/** "refresh_token=…" from a response's Set-Cookie header ('' when the response set none). */
export function refreshCookieOf(res: request.Response): string {
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = setCookie.find((c) => c.startsWith('refresh_token='));
  return cookie ? cookie.split(';')[0] : '';
}

export function bearer(token: string): { Authorization: string } {
  return { Authorization: `Bearer ${token}` };
}

/** Makes two users friends. */
export async function befriend(baseUrl: string, a: SignedUp, b: SignedUp): Promise<void> {
  const req = await request(baseUrl)
    .post('/api/friends/requests')
    .set(bearer(a.accessToken))
    .send({ to: b.user.id })
    .expect(201);
  await request(baseUrl).post(`/api/friends/requests/${req.body.id}/accept`).set(bearer(b.accessToken)).expect(200);
}

/** Makes two users friends and opens their conversation; returns its id. */
export async function befriendAndOpenChat(baseUrl: string, a: SignedUp, b: SignedUp): Promise<string> {
  await befriend(baseUrl, a, b);
  const conversation = await request(baseUrl)
    .post('/api/conversations')
    .set(bearer(a.accessToken))
    .send({ userId: b.user.id })
    .expect(200);
  return conversation.body.id;
}

let clientIds = 0;
export const newClientId = () => `client-${Date.now().toString(36)}-${(clientIds += 1)}`;

/** A group `owner` creates with `members` (each befriended with the owner first); returns its id. */
export async function createGroup(
  baseUrl: string,
  owner: SignedUp,
  members: SignedUp[],
  name = 'Team',
): Promise<string> {
  for (const member of members) await befriend(baseUrl, owner, member);
  const group = await request(baseUrl)
    .post('/api/conversations')
    .set(bearer(owner.accessToken))
    .send({ userIds: members.map((member) => member.user.id), name })
    .expect(201);
  return group.body.id;
}
