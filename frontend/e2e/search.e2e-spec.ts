import { getModelToken } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { Types } from 'mongoose';
import type { Page } from 'playwright-core';
import request from 'supertest';

import { Message } from '../../backend/src/messages/schemas/message.schema';
import { bearer, befriendAndOpenChat, newClientId, signUp as signUpApi } from '../../backend/test/support/builders';
import { logIn } from './support/auth';
import { expectNoSeriousAxeViolations } from './support/axe';
import { browserSuite } from './support/suite';

jest.setTimeout(120_000);

/** Set to a directory to keep screenshots of the search (1280 and 375 px, light and dark) for a look. */
const SCREENSHOT_DIR = process.env.SEARCH_SCREENSHOTS;
const DAY_MS = 24 * 60 * 60 * 1000;

describe('message search (browser)', () => {
  const suite = browserSuite();

  it('finds a three-month-old message by the start of a word and opens the conversation at it', async () => {
    const [ada, ben] = await Promise.all(
      ['Ada Lovelace', 'Ben Bitdiddle'].map((displayName) => signUpApi(suite.app.baseUrl, { displayName })),
    );
    const chat = await befriendAndOpenChat(suite.app.baseUrl, ada, ben);
    const send = async (text: string) =>
      (
        await request(suite.app.baseUrl)
          .post(`/api/conversations/${chat}/messages`)
          .set(bearer(ben.accessToken))
          .send({ clientId: newClientId(), text })
          .expect(201)
      ).body.id as string;
    const oldId = await send('The Quartalsbericht for the Zürich office is in the shared folder');
    // It was written three months ago; more than a page of messages came after it.
    const messages = suite.app.app.get<Model<Message>>(getModelToken(Message.name));
    await messages.updateOne(
      { _id: new Types.ObjectId(oldId) },
      { $set: { createdAt: new Date(Date.now() - 91 * DAY_MS) } },
    );
    for (let i = 1; i <= 70; i++) await send(`Later message number ${i}`);

    const context = await suite.newContext();
    const page = await context.newPage();
    suite.watch(page);
    await page.goto(`${suite.url}/login`);
    await logIn(page, ada.input.username, ada.input.password);
    await page.getByRole('link', { name: 'Search', exact: true }).click();

    const field = page.getByRole('searchbox', { name: 'Words to find' });
    await expect(field.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await field.fill('QUARTAL zur');
    const result = page.getByTestId('search-results').getByRole('link');
    await result.first().waitFor();
    await expect(result.count()).resolves.toBe(1);
    await expect(result.textContent()).resolves.toContain('Ben Bitdiddle');
    await expect(page.getByTestId('search-snippet').locator('mark').allTextContents()).resolves.toEqual([
      'Quartal',
      'Zür',
    ]);
    await page.getByRole('status').filter({ hasText: 'Messages found: 1' }).waitFor({ state: 'attached' });
    await expectNoSeriousAxeViolations(page);
    await screenshots(page, 'results');

    // The keyboard reaches the result from the field and opens it.
    await field.press('ArrowDown');
    await expect(result.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Enter');

    const opened = page.locator(`[data-message-id="${oldId}"]`);
    await opened.waitFor();
    await expect(opened.getAttribute('data-highlighted')).resolves.toBe('true');
    await expect(opened.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expect(opened.textContent()).resolves.toContain('Quartalsbericht');
    // In context: the messages right after it are there too.
    await page.getByText('Later message number 1', { exact: true }).waitFor();
    await expect(opened.isVisible()).resolves.toBe(true);
    await expectNoSeriousAxeViolations(page);
    await screenshots(page, 'opened');

    // Searching inside the conversation, from its header.
    await page.getByRole('link', { name: 'Search in this chat' }).click();
    await page.getByTestId('search-scope').filter({ hasText: 'In Ben Bitdiddle' }).waitFor();
    await page.getByRole('searchbox', { name: 'Words to find' }).fill('number 7');
    await page.getByTestId('search-results').getByRole('link').first().waitFor();
    await expect(page.getByTestId('search-snippet').first().textContent()).resolves.toBe('Later message number 7');
  });

  it('opens a search result in a long conversation at the message, reads on down to the newest and counts what came meanwhile', async () => {
    const [ada, ben] = await Promise.all(
      ['Ada Lovelace', 'Ben Bitdiddle'].map((displayName) => signUpApi(suite.app.baseUrl, { displayName })),
    );
    const chat = await befriendAndOpenChat(suite.app.baseUrl, ada, ben);
    const send = async (from: typeof ada, text: string): Promise<string> => {
      const res = await request(suite.app.baseUrl)
        .post(`/api/conversations/${chat}/messages`)
        .set(bearer(from.accessToken))
        .send({ clientId: newClientId(), text });
      if (res.status === 429) {
        await new Promise((resolve) => setTimeout(resolve, res.body.retryAfterMs));
        return send(from, text);
      }
      expect(res.status).toBe(201);
      return res.body.id;
    };
    const ids: string[] = [];
    for (let i = 1; i <= 300; i++) {
      ids.push(await send(i % 2 ? ben : ada, i === 5 ? 'The Zeppelin lands at five' : `Filler message ${i}`));
    }

    const context = await suite.newContext();
    const page = await context.newPage();
    suite.watch(page);
    await page.goto(`${suite.url}/login`);
    await logIn(page, ada.input.username, ada.input.password);
    await page.getByRole('link', { name: 'Search', exact: true }).click();
    await page.getByRole('searchbox', { name: 'Words to find' }).fill('zeppelin');
    const result = page.getByTestId('search-results').getByRole('link');
    await result.first().waitFor();
    await result.first().click();

    const opened = page.locator(`[data-message-id="${ids[4]}"]`);
    await opened.waitFor();
    await expect(opened.getAttribute('data-highlighted')).resolves.toBe('true');
    await expect(opened.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    // With its neighbours, not the newest page.
    await expect(page.locator(`[data-message-id="${ids[3]}"]`).count()).resolves.toBe(1);
    await expect(page.locator(`[data-message-id="${ids[5]}"]`).count()).resolves.toBe(1);
    await expect(page.locator(`[data-message-id="${ids[299]}"]`).count()).resolves.toBe(0);

    // Something new arrives while the window is far from the newest: counted, not shown in the wrong place.
    const jump = page.getByTestId('jump-to-newest');
    const liveId = await send(ben, 'Live while you read');
    await jump.getByText('1 new message').waitFor();
    await expect(page.locator(`[data-message-id="${liveId}"]`).count()).resolves.toBe(0);
    await screenshots(page, 'window');

    // Scrolling down loads newer pages until the newest, the live one last.
    const scroller = page.getByRole('region', { name: 'Messages with Ben Bitdiddle' });
    const live = page.locator(`[data-message-id="${liveId}"]`);
    for (let i = 0; i < 40 && !(await live.count()); i++) {
      await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      await page.waitForTimeout(150);
    }
    await live.waitFor();
    const order = await page
      .locator('[data-message-id]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-message-id')));
    expect(order.slice(-3)).toEqual([ids[298], ids[299], liveId]);
    expect(new Set(order).size).toBe(order.length);
    await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await jump.waitFor({ state: 'detached' });
  });

  async function screenshots(page: Page, name: string): Promise<void> {
    if (!SCREENSHOT_DIR) return;
    const size = page.viewportSize();
    for (const width of [1280, 375]) {
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.setViewportSize({ width, height: 800 });
        await page.emulateMedia({ colorScheme });
        await page.screenshot({ path: `${SCREENSHOT_DIR}/search-${name}-${width}-${colorScheme}.png` });
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    if (size) await page.setViewportSize(size);
  }
});
