import type { Page } from 'playwright-core';
import request from 'supertest';

import {
  bearer,
  befriendAndOpenChat,
  newClientId,
  type SignedUp,
  signUp as signUpApi,
} from '../../backend/test/support/builders';
import { logIn } from './support/auth';
import { openFriendsPanel, personIn, searchFor } from './support/friends';
import { browserSuite } from './support/suite';

jest.setTimeout(60_000);

describe('focus and keyboard (browser)', () => {
  const suite = browserSuite();

  async function signIn(person: SignedUp): Promise<Page> {
    const page = await (await suite.newContext()).newPage();
    suite.watch(page);
    await page.goto(`${suite.url}/login`);
    await logIn(page, person.input.username, person.input.password);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    return page;
  }

  /** Who has focus: the element's tag, id and accessible text, enough to tell the composer from <body>. */
  const focused = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement;
      return el ? `${el.tagName.toLowerCase()}#${el.id}:${(el.textContent ?? '').trim().slice(0, 40)}` : 'none';
    });
  const announced = (page: Page) => page.getByTestId('route-announcer').textContent();
  const chatLink = (page: Page, name: RegExp) => page.getByRole('list', { name: 'Chats' }).getByRole('link', { name });

  async function withTwoChats() {
    const ada = await signUpApi(suite.app.baseUrl, { displayName: 'Ada Lovelace' });
    const grace = await signUpApi(suite.app.baseUrl, { displayName: 'Grace Hopper' });
    const alan = await signUpApi(suite.app.baseUrl, { displayName: 'Alan Turing' });
    const withGrace = await befriendAndOpenChat(suite.app.baseUrl, ada, grace);
    const withAlan = await befriendAndOpenChat(suite.app.baseUrl, ada, alan);
    for (const [from, id] of [
      [alan, withAlan],
      [grace, withGrace],
    ] as const) {
      await request(suite.app.baseUrl)
        .post(`/api/conversations/${id}/messages`)
        .set(bearer(from.accessToken))
        .send({ clientId: newClientId(), text: `Hello from ${from.user.displayName}` })
        .expect(201);
    }
    return { ada, withGrace, withAlan };
  }

  it('after signing in, focus is on the page heading and the page is announced, not dropped on <body>', async () => {
    const ada = await signUpApi(suite.app.baseUrl);
    const page = await signIn(ada);
    await page.getByRole('heading', { name: 'Chats', level: 1 }).waitFor({ state: 'attached' });
    await page.waitForFunction(() => document.activeElement !== document.body);
    expect(await focused(page)).toBe('h1#:Chats');
    expect(await announced(page)).toContain('Chats · Portal Chat');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile' }).click();
    await page.getByTestId('route-announcer').filter({ hasText: 'Profile · Portal Chat' }).waitFor();
  });

  it('the chat list is one Tab stop with arrow keys; Enter opens a chat in the composer; Alt+M goes there', async () => {
    const { ada, withGrace, withAlan } = await withTwoChats();
    const page = await signIn(ada);
    const grace = chatLink(page, /Grace Hopper/);
    const alan = chatLink(page, /Alan Turing/);
    await alan.waitFor();
    // Most recent first: Grace wrote last. Only the first entry is in the Tab order.
    expect(await grace.getAttribute('tabindex')).toBe('0');
    expect(await alan.getAttribute('tabindex')).toBe('-1');

    await grace.focus();
    await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toMatch(/^a#:.*Alan Turing/);
    await page.keyboard.press('Home');
    expect(await focused(page)).toMatch(/^a#:.*Grace Hopper/);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${suite.url}/c/${withAlan}`);
    await page.waitForFunction(() => document.activeElement?.id === 'composer');

    // Back in the list (now on Alan, the open chat), Alt+M returns to the message box without 28 Tabs.
    await alan.focus();
    await page.keyboard.press('ArrowUp');
    expect(await focused(page)).toMatch(/^a#:.*Grace Hopper/);
    await page.keyboard.press('Alt+KeyM');
    expect(await focused(page)).toBe('textarea#composer:');
    // Assistive technology can tell people the shortcut.
    expect(await page.locator('#composer').getAttribute('aria-keyshortcuts')).toBe('Alt+M');

    // Opening another chat with the mouse also lands in its composer.
    await grace.click();
    await page.waitForURL(`${suite.url}/c/${withGrace}`);
    await page.waitForFunction(() => document.activeElement?.id === 'composer');
  });

  it('after confirming a delete, focus goes on to the composer', async () => {
    const { ada, withGrace } = await withTwoChats();
    const page = await signIn(ada);
    await page.goto(`${suite.url}/c/${withGrace}`);
    const composer = page.getByRole('textbox', { name: /^Message / });
    await composer.fill('A message to take back');
    await composer.press('Enter');
    const messages = page.getByRole('region', { name: /^Messages with/ });
    const mine = messages.getByRole('listitem').filter({ hasText: 'A message to take back' });
    // The keyboard way: Tab from the composer's side reaches the message's menu; Enter opens it.
    await mine.getByRole('button', { name: 'Message actions' }).focus();
    await page.keyboard.press('Enter');
    // The menu opens with its first item focused.
    await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'menuitem');
    expect(await focused(page)).toMatch(/^button#:Reply/);
    // Past React, Forward and Edit to Delete.
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toMatch(/^button#:Delete message/);
    await page.keyboard.press('Enter');
    await page.getByRole('group', { name: 'Delete this message?' }).getByRole('button', { name: 'Delete' }).click();
    await messages.getByRole('listitem').filter({ hasText: 'Message deleted' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'composer');
  });

  it('after a friend action focus stays with that person (their row, or the profile card), not on <body>', async () => {
    const ada = await signUpApi(suite.app.baseUrl, { displayName: 'Ada Lovelace' });
    const grace = await signUpApi(suite.app.baseUrl, { displayName: 'Grace Hopper' });
    const pageA = await signIn(ada);
    await openFriendsPanel(pageA);
    const result = await searchFor(pageA, grace.input.username, 'Grace Hopper');
    await result.getByRole('button', { name: 'Add friend' }).click();
    await pageA.waitForFunction(() => document.activeElement !== document.body);
    expect(await pageA.evaluate(() => document.activeElement?.closest('li')?.textContent)).toContain('Grace Hopper');

    const pageB = await signIn(grace);
    await openFriendsPanel(pageB);
    await personIn(pageB, 'Incoming requests', 'Ada Lovelace').getByRole('button', { name: 'Accept' }).click();
    await personIn(pageB, 'Friends', 'Ada Lovelace').waitFor();
    await pageB.waitForFunction(() => document.activeElement !== document.body);
    expect(await pageB.evaluate(() => document.activeElement?.closest('li')?.textContent)).toContain('Ada Lovelace');

    // In the profile card, confirming "Unfriend" leaves focus on the card's next action.
    await personIn(pageB, 'Friends', 'Ada Lovelace')
      .getByRole('button', { name: /^Ada Lovelace/ })
      .click();
    const card = pageB.getByRole('dialog', { name: 'Ada Lovelace' });
    await card.getByRole('button', { name: 'Unfriend' }).click();
    await card.getByRole('button', { name: 'Yes, unfriend' }).click();
    await card.getByRole('button', { name: 'Add friend' }).waitFor();
    await pageB.waitForFunction(() => document.activeElement?.closest('dialog') !== null);
  });

  it('after saving the profile, focus stays in the form (the Save button turns disabled and lets go of it)', async () => {
    const ada = await signUpApi(suite.app.baseUrl);
    const page = await signIn(ada);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile' }).click();
    await page.getByLabel('Display name').fill('Countess Lovelace');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'displayName');
  });
});
