import type { Browser, BrowserContext, Page } from 'playwright-core';

import { type MailCatcher, startMailCatcher } from '../../backend/test/support/mail-catcher';
import { startTestApp, type TestApp } from '../../backend/test/support/test-app';
import { buildSignup, logIn, signUp } from './support/auth';
import { launchBrowser, type PageErrors, watchPageErrors } from './support/browser';

jest.setTimeout(60_000);

describe('account lifecycle: password reset by email, verification, sessions (browser)', () => {
  let mail: MailCatcher;
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: PageErrors;
  let url: string;

  beforeAll(async () => {
    mail = await startMailCatcher();
    [app, browser] = await Promise.all([startTestApp({ SMTP_URL: mail.url }), launchBrowser()]);
    url = app.browserUrl;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await mail?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext();
    page = await context.newPage();
    pageErrors = watchPageErrors(page);
  });

  afterEach(async () => {
    await context.close();
    expect(pageErrors.list).toEqual([]);
  });

  /** Opens a mailed link on this test server (links carry APP_URL, which the test app leaves at its default). */
  async function openMailedLink(link: string | null): Promise<void> {
    const { pathname, search } = new URL(link!);
    await page.goto(`${url}${pathname}${search}`);
  }

  it('forgot password → open the link from the mail → set a new password → sign in with it', async () => {
    const person = await signUp(page, url, buildSignup());
    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${url}/login`);

    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.waitForURL(`${url}/forgot-password`);
    expect(await page.title()).toBe('Forgot password · Portal Chat');
    await page.getByLabel('Email').fill(person.email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByRole('status').filter({ hasText: 'If an account uses this address' }).waitFor();

    const sent = await mail.next(person.email, (m) => m.subject === 'Reset your Portal Chat password');
    expect(sent.text).toMatch(/expires in 30 minutes/);
    await openMailedLink(sent.link);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    const newPassword = 'difference-engine-1822';
    await page.getByLabel('New password').fill(newPassword);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('status').filter({ hasText: 'Your password has been changed' }).waitFor();

    await page.getByRole('link', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(`${url}/login`);
    pageErrors.expectFailure(401, '/api/auth/login');
    await logIn(page, person.username, person.password);
    await page.getByRole('alert').filter({ hasText: 'Wrong username, email or password' }).waitFor();
    await logIn(page, person.username, newPassword);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');

    // The link worked once; opened again it is refused and offers a new one.
    pageErrors.expectFailure(400, '/api/auth/password/reset');
    await openMailedLink(sent.link);
    await page.getByLabel('New password').fill('yet-another-passphrase');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('alert').filter({ hasText: 'invalid, expired or already used' }).waitFor();
    await page.getByRole('link', { name: 'Ask for a new link' }).waitFor();
  });

  it('shows the unverified banner until the mailed link is opened', async () => {
    const person = await signUp(page, url);
    const banner = page.getByText('Please verify your email address');
    await banner.waitFor();
    await page.getByRole('button', { name: 'Resend' }).click();
    await page.getByRole('status').filter({ hasText: 'Sent. Check your inbox.' }).waitFor();
    expect(mail.to(person.email).filter((m) => m.subject.startsWith('Confirm'))).toHaveLength(2);

    const sent = await mail.next(person.email, (m) => m.subject.startsWith('Confirm'));
    await openMailedLink(sent.link);
    await page
      .getByRole('status')
      .filter({ hasText: `${person.email} is verified` })
      .waitFor();
    await page.getByRole('link', { name: 'Go to your chats' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    // The verified account reaches this tab over the socket (user:updated), maybe just after the page changed.
    await banner.waitFor({ state: 'detached' });
    expect(await banner.count()).toBe(0);
  });

  it('lists active sessions and signs another device out from the profile page', async () => {
    const person = await signUp(page, url);
    const otherContext = await browser.newContext();
    const other = await otherContext.newPage();
    await other.goto(`${url}/login`);
    await logIn(other, person.username, person.password);
    await other.getByRole('navigation', { name: 'Main' }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile' }).click();
    const sessions = page.getByTestId('session');
    await sessions.nth(1).waitFor();
    expect(await sessions.count()).toBe(2);
    expect(await page.getByText('This device').count()).toBe(1);

    await page.getByRole('button', { name: /^Sign out Chrome on Linux/ }).click();
    await sessions.nth(1).waitFor({ state: 'detached' });
    // The other browser's socket is closed at once and it lands on the sign-in page.
    await other.waitForURL(/\/login/);
    await otherContext.close();

    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('New password').fill('a-brand-new-passphrase');
    pageErrors.expectFailure(400, '/api/auth/password/change');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.locator('#currentPassword-error').filter({ hasText: 'Your current password is not correct' }).waitFor();
    await page.getByLabel('Current password').fill(person.password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('status').filter({ hasText: 'Password changed' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/profile');
  });
});
