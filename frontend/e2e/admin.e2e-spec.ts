import type { Browser, BrowserContext, Page } from 'playwright-core';

import { startTestApp, type TestApp } from '../../backend/test/support/test-app';
import { buildSignup, signUp } from './support/auth';
import { launchBrowser, type PageErrors, watchPageErrors } from './support/browser';

jest.setTimeout(60_000);

const ADMIN_EMAIL = 'boss@example.com';

describe('admin console (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  let url: string;
  const contexts: BrowserContext[] = [];
  const watched: PageErrors[] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ ADMIN_EMAIL }), launchBrowser()]);
    url = app.browserUrl;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    for (const errors of watched.splice(0)) expect(errors.list).toEqual([]);
  });

  /** A page in a browser context of its own (its own cookies: another person, another device). */
  async function openPage(): Promise<{ page: Page; errors: PageErrors }> {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    watched.push(errors);
    return { page, errors };
  }

  const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
  const isFocused = (page: Page, name: RegExp | string) =>
    page.getByRole('button', { name }).evaluate((element) => element === document.activeElement);

  it('bans a signed-in user, who lands on the login page with the reason; the audit log shows it', async () => {
    const { page: admin } = await openPage();
    const { page: user, errors: userErrors } = await openPage();
    await signUp(admin, url, buildSignup({ displayName: 'Ada Admin', email: ADMIN_EMAIL }));
    const bob = await signUp(user, url, buildSignup({ displayName: 'Bob Banned' }));
    expect(new URL(user.url()).pathname).toBe('/');

    await mainNav(admin).getByRole('link', { name: 'Admin' }).click();
    await admin.waitForURL(`${url}/admin`);
    expect(await admin.title()).toBe('Admin · Portal Chat');
    await admin.getByRole('img', { name: /Messages per day/ }).waitFor();

    await admin.getByLabel('Search users').fill(bob.username);
    await admin
      .getByRole('status')
      .filter({ hasText: `1 user matching “${bob.username}”` })
      .waitFor();
    const row = admin.getByRole('row').filter({ hasText: `@${bob.username}` });
    expect(await admin.getByRole('row').count()).toBe(2); // the header and Bob
    expect(await row.textContent()).toContain('Active');

    // Escape backs out without banning, and focus returns to the button that opened the dialog.
    const dialog = admin.getByRole('dialog', { name: 'Ban Bob Banned?' });
    await row.getByRole('button', { name: /^Ban/ }).click();
    await dialog.waitFor();
    expect(await isFocused(admin, 'Cancel')).toBe(true);
    await admin.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await row.getByRole('button', { name: /^Ban/ }).evaluate((el) => el === document.activeElement)).toBe(true);

    // The server closes Bob's socket; his refresh would now be refused as well.
    userErrors.expectFailure(403, '/api/auth/refresh');
    await row.getByRole('button', { name: /^Ban/ }).click();
    await dialog.getByRole('button', { name: 'Ban user' }).click();

    await user.waitForURL(`${url}/login`);
    await user.getByRole('alert').filter({ hasText: 'Your account has been suspended by an administrator' }).waitFor();

    await row.getByText('Banned', { exact: true }).waitFor();
    await row.getByRole('button', { name: /^Unban/ }).waitFor();
    await admin.getByRole('status').filter({ hasText: 'Bob Banned is banned' }).waitFor();
    await admin.getByTestId('audit-entry').filter({ hasText: 'Ada Admin banned Bob Banned' }).waitFor();

    // On a phone the table turns into cards, and nothing sticks out sideways.
    await admin.setViewportSize({ width: 375, height: 740 });
    await admin
      .getByTestId(`user-card-${bob.username}`)
      .getByRole('button', { name: /^Unban/ })
      .waitFor();
    expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });

  it('keeps people who are not admins out of /admin', async () => {
    const { page } = await openPage();
    await signUp(page, url);
    expect(await mainNav(page).getByRole('link', { name: 'Admin' }).count()).toBe(0);

    await page.goto(`${url}/admin`);
    await page.waitForURL(`${url}/`);
    expect(await mainNav(page).getByRole('link', { name: 'Chats' }).getAttribute('aria-current')).toBe('page');
  });
});
