import type { Page } from 'playwright-core';

import { buildSignup, signUp } from './support/auth';
import { openFriendsPanel, searchFor } from './support/friends';
import { browserSuite } from './support/suite';

jest.setTimeout(60_000);

/** DIRECT_MESSAGES=everyone: colleagues who are not friends find each other and chat, no request needed. */
describe('messaging a colleague who is not a friend (browser)', () => {
  const suite = browserSuite({ DIRECT_MESSAGES: 'everyone' });

  async function person(displayName: string) {
    const page = await (await suite.newContext()).newPage();
    suite.watch(page);
    const details = await signUp(page, suite.url, buildSignup({ displayName }));
    return { page, details };
  }

  const messages = (page: Page) => page.getByRole('region', { name: /^Messages with/ });
  const composer = (page: Page) => page.getByRole('textbox', { name: /^Message / });
  const chatRow = (page: Page, name: RegExp) => page.getByRole('list', { name: 'Chats' }).getByRole('link', { name });
  const bubble = (page: Page, text: string) => messages(page).getByRole('listitem').filter({ hasText: text });
  async function send(page: Page, text: string): Promise<void> {
    await composer(page).fill(text);
    await composer(page).press('Enter');
  }

  it('finds a colleague, messages them from the search result, and both chat live and see each other online', async () => {
    const ada = await person('Ada Lovelace');
    const grace = await person('Grace Hopper');

    await ada.page.getByText('Find a colleague by name in the Friends tab and send them a message.').waitFor();
    await openFriendsPanel(ada.page);
    const result = await searchFor(ada.page, grace.details.username, 'Grace Hopper');
    await result.getByRole('button', { name: 'Add friend' }).waitFor();
    await result.getByRole('button', { name: 'Message Grace Hopper' }).click();

    await ada.page.waitForURL(/\/c\/[0-9a-f]{24}$/);
    await composer(ada.page).waitFor();
    await send(ada.page, 'Hello Grace, we have not met yet');
    await bubble(ada.page, 'Hello Grace, we have not met yet').waitFor();
    // Nobody answered yet: Grace's presence stays hers.
    expect(await ada.page.getByTestId('chat-presence').filter({ hasText: 'Online' }).count()).toBe(0);

    const fromAda = chatRow(grace.page, /Ada Lovelace/);
    await fromAda.waitFor();
    expect(await fromAda.textContent()).toContain('Hello Grace, we have not met yet');
    await fromAda.click();
    await bubble(grace.page, 'Hello Grace, we have not met yet').waitFor();
    await send(grace.page, 'Nice to meet you, Ada');

    // Both have written now: they share presence.
    await bubble(ada.page, 'Nice to meet you, Ada').waitFor();
    await ada.page.getByTestId('chat-presence').filter({ hasText: 'Online' }).waitFor();
    await grace.page.getByTestId('chat-presence').filter({ hasText: 'Online' }).waitFor();
    await grace.page.close();
    await ada.page
      .getByTestId('chat-presence')
      .filter({ hasText: /^Last seen/ })
      .waitFor();
  });
});
