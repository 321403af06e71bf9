import { mkdirSync } from 'node:fs';

import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';

import { startTestApp, type TestApp } from '../../backend/test/support/test-app';
import { buildSignup, signUp } from './support/auth';
import { axeViolations } from './support/axe';
import { launchBrowser, type PageErrors, watchPageErrors } from './support/browser';

jest.setTimeout(90_000);

const ADMIN_EMAIL = 'boss@example.com';
/** Set SCREENSHOTS=<dir> to keep 1280/375 px, light/dark pictures of the pages this spec visits. */
const SCREENSHOTS = process.env.SCREENSHOTS;

async function screenshots(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const width of [1280, 375]) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: `${SCREENSHOTS}/${name}-${width}-${scheme}.png`, fullPage: true });
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('service tokens (browser)', () => {
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

  async function openPage(): Promise<Page> {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    contexts.push(context);
    const page = await context.newPage();
    watched.push(watchPageErrors(page));
    return page;
  }

  it('an admin creates a token, sees the secret once, copies it, and revokes it; the person sees the Bot', async () => {
    const admin = await openPage();
    const person = await openPage();
    await signUp(admin, url, buildSignup({ displayName: 'Ada Admin', email: ADMIN_EMAIL }));
    const grace = await signUp(person, url, buildSignup({ displayName: 'Grace Hopper' }));

    // From the admin overview to the tokens page, by keyboard-reachable links.
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Service tokens' }).click();
    await admin.waitForURL(`${url}/admin/tokens`);
    await admin.getByRole('heading', { name: 'Service tokens', level: 1 }).waitFor();
    await admin.getByText('No service tokens yet.').waitFor();

    await admin.getByRole('textbox', { name: 'Name' }).fill('Expense reports');
    await admin.getByRole('checkbox', { name: /conversations:read/ }).check();
    await admin.getByRole('button', { name: 'Create token' }).click();

    const secretPanel = admin.getByTestId('token-secret');
    await secretPanel.getByText("You won't see it again").waitFor();
    expect(await secretPanel.evaluate((element) => element === document.activeElement)).toBe(true);
    const token = await admin.getByRole('textbox', { name: 'Service token', exact: true }).inputValue();
    expect(token).toMatch(/^chatsvc_/);
    await secretPanel.getByRole('button', { name: 'Copy' }).click();
    await secretPanel.getByText('Copied to the clipboard.').waitFor();
    expect(await admin.evaluate(() => navigator.clipboard.readText())).toBe(token);

    const row = admin.getByTestId('token-row').filter({ hasText: 'Expense reports' });
    await row.getByText('messages:send').waitFor();
    await row.getByText('conversations:read').waitFor();
    expect(await row.textContent()).toContain('Last used');
    expect(await row.textContent()).toContain('never');
    // The page's main content (none expected; the app shell is not this spec's).
    expect(await axeViolations(admin, { include: ['main'] })).toEqual([]);
    await screenshots(admin, 'admin-tokens');

    await secretPanel.getByRole('button', { name: 'Done' }).click();
    await secretPanel.waitFor({ state: 'detached' });
    expect(await admin.content()).not.toContain(token);

    // The portal's backend notifies Grace; she sees the message live, from an account marked as a bot.
    await request(url)
      .post('/api/service/messages')
      .set('Authorization', `Bearer ${token}`)
      .send({ to: { username: grace.username }, text: 'Your expense report was approved', clientId: 'expense-1-ok' })
      .expect(201);
    const chat = person.getByTestId('conversation-expense_reports');
    await chat.getByTestId('service-badge').waitFor();
    await chat.click();
    await person.getByTestId('message-bubble').getByText('Your expense report was approved').waitFor();
    await person.getByTestId('chat-title').getByTestId('service-badge').waitFor();
    const note = person.getByTestId('reply-closed');
    await note.getByText("This is an automated account; you can't reply.").waitFor();
    expect(await person.locator('#composer').count()).toBe(0);
    // What this feature adds to the chat: the header's badge and the note in place of the composer.
    expect(
      await axeViolations(person, { include: ['[data-testid=chat-title]', '[data-testid=reply-closed]'] }),
    ).toEqual([]);
    await screenshots(person, 'chat-service');

    // Grace blocks it: the next notification is refused and nothing arrives.
    await note.getByRole('button', { name: /^Block/ }).click();
    await note.getByText('You blocked this automated account').waitFor();
    const refused = await request(url)
      .post('/api/service/messages')
      .set('Authorization', `Bearer ${token}`)
      .send({ to: { username: grace.username }, text: 'Another one', clientId: 'expense-2-ok' })
      .expect(403);
    expect(refused.body.code).toBe('recipient_unavailable');

    // The admin revokes the token, after confirming; it no longer works.
    await row.getByRole('button', { name: /^Revoke/ }).click();
    const dialog = admin.getByRole('dialog', { name: /Revoke “Expense reports”/ });
    await dialog.getByRole('button', { name: 'Revoke token' }).click();
    await admin.getByText('Revoked “Expense reports”').waitFor();
    await row.waitFor({ state: 'detached' });
    await request(url).get('/api/service/users').set('Authorization', `Bearer ${token}`).expect(401);
  });
});
