import type { Browser, BrowserContext, Page } from 'playwright-core';

import { startTestApp, type TestApp } from '../../backend/test/support/test-app';
import { buildSignup, logIn, signUp } from './support/auth';
import { launchBrowser, type PageErrors, watchPageErrors } from './support/browser';

jest.setTimeout(60_000);

describe('signing up, staying signed in, signing out (browser)', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: PageErrors;
  let url: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    url = app.browserUrl;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
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

  const profileName = () => page.getByTestId('profile-display-name');

  it('signs up, survives a reload, edits the profile and signs out', async () => {
    const person = await signUp(page, url, buildSignup({ displayName: 'Ada Lovelace' }));
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByRole('heading', { name: 'Your chats will appear here' }).waitFor();
    expect(await page.title()).toBe('Chats · Portal Chat');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile' }).click();
    await page.waitForURL(`${url}/profile`);
    expect(await profileName().textContent()).toContain('Ada Lovelace');
    expect(await page.getByTestId('profile-username').textContent()).toContain(`@${person.username}`);

    // The access token lives only in memory: a reload must restore the session from the refresh cookie.
    await page.reload();
    await profileName().waitFor();
    expect(page.url()).toBe(`${url}/profile`);
    expect(await profileName().textContent()).toContain('Ada Lovelace');
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).toBe(
      '{}{}',
    );

    await page.getByLabel('Display name').fill('Countess Lovelace');
    await page.getByLabel('Bio').fill('Analytical engines, mostly.');
    await page.getByLabel('Read receipts').uncheck();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    expect(await profileName().textContent()).toContain('Countess Lovelace');

    await page.reload();
    await profileName().waitFor();
    expect(await profileName().textContent()).toContain('Countess Lovelace');
    expect(await page.getByLabel('Read receipts').isChecked()).toBe(false);

    await page.getByRole('main').getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(`${url}/login`);

    await page.goto(`${url}/profile`);
    await page.waitForURL(`${url}/login?returnUrl=%2Fprofile`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  });

  it('shows a wrong password, then signs in and returns to the page asked for', async () => {
    const person = await signUp(page, url);
    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${url}/login`);

    await page.goto(`${url}/profile`);
    await page.waitForURL(`${url}/login?returnUrl=%2Fprofile`);
    pageErrors.expectFailure(401, '/api/auth/login');
    await logIn(page, person.username, 'not-the-password');
    const alert = page.getByRole('alert').filter({ hasText: /\w/ });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/\w/);
    expect(page.url()).toBe(`${url}/login?returnUrl=%2Fprofile`);

    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${url}/profile`);
    await profileName().waitFor();
  });

  it('shows the server error next to the field when the username is taken', async () => {
    const first = await signUp(page, url);
    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${url}/login`);

    await page.goto(`${url}/signup`);
    const second = buildSignup({ username: first.username });
    await page.getByLabel('Username').fill(second.username);
    await page.getByLabel('Email').fill(second.email);
    await page.getByLabel('Password').fill(second.password);
    pageErrors.expectFailure(409, '/api/auth/signup');
    await page.getByRole('button', { name: 'Create account' }).click();
    const fieldError = page.locator('#username-error');
    await fieldError.waitFor();
    expect(await page.getByLabel('Username').getAttribute('aria-invalid')).toBe('true');
    expect(new URL(page.url()).pathname).toBe('/signup');
  });

  it('signs out the other tabs too', async () => {
    await signUp(page, url);
    const otherTab = await context.newPage();
    const otherErrors = watchPageErrors(otherTab);
    await otherTab.goto(`${url}/profile`);
    await otherTab.getByTestId('profile-display-name').waitFor();

    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${url}/login`);
    await otherTab.waitForURL(`${url}/login?returnUrl=%2Fprofile`);
    expect(otherErrors.list).toEqual([]);
  });

  it('"sign out everywhere" ends the session in another browser', async () => {
    const person = await signUp(page, url);
    const laptop = await browser.newContext();
    try {
      const other = await laptop.newPage();
      await other.goto(`${url}/login`);
      await logIn(other, person.email, person.password);
      await other.getByRole('navigation', { name: 'Main' }).waitFor();

      await page.goto(`${url}/profile`);
      await page.getByRole('button', { name: 'Sign out everywhere' }).click();
      await page.getByRole('button', { name: 'Yes, sign out everywhere' }).click();
      await page.waitForURL(`${url}/login`);

      await other.goto(`${url}/profile`);
      await other.waitForURL(`${url}/login?returnUrl=%2Fprofile`);
    } finally {
      await laptop.close();
    }
  });

  it('takes a visitor with no session (refresh answers 204) to the sign-in page without an error', async () => {
    // The server's answer to a refresh without a cookie, whatever this server version says.
    await page.route('**/api/auth/refresh', (route) => route.fulfill({ status: 204 }));
    const refreshes: number[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/api/auth/refresh') refreshes.push(response.status());
    });
    await page.goto(`${url}/profile`);
    await page.waitForURL(/\/login/);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(refreshes).toEqual([204]);
  });

  it('loads the chat list, friends, requests and blocks once at sign-up and once on a reload, none cancelled', async () => {
    const lists = ['/api/conversations', '/api/friends', '/api/friends/requests', '/api/friends/blocked'];
    let requested: string[] = [];
    const cancelled: string[] = [];
    page.on('request', (request) => {
      const { pathname, searchParams } = new URL(request.url());
      if (lists.includes(pathname)) requested.push(`${pathname} ${searchParams.get('direction') ?? ''}`.trim());
    });
    page.on('requestfailed', (request) => cancelled.push(`${request.url()} ${request.failure()?.errorText}`));
    const expected = [
      '/api/conversations',
      '/api/friends',
      '/api/friends/blocked',
      '/api/friends/requests incoming',
      '/api/friends/requests outgoing',
    ];

    await signUp(page, url, buildSignup());
    await page.getByText('Your chats will appear here').waitFor();
    await page.waitForLoadState('networkidle');
    expect(requested.sort()).toEqual(expected);

    requested = [];
    await page.reload();
    await page.getByText('Your chats will appear here').waitFor();
    await page.waitForLoadState('networkidle');
    expect(requested.sort()).toEqual(expected);
    expect(cancelled).toEqual([]);
  });
});
