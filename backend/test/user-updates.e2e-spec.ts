import request from 'supertest';

import { ServerEvent } from '../src/contracts/socket-events';
import { bearer, befriendAndOpenChat, signUp } from './support/builders';
import { png } from './support/media-fixtures';
import { connect, settle } from './support/sockets';
import { startTestApp, type TestApp } from './support/test-app';

describe('Live profile and role changes (e2e)', () => {
  let t: TestApp;
  const api = () => request(t.baseUrl);

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_EMAIL: 'root@example.com' });
  });
  afterAll(() => t.close());

  it('sends a new name to friends and to the person’s other tabs, and to nobody else', async () => {
    const [ada, ben, stranger] = [await signUp(t.baseUrl), await signUp(t.baseUrl), await signUp(t.baseUrl)];
    await befriendAndOpenChat(t.baseUrl, ada, ben);
    const [adaOtherTab, benTab, strangerTab] = [
      await connect(t.baseUrl, ada.accessToken),
      await connect(t.baseUrl, ben.accessToken),
      await connect(t.baseUrl, stranger.accessToken),
    ];

    await api().patch('/api/users/me').set(bearer(ada.accessToken)).send({ displayName: 'Ada King' }).expect(200);

    const toFriend = await benTab.next(ServerEvent.UserUpdated);
    expect(toFriend.user).toMatchObject({ id: ada.user.id, displayName: 'Ada King' });
    // Friends get the public profile only.
    expect(toFriend.user).not.toHaveProperty('email');
    expect(toFriend.user).not.toHaveProperty('roles');
    const toOwnTab = await adaOtherTab.next(ServerEvent.UserUpdated);
    expect(toOwnTab.user).toMatchObject({ id: ada.user.id, displayName: 'Ada King', email: ada.input.email });
    await settle();
    expect(strangerTab.received(ServerEvent.UserUpdated)).toEqual([]);
    for (const socket of [adaOtherTab, benTab, strangerTab]) socket.close();
  });

  it('sends a new avatar to friends', async () => {
    const [ada, ben] = [await signUp(t.baseUrl), await signUp(t.baseUrl)];
    await befriendAndOpenChat(t.baseUrl, ada, ben);
    const benTab = await connect(t.baseUrl, ben.accessToken);
    const set = await api()
      .put('/api/users/me/avatar')
      .set(bearer(ada.accessToken))
      .attach('file', await png(), 'me.png')
      .expect(200);

    const { user } = await benTab.next(ServerEvent.UserUpdated, (p) => p.user.avatarUrl !== null);
    expect(user).toMatchObject({ id: ada.user.id, avatarUrl: set.body.avatarUrl });
    benTab.close();
  });

  it('sends a role change to the person’s open tabs', async () => {
    const admin = await signUp(t.baseUrl, { email: 'root@example.com' });
    const ada = await signUp(t.baseUrl);
    const tab = await connect(t.baseUrl, ada.accessToken);

    await api()
      .patch(`/api/admin/users/${ada.user.id}/roles`)
      .set(bearer(admin.accessToken))
      .send({ roles: ['user', 'admin'] })
      .expect(200);

    const { user } = await tab.next(ServerEvent.UserUpdated);
    expect(user).toMatchObject({ id: ada.user.id, roles: ['user', 'admin'] });
    tab.close();
  });
});
