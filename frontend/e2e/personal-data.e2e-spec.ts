import { readFile } from 'node:fs/promises';

import type { Page } from 'playwright-core';
import request from 'supertest';

import {
  bearer,
  befriendAndOpenChat,
  newClientId,
  type SignedUp,
  signUp as signUpApi,
} from '../../backend/test/support/builders';
import { png } from '../../backend/test/support/media-fixtures';
import { jsonEntry, unzip } from '../../backend/test/support/zip';
import { logIn } from './support/auth';
import type { PageErrors } from './support/browser';
import { browserSuite } from './support/suite';

jest.setTimeout(60_000);

const ADMIN_EMAIL = 'boss@example.com';

describe('a person’s data (browser)', () => {
  const suite = browserSuite({ ADMIN_EMAIL });

  /** A signed-in page of its own browser context (its own cookies: another person). */
  async function openAs(person: SignedUp): Promise<{ page: Page; errors: PageErrors }> {
    const context = await suite.newContext();
    const page = await context.newPage();
    const errors = suite.watch(page);
    await page.goto(`${suite.url}/login`);
    await logIn(page, person.input.username, person.input.password);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    return { page, errors };
  }

  async function sendPicture(from: SignedUp, conversationId: string, caption: string): Promise<void> {
    const api = request(suite.app.baseUrl);
    const uploaded = await api
      .post('/api/media')
      .set(bearer(from.accessToken))
      .attach('file', await png(60, 40), { filename: 'p.png', contentType: 'image/png' })
      .expect(201);
    await api
      .post(`/api/conversations/${conversationId}/messages`)
      .set(bearer(from.accessToken))
      .send({ clientId: newClientId(), mediaId: uploaded.body.id, text: caption })
      .expect(201);
  }

  const messages = (page: Page) => page.getByRole('region', { name: /^Messages with/ });

  it('downloads the data, deletes the account with the password; the friend’s open chat shows "Deleted user"', async () => {
    const ada = await signUpApi(suite.app.baseUrl, { displayName: 'Ada Lovelace' });
    const grace = await signUpApi(suite.app.baseUrl, { displayName: 'Grace Hopper' });
    const conversationId = await befriendAndOpenChat(suite.app.baseUrl, ada, grace);
    await sendPicture(ada, conversationId, 'the engine');

    const { page: gracePage } = await openAs(grace);
    await gracePage.goto(`${suite.url}/c/${conversationId}`);
    await messages(gracePage).getByTestId('message-image').waitFor();
    await gracePage.getByRole('textbox', { name: /^Message / }).waitFor();

    const { page, errors } = await openAs(ada);
    await page.goto(`${suite.url}/profile`);
    const yourData = page.getByRole('region', { name: 'Your data' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      yourData.getByRole('button', { name: 'Download my data' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^chat-data-${ada.input.username}-\\d{4}-\\d\\d-\\d\\d\\.zip$`),
    );
    const entries = await unzip(await readFile((await download.path())!));
    expect(jsonEntry(entries, 'profile.json')).toMatchObject({ id: ada.user.id, displayName: 'Ada Lovelace' });

    // A wrong password keeps the account and says so at the field; Escape backs out.
    await yourData.getByRole('button', { name: 'Delete my account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete your account?' });
    await dialog.waitFor();
    errors.expectFailure(400, '/api/users/me');
    await dialog.getByLabel('Your password').fill('not my password');
    await dialog.getByRole('button', { name: 'Delete my account for good' }).click();
    await dialog.getByText('Your password is not correct').waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(
      await yourData
        .getByRole('button', { name: 'Delete my account' })
        .evaluate((button) => button === document.activeElement),
    ).toBe(true);

    await yourData.getByRole('button', { name: 'Delete my account' }).click();
    await dialog.getByLabel('Your password').fill(ada.input.password);
    await dialog.getByRole('button', { name: 'Delete my account for good' }).click();
    await page.waitForURL(/\/login(\?|$)/);
    await page.getByRole('alert').filter({ hasText: 'Your account has been deleted' }).waitFor();

    // Grace's chat, still open: "Deleted user", no composer but the reason, the picture replaced.
    await gracePage.getByTestId('chat-title').filter({ hasText: 'Deleted user' }).waitFor();
    await gracePage.getByTestId('reply-closed').filter({ hasText: 'you can no longer reply' }).waitFor();
    expect(await gracePage.getByRole('textbox', { name: /^Message / }).count()).toBe(0);
    await messages(gracePage).getByTestId('media-removed').waitFor();
    expect(await messages(gracePage).getByTestId('message-image').count()).toBe(0);
    expect(await messages(gracePage).textContent()).toContain('the engine');
    await gracePage
      .getByRole('list', { name: 'Chats' })
      .getByRole('link', { name: /Deleted user/ })
      .waitFor();
  });

  it('lets an admin erase another account from the admin page, through a confirmation dialog', async () => {
    const boss = await signUpApi(suite.app.baseUrl, { displayName: 'Boss Admin', email: ADMIN_EMAIL });
    const bob = await signUpApi(suite.app.baseUrl, { displayName: 'Bob Leaving' });
    const { page } = await openAs(boss);
    await page.goto(`${suite.url}/admin`);
    await page.getByLabel('Search users').fill(bob.input.username);
    const row = page.getByRole('row').filter({ hasText: `@${bob.input.username}` });
    await row.waitFor();
    const erase = row.getByRole('button', { name: /^Erase/ });
    const isFocused = (locator: typeof erase) => locator.evaluate((el) => el === document.activeElement);

    const dialog = page.getByRole('dialog', { name: 'Erase Bob Leaving’s account?' });
    await erase.click();
    await dialog.waitFor();
    expect(await isFocused(dialog.getByRole('button', { name: 'Cancel' }))).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await isFocused(erase)).toBe(true);

    await erase.click();
    await dialog.getByRole('button', { name: 'Erase account' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Bob Leaving’s account and personal data were erased.' })
      .waitFor();
    await row.waitFor({ state: 'detached' });
    expect(await isFocused(page.getByRole('heading', { name: 'Users' }))).toBe(true);
    await page.getByTestId('audit-entry').filter({ hasText: 'Boss Admin' }).first().waitFor();
    await request(suite.app.baseUrl)
      .post('/api/auth/login')
      .send({ login: bob.input.username, password: bob.input.password })
      .expect(401);
  });
});
