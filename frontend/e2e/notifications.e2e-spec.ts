import type { Page } from 'playwright-core';
import request from 'supertest';

import { bearer, befriendAndOpenChat, newClientId, type SignedUp, signUp } from '../../backend/test/support/builders';
import { logIn } from './support/auth';
import { browserSuite } from './support/suite';

jest.setTimeout(60_000);

interface Shown {
  title: string;
  body: string;
}
type NotificationWindow = {
  __shown: Shown[];
  __click: (index: number) => void;
  __setHidden: (hidden: boolean) => void;
};

describe('notifications outside the tab (browser)', () => {
  const suite = browserSuite();

  /**
   * A signed-in page whose browser granted notifications. It records the notifications it shows (headless Chromium
   * draws none) and can be put in the background as switching tabs would (headless pages never are).
   */
  async function openAs(person: SignedUp): Promise<Page> {
    const context = await suite.newContext();
    await context.grantPermissions(['notifications'], { origin: suite.url });
    await context.addInitScript(() => {
      const page = window as unknown as NotificationWindow;
      const Native = window.Notification;
      const shown: Notification[] = [];
      page.__shown = [];
      page.__click = (index) => shown[index].onclick?.(new Event('click'));
      class Recorded extends Native {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          shown.push(this);
          page.__shown.push({ title, body: options?.body ?? '' });
        }
      }
      window.Notification = Recorded;
      let hidden = false;
      Object.defineProperty(document, 'visibilityState', { get: () => (hidden ? 'hidden' : 'visible') });
      Object.defineProperty(document, 'hidden', { get: () => hidden });
      page.__setHidden = (value) => {
        hidden = value;
        document.dispatchEvent(new Event('visibilitychange'));
      };
    });
    const page = await context.newPage();
    const errors = suite.watch(page);
    // Test browsers are incognito, where Chromium has no push service: subscribing to Web Push logs this and fails.
    page.on('console', () => {
      const rest = errors.list.filter((entry) => !entry.includes('does not support the Push API in incognito mode'));
      errors.list.splice(0, errors.list.length, ...rest);
    });
    await page.goto(`${suite.url}/login`);
    await logIn(page, person.input.username, person.input.password);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    return page;
  }

  const send = (from: SignedUp, conversationId: string, text: string) =>
    request(suite.app.baseUrl)
      .post(`/api/conversations/${conversationId}/messages`)
      .set(bearer(from.accessToken))
      .send({ clientId: newClientId(), text })
      .expect(201);
  const shown = (page: Page) => page.evaluate(() => (window as unknown as NotificationWindow).__shown);
  const setHidden = (page: Page, hidden: boolean) =>
    page.evaluate((value) => (window as unknown as NotificationWindow).__setHidden(value), hidden);
  const nthShown = (page: Page, count: number) =>
    page.waitForFunction((n) => (window as unknown as NotificationWindow).__shown.length >= n, count);

  it('notifies a hidden tab after the person turned it on; a click opens that chat; a muted chat stays silent', async () => {
    const ada = await signUp(suite.app.baseUrl, { displayName: 'Ada Lovelace' });
    const bob = await signUp(suite.app.baseUrl, { displayName: 'Bob Builder' });
    const carol = await signUp(suite.app.baseUrl, { displayName: 'Carol Danvers' });
    const withAda = await befriendAndOpenChat(suite.app.baseUrl, ada, bob);
    const withCarol = await befriendAndOpenChat(suite.app.baseUrl, carol, bob);
    const page = await openAs(bob);

    // Turned on in the profile, by a click (the browser is never asked on load).
    await page
      .getByRole('link', { name: /profile/i })
      .first()
      .click();
    const settings = page.getByRole('region', { name: 'Notifications' });
    await settings.getByRole('button', { name: 'Turn on' }).click();
    await settings.getByTestId('desktop-status').filter({ hasText: 'On for this device' }).waitFor();

    // Bob reads Carol's chat, then switches to another tab: Ada's message there is shown as a notification.
    await page.goto(`${suite.url}/c/${withCarol}`);
    await page.getByRole('textbox', { name: /^Message / }).waitFor();
    await setHidden(page, true);
    await send(ada, withAda, 'Are you coming to lunch?');
    await nthShown(page, 1);
    expect(await shown(page)).toEqual([{ title: 'Ada Lovelace', body: 'Are you coming to lunch?' }]);

    // Clicking it brings the tab forward on Ada's chat.
    await setHidden(page, false);
    await page.evaluate(() => (window as unknown as NotificationWindow).__click(0));
    await page.waitForURL(`${suite.url}/c/${withAda}`);

    // Bob mutes Ada's chat from its header; in the background again, only Carol's message is shown.
    await page.getByTestId('mute-button').click();
    await page.getByTestId('mute-forever').click();
    await page.getByRole('button', { name: 'Muted until you unmute' }).waitFor();
    await page
      .getByRole('list', { name: 'Chats' })
      .getByRole('link', { name: /Carol Danvers/ })
      .click();
    await page.waitForURL(`${suite.url}/c/${withCarol}`);
    await setHidden(page, true);
    await send(ada, withAda, 'Muted message');
    await send(carol, withCarol, 'Not muted');
    await nthShown(page, 2);
    expect(await shown(page)).toEqual([
      { title: 'Ada Lovelace', body: 'Are you coming to lunch?' },
      { title: 'Carol Danvers', body: 'Not muted' },
    ]);
    // The muted message still counts as unread, beside Carol's (unread while the tab is hidden).
    await page.waitForFunction(() => document.title.startsWith('(2)'));
  });
});
