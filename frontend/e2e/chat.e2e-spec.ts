import type { Page } from 'playwright-core';
import request from 'supertest';

import { bearer, befriendAndOpenChat, type SignedUp, signUp as signUpApi } from '../../backend/test/support/builders';
import { logIn } from './support/auth';
import type { PageErrors } from './support/browser';
import { browserSuite } from './support/suite';

jest.setTimeout(60_000);

type TrackedSockets = { __sockets: WebSocket[] };

describe('private messaging between two people (browser)', () => {
  const suite = browserSuite();
  /** This test's pages' error lists (checked by the suite after each test). */
  let watched: PageErrors[] = [];
  beforeEach(() => (watched = []));

  /** A signed-in page of its own browser context (its own cookies: another person, another device). */
  async function openAs(person: SignedUp): Promise<Page> {
    const context = await suite.newContext();
    // Keeps the page's WebSockets reachable, so a test can drop the connection as a network failure would.
    await context.addInitScript(() => {
      const tracked = window as unknown as TrackedSockets;
      const Native = window.WebSocket;
      tracked.__sockets = [];
      window.WebSocket = class extends Native {
        constructor(...args: ConstructorParameters<typeof WebSocket>) {
          super(...args);
          tracked.__sockets.push(this);
        }
      };
    });
    const page = await context.newPage();
    watched.push(suite.watch(page));
    await page.goto(`${suite.url}/login`);
    await logIn(page, person.input.username, person.input.password);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    return page;
  }

  const messages = (page: Page) => page.getByRole('region', { name: /^Messages with/ });
  const composer = (page: Page) => page.getByRole('textbox', { name: /^Message / });
  const chatRow = (page: Page, name: RegExp) => page.getByRole('list', { name: 'Chats' }).getByRole('link', { name });
  const bubble = (page: Page, text: string) => messages(page).getByRole('listitem').filter({ hasText: text });

  /** The browser logs the reconnect attempts made while offline; in the tests that go offline they are expected. */
  function forgiveOfflineAttempts(): void {
    for (const { list } of watched) {
      // The test closes the page's WebSockets under socket.io: a typing event sent before socket.io hears of the
      // close makes Chromium warn that the socket is closed. Neither is the app's fault.
      const rest = list.filter(
        (entry) =>
          !entry.includes('net::ERR_INTERNET_DISCONNECTED') &&
          !entry.includes('WebSocket is already in CLOSING or CLOSED state'),
      );
      list.splice(0, list.length, ...rest);
    }
  }

  async function send(page: Page, text: string): Promise<void> {
    await composer(page).fill(text);
    await composer(page).press('Enter');
  }

  it('delivers live, counts unread until opened, shows Delivered then Seen, typing, edits and deletes', async () => {
    const ada = await signUpApi(suite.app.baseUrl, { displayName: 'Ada Lovelace' });
    const grace = await signUpApi(suite.app.baseUrl, { displayName: 'Grace Hopper' });
    const conversationId = await befriendAndOpenChat(suite.app.baseUrl, ada, grace);
    const [pageA, pageB] = [await openAs(ada), await openAs(grace)];

    await chatRow(pageA, /Grace Hopper/).click();
    await pageA.waitForURL(`${suite.url}/c/${conversationId}`);
    await pageA.getByText('No messages yet. Say hello!').waitFor();
    await chatRow(pageB, /Ada Lovelace/).waitFor();

    // Grace is on her chat list, not in the conversation: the message arrives (Delivered) but stays unread.
    await send(pageA, 'Hello Grace');
    await bubble(pageA, 'Hello Grace').waitFor();
    const badge = chatRow(pageB, /Ada Lovelace/).getByTestId('unread-badge');
    await badge.waitFor();
    expect((await badge.textContent())?.trim()).toMatch(/^1\b/);
    expect(await chatRow(pageB, /Ada Lovelace/).textContent()).toContain('Hello Grace');
    await pageA.getByTestId('receipt').filter({ hasText: 'Delivered' }).waitFor();
    expect(await pageA.getByTestId('receipt').textContent()).toBe('Delivered');
    await pageB.waitForFunction(() => document.title === '(1) Chats · Portal Chat');

    // Opening the conversation reads it: the badge goes, Ada sees "Seen".
    await chatRow(pageB, /Ada Lovelace/).click();
    await bubble(pageB, 'Hello Grace').waitFor();
    await badge.waitFor({ state: 'detached' });
    await pageA.getByTestId('receipt').filter({ hasText: 'Seen' }).waitFor();
    await pageB.waitForFunction(() => document.title === 'Chats · Portal Chat');

    // Typing shows on the other side, and goes away when the message is sent.
    const typing = pageB.getByTestId('typing-indicator');
    await composer(pageA).fill('Are you there?');
    await typing.filter({ hasText: 'Ada Lovelace is typing…' }).waitFor();
    await composer(pageA).press('Enter');
    await bubble(pageB, 'Are you there?').waitFor();
    await typing.filter({ hasText: /^\s*$/ }).waitFor();

    // A reply arrives live, and is announced to screen readers.
    await send(pageB, 'Yes, here!');
    await bubble(pageA, 'Yes, here!').waitFor();
    expect(await pageA.getByTestId('message-announcer').textContent()).toContain('Grace Hopper: Yes, here!');

    // Ada edits a message in place; Grace sees the new text, marked edited, without a reload.
    await bubble(pageA, 'Are you there?').getByRole('button', { name: 'Message actions' }).click();
    await pageA.getByRole('menu', { name: 'Message actions' }).getByRole('menuitem', { name: 'Edit message' }).click();
    const editor = pageA.getByRole('textbox', { name: 'Edit message' });
    await editor.fill('Are you around?');
    await editor.press('Enter');
    await bubble(pageB, 'Are you around?').filter({ hasText: '(edited)' }).waitFor();
    expect(await bubble(pageB, 'Are you there?').count()).toBe(0);

    // Escape leaves edit mode without changing anything.
    await bubble(pageA, 'Are you around?').getByRole('button', { name: 'Message actions' }).click();
    await pageA.getByRole('menuitem', { name: 'Edit message' }).click();
    await editor.fill('never sent');
    await editor.press('Escape');
    await editor.waitFor({ state: 'detached' });
    expect(await bubble(pageA, 'never sent').count()).toBe(0);

    // Ada deletes her first message after confirming; Grace sees the tombstone.
    await bubble(pageA, 'Hello Grace').getByRole('button', { name: 'Message actions' }).click();
    await pageA.getByRole('menuitem', { name: 'Delete message' }).click();
    await pageA.getByRole('group', { name: 'Delete this message?' }).getByRole('button', { name: 'Delete' }).click();
    await bubble(pageB, 'Message deleted').waitFor();
    expect(await bubble(pageB, 'Hello Grace').count()).toBe(0);
    await bubble(pageA, 'Message deleted').waitFor();

    // Everything was stored, once each and in order: a reload shows the same history.
    await pageB.reload();
    await bubble(pageB, 'Yes, here!').waitFor();
    const texts = await messages(pageB).getByTestId('message-bubble').allTextContents();
    expect(texts.map((t) => t.replace(/\s+/g, ' ').trim())).toEqual([
      'Ada Lovelace: Message deleted',
      'Ada Lovelace: Are you around? (edited)',
      'You: Yes, here!',
    ]);
  });

  it('catches up after the connection drops: nothing sent meanwhile is lost or shown twice', async () => {
    const ada = await signUpApi(suite.app.baseUrl, { displayName: 'Ada Lovelace' });
    const grace = await signUpApi(suite.app.baseUrl, { displayName: 'Grace Hopper' });
    const conversationId = await befriendAndOpenChat(suite.app.baseUrl, ada, grace);
    const [pageA, pageB] = [await openAs(ada), await openAs(grace)];
    await pageA.goto(`${suite.url}/c/${conversationId}`);
    await pageB.goto(`${suite.url}/c/${conversationId}`);
    await send(pageA, 'Before the drop');
    await bubble(pageB, 'Before the drop').waitFor();

    // Grace's network goes away and her socket with it; Ada goes on writing.
    await pageB.context().setOffline(true);
    await pageB.evaluate(() => (window as unknown as TrackedSockets).__sockets.forEach((socket) => socket.close()));
    await send(pageA, 'While you were away 1');
    await send(pageA, 'While you were away 2');
    await bubble(pageA, 'While you were away 2').waitFor();
    await pageA.getByTestId('receipt').filter({ hasText: 'Seen' }).waitFor({ state: 'detached' });
    // Long enough for a live event to have arrived, had the socket still been up.
    await pageB.waitForTimeout(1_000);
    expect(await bubble(pageB, 'While you were away').count()).toBe(0);

    await pageB.context().setOffline(false);
    await bubble(pageB, 'While you were away 2').waitFor({ timeout: 40_000 });
    const texts = await messages(pageB).getByTestId('message-bubble').allTextContents();
    expect(texts.map((t) => t.replace(/\s+/g, ' ').trim())).toEqual([
      'Ada Lovelace: Before the drop',
      'Ada Lovelace: While you were away 1',
      'Ada Lovelace: While you were away 2',
    ]);
    // Back online with the conversation open: Ada's messages are seen.
    await pageA.getByTestId('receipt').filter({ hasText: 'Seen' }).waitFor();
    forgiveOfflineAttempts();
  });

  it('keeps a message sent without a connection pending, and delivers it once by itself when back', async () => {
    const ada = await signUpApi(suite.app.baseUrl, { displayName: 'Ada Lovelace' });
    const grace = await signUpApi(suite.app.baseUrl, { displayName: 'Grace Hopper' });
    const conversationId = await befriendAndOpenChat(suite.app.baseUrl, ada, grace);
    const [pageA, pageB] = [await openAs(ada), await openAs(grace)];
    await pageA.goto(`${suite.url}/c/${conversationId}`);
    await pageB.goto(`${suite.url}/c/${conversationId}`);
    await pageA.getByText('No messages yet. Say hello!').waitFor();

    await pageA.context().setOffline(true);
    await pageA.evaluate(() => (window as unknown as TrackedSockets).__sockets.forEach((socket) => socket.close()));
    await send(pageA, 'Sent from a tunnel');
    await bubble(pageA, 'Sent from a tunnel').getByText('Sending…').waitFor();
    // Longer than a send's deadline: without a connection the message waits instead of failing.
    await pageA.waitForTimeout(11_000);
    expect(await bubble(pageA, 'Sent from a tunnel').getByText('Sending…').count()).toBe(1);
    expect(await bubble(pageA, 'Sent from a tunnel').getByRole('button', { name: 'Retry' }).count()).toBe(0);

    await pageA.context().setOffline(false);
    await bubble(pageB, 'Sent from a tunnel').waitFor({ timeout: 40_000 });
    await bubble(pageA, 'Sent from a tunnel').getByText('Sending…').waitFor({ state: 'detached' });
    await pageA.getByTestId('receipt').filter({ hasText: 'Seen' }).waitFor();
    expect(await bubble(pageA, 'Sent from a tunnel').count()).toBe(1);
    expect(await bubble(pageB, 'Sent from a tunnel').count()).toBe(1);
    forgiveOfflineAttempts();
  });

  it('starts a chat from the friends panel', async () => {
    const ada = await signUpApi(suite.app.baseUrl, { displayName: 'Ada Lovelace' });
    const grace = await signUpApi(suite.app.baseUrl, { displayName: 'Grace Hopper' });
    const invite = await request(suite.app.baseUrl)
      .post('/api/friends/requests')
      .set(bearer(ada.accessToken))
      .send({ to: grace.user.id })
      .expect(201);
    await request(suite.app.baseUrl)
      .post(`/api/friends/requests/${invite.body.id}/accept`)
      .set(bearer(grace.accessToken))
      .expect(200);
    const page = await openAs(ada);
    await page.getByRole('heading', { name: 'Your chats will appear here' }).waitFor();

    await page.getByRole('tab', { name: 'Friends' }).click();
    await page.getByRole('button', { name: 'Message Grace Hopper' }).click();
    await page.waitForURL(/\/c\/[0-9a-f]{24}$/);
    await page.getByTestId('chat-title').filter({ hasText: 'Grace Hopper' }).waitFor();
    await send(page, 'Hi from the friends list');
    await bubble(page, 'Hi from the friends list').waitFor();
    await chatRow(page, /Grace Hopper/).waitFor();
  });

  it('works on a phone-sized screen: the list at /, the conversation at /c/:id with a way back', async () => {
    const ada = await signUpApi(suite.app.baseUrl, { displayName: 'Ada Lovelace' });
    const grace = await signUpApi(suite.app.baseUrl, { displayName: 'Grace Hopper' });
    const conversationId = await befriendAndOpenChat(suite.app.baseUrl, ada, grace);
    const page = await openAs(ada);
    await page.setViewportSize({ width: 375, height: 700 });

    await chatRow(page, /Grace Hopper/).click();
    await page.waitForURL(`${suite.url}/c/${conversationId}`);
    expect(await page.getByRole('list', { name: 'Chats' }).isVisible()).toBe(false);
    await send(page, 'From my phone');
    await bubble(page, 'From my phone').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    await page.getByRole('link', { name: 'Back to chats' }).click();
    await page.waitForURL(`${suite.url}/`);
    await chatRow(page, /Grace Hopper/).waitFor();
    expect(await chatRow(page, /Grace Hopper/).textContent()).toContain('You: From my phone');
  });
});
