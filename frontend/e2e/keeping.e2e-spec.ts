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
import { logIn } from './support/auth';
import { expectNoSeriousAxeViolations } from './support/axe';
import { browserSuite } from './support/suite';

jest.setTimeout(120_000);

const ADMIN_EMAIL = 'keeper@example.com';
/** Set to a directory to keep screenshots (1280 and 375 px, light and dark) for a look. */
const SCREENSHOT_DIR = process.env.KEEPING_SCREENSHOTS;

describe('keeping what was said (browser)', () => {
  const suite = browserSuite({ ADMIN_EMAIL });

  async function openAs(person: SignedUp): Promise<Page> {
    const context = await suite.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    suite.watch(page);
    await page.goto(`${suite.url}/login`);
    await logIn(page, person.input.username, person.input.password);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    return page;
  }

  async function sendText(from: SignedUp, conversationId: string, text: string): Promise<string> {
    const sent = await request(suite.app.baseUrl)
      .post(`/api/conversations/${conversationId}/messages`)
      .set(bearer(from.accessToken))
      .send({ clientId: newClientId(), text })
      .expect(201);
    return sent.body.id;
  }

  async function screenshots(page: Page, name: string): Promise<void> {
    if (!SCREENSHOT_DIR) return;
    for (const width of [1280, 375]) {
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.setViewportSize({ width, height: 800 });
        await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-${width}-${scheme}.png` });
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 800 });
  }

  const messages = (page: Page) => page.getByRole('region', { name: /^Messages with/ });
  const bubble = (page: Page, text: string) => messages(page).getByRole('listitem').filter({ hasText: text });

  it('shows an edited message’s history from "(edited)", and deletes a message for me only, in every tab', async () => {
    const ada = await signUpApi(suite.app.baseUrl, { displayName: 'Ada Lovelace' });
    const grace = await signUpApi(suite.app.baseUrl, { displayName: 'Grace Hopper' });
    const conversationId = await befriendAndOpenChat(suite.app.baseUrl, ada, grace);
    const editedId = await sendText(ada, conversationId, 'Meet at nine');
    await request(suite.app.baseUrl)
      .patch(`/api/messages/${editedId}`)
      .set(bearer(ada.accessToken))
      .send({ text: 'Meet at ten' })
      .expect(200);
    await sendText(ada, conversationId, 'Bring the notes');

    const page = await openAs(grace);
    const otherTab = await page.context().newPage();
    suite.watch(otherTab);
    for (const tab of [page, otherTab]) await tab.goto(`${suite.url}/c/${conversationId}`);
    await bubble(page, 'Bring the notes').waitFor();

    // The history opens on demand, from the keyboard, and closes back onto "(edited)".
    const edited = bubble(page, 'Meet at ten').getByRole('button', { name: '(edited)' });
    await edited.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Edit history' });
    const versions = dialog.getByTestId('edit-version');
    await versions.nth(1).waitFor();
    expect(await versions.allInnerTexts()).toEqual([
      expect.stringMatching(/^Original · .*\n+Meet at nine$/),
      expect.stringMatching(/^Now · .*\n+Meet at ten$/),
    ]);
    await expectNoSeriousAxeViolations(page);
    await screenshots(page, 'edit-history');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await edited.evaluate((element) => element === document.activeElement)).toBe(true);

    // Delete for me, on someone else's message: gone here and in my other tab, still there for Ada.
    const notes = bubble(page, 'Bring the notes');
    await notes.hover();
    await notes.getByRole('button', { name: 'Message actions' }).click();
    await page.getByRole('menuitem', { name: 'Delete for me' }).click();
    await page.getByText('Delete this message for you? Others still see it.').waitFor();
    await expectNoSeriousAxeViolations(page);
    await screenshots(page, 'delete-for-me');
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await notes.waitFor({ state: 'detached' });
    await bubble(otherTab, 'Bring the notes').waitFor({ state: 'detached' });
    const chats = page.getByRole('list', { name: 'Chats' });
    await chats.getByRole('link', { name: /Meet at ten/ }).waitFor();
    await page.reload();
    await bubble(page, 'Meet at ten').waitFor();
    expect(await bubble(page, 'Bring the notes').count()).toBe(0);

    const adaPage = await openAs(ada);
    await adaPage.goto(`${suite.url}/c/${conversationId}`);
    await bubble(adaPage, 'Bring the notes').waitFor();
  });

  it('lets an admin place a legal hold, and download an export with what was deleted under it', async () => {
    const admin = await signUpApi(suite.app.baseUrl, { displayName: 'Kim Keeper', email: ADMIN_EMAIL });
    const ada = await signUpApi(suite.app.baseUrl, { displayName: 'Ada Lovelace' });
    const grace = await signUpApi(suite.app.baseUrl, { displayName: 'Grace Hopper' });
    const conversationId = await befriendAndOpenChat(suite.app.baseUrl, ada, grace);

    const page = await openAs(admin);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Compliance' }).click();
    await page.waitForURL(`${suite.url}/admin/compliance`);
    await page.getByRole('status').filter({ hasText: 'No legal holds.' }).waitFor();

    const form = page.getByRole('form', { name: 'Place a legal hold' });
    await form.getByLabel('Username or user id').fill(ada.input.username);
    await form.getByLabel('Reason').fill('Case 2026-114');
    await form.getByRole('button', { name: 'Place hold' }).click();
    const row = page.getByTestId('hold-row').filter({ hasText: `@${ada.input.username}` });
    await row.getByText('Case 2026-114').waitFor();
    await expectNoSeriousAxeViolations(page);
    await screenshots(page, 'compliance');

    // Under the hold, Ada deletes a message: Grace sees it deleted, the export still has it.
    const secretId = await sendText(ada, conversationId, 'The numbers were adjusted');
    await request(suite.app.baseUrl).delete(`/api/messages/${secretId}`).set(bearer(ada.accessToken)).expect(200);
    const gracePage = await openAs(grace);
    await gracePage.goto(`${suite.url}/c/${conversationId}`);
    await bubble(gracePage, 'Message deleted').waitFor();
    expect(await messages(gracePage).textContent()).not.toContain('The numbers were adjusted');

    const exportForm = page.getByRole('form', { name: 'Compliance export' });
    await exportForm.getByLabel('People').fill(ada.input.username);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      exportForm.getByRole('button', { name: 'Download export' }).click(),
    ]);
    await exportForm.getByRole('status').filter({ hasText: 'Export downloaded.' }).waitFor();
    expect(download.suggestedFilename()).toMatch(/^compliance-export-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.jsonl$/);
    const lines = (await readFile((await download.path())!, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    expect(lines.find((line) => line.id === secretId)).toMatchObject({
      text: null,
      deletedAt: expect.any(String),
      versions: [expect.objectContaining({ reason: 'deleted', text: 'The numbers were adjusted' })],
    });

    // Released after a confirmation; the audit log on the overview tells both.
    await row.getByRole('button', { name: /^Release/ }).click();
    const confirm = page.getByRole('dialog', { name: /^Release the hold on/ });
    await confirm.getByRole('button', { name: 'Release hold' }).click();
    await page.getByText('No legal holds.').waitFor();
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Overview' }).click();
    const audit = page.getByTestId('audit-entry');
    await audit.filter({ hasText: 'Kim Keeper downloaded a compliance export' }).waitFor();
    await audit.filter({ hasText: 'Kim Keeper placed a legal hold on Ada Lovelace' }).waitFor();
  });
});
