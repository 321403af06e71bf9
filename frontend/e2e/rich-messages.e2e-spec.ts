import type { BrowserContext, Locator, Page } from 'playwright-core';
import request from 'supertest';

import {
  bearer,
  befriendAndOpenChat,
  createGroup,
  newClientId,
  type SignedUp,
  signUp as signUpApi,
} from '../../backend/test/support/builders';
import { logIn } from './support/auth';
import { expectNoSeriousAxeViolations } from './support/axe';
import { browserSuite } from './support/suite';

jest.setTimeout(180_000);

/** Set to a directory to keep screenshots (1280 and 375 px, light and dark) of the picker, a reply and the forward dialog. */
const SCREENSHOT_DIR = process.env.RICH_SCREENSHOTS;

describe('replies, reactions and forwarding (browser, two people live)', () => {
  const suite = browserSuite();

  it('Ada replies to an old message and a recent one, Ben jumps to the original, reacts via the picker search, and Ada forwards to a group', async () => {
    const [ada, ben, cleo] = await Promise.all(
      ['Ada Lovelace', 'Ben Bitdiddle', 'Cleo Castle'].map((displayName) =>
        signUpApi(suite.app.baseUrl, { displayName }),
      ),
    );
    const chat = await befriendAndOpenChat(suite.app.baseUrl, ada, ben);
    const crew = await createGroup(suite.app.baseUrl, ada, [cleo], 'Launch crew');
    const send = sender(suite.app.baseUrl, chat);
    // The original is old: more than two pages of messages came after it, so a jump loads the history around it.
    const originalId = await send(ben, 'The launch checklist is in the shared folder');
    for (let i = 1; i <= 120; i++) await send(i % 2 ? ada : ben, `Filler message ${i}`);
    const recentId = await send(ben, 'Fuel is loaded');
    // Both have read it all: the chat opens at the newest page, not at a first unread message far back.
    for (const reader of [ada, ben]) {
      await request(suite.app.baseUrl)
        .post(`/api/conversations/${chat}/read`)
        .set(bearer(reader.accessToken))
        .send({ upTo: recentId })
        .expect(204);
    }

    const adaPage = await openAs(await suite.newContext(), ada);
    const benPage = await openAs(await suite.newContext(), ben);
    const cspViolations: string[] = [];
    await Promise.all([watchCsp(adaPage, cspViolations), watchCsp(benPage, cspViolations)]);
    await benPage.goto(`${suite.url}/c/${chat}`);
    await message(benPage, recentId).waitFor();
    const list = benPage.getByRole('region', { name: 'Messages with Ada Lovelace' });
    const listAtOpen = await list.boundingBox();
    await expect(message(benPage, originalId).count()).resolves.toBe(0);

    // Ada opens the chat at the old message (as a search result does) and replies to it from its menu.
    await adaPage.goto(`${suite.url}/c/${chat}?at=${originalId}`);
    await message(adaPage, originalId).waitFor();
    await actionsOf(adaPage, originalId).click();
    await adaPage.getByRole('menuitem', { name: 'Reply' }).click();
    const adaComposer = adaPage.getByLabel('Message Ben Bitdiddle');
    await focusReaches(adaComposer);
    await expect(adaPage.getByTestId('reply-bar').textContent()).resolves.toContain('The launch checklist');
    await adaComposer.fill('Thanks, I found the checklist');
    await adaComposer.press('Enter');
    await adaPage.getByTestId('reply-bar').waitFor({ state: 'detached' });

    // And with R on a recent message of Ben's, once her list is back at the newest with her reply in it.
    await byText(adaPage, 'Thanks, I found the checklist').waitFor();
    await adaPage.getByTestId('jump-to-newest').waitFor({ state: 'detached' });
    await actionsOf(adaPage, recentId).focus();
    await adaPage.keyboard.press('r');
    await focusReaches(adaComposer);
    await expect(adaPage.getByTestId('reply-bar').textContent()).resolves.toContain('Fuel is loaded');
    await adaComposer.fill('Ready for lift-off');
    await adaComposer.press('Enter');

    // Ben sees both replies live, each with its quote.
    const firstReply = byText(benPage, 'Thanks, I found the checklist');
    const secondReply = byText(benPage, 'Ready for lift-off');
    await secondReply.waitFor();
    await expect(firstReply.getByTestId('reply-quote').textContent()).resolves.toContain('The launch checklist');
    await expect(secondReply.getByTestId('reply-quote').textContent()).resolves.toContain('Fuel is loaded');
    // What it shows is its name (label in name), framed for screen readers.
    await firstReply
      .getByRole('button', {
        name: 'Reply to You The launch checklist is in the shared folder Show the original',
        exact: true,
      })
      .waitFor();
    await screenshots(benPage, 'reply');

    // The quote's original is not loaded in Ben's view: clicking it opens the history around it, highlighted.
    await firstReply.getByTestId('reply-quote').click();
    const original = message(benPage, originalId);
    await original.waitFor();
    await expect(original.getAttribute('data-highlighted')).resolves.toBe('true');
    await focusReaches(original);
    await benPage.getByText('Filler message 1', { exact: true }).waitFor();

    // Back at the newest, Ben reacts to Ada's reply through the picker's search, from the keyboard. Bringing a message
    // into view centred (as find-in-page does) scrolls the list, not the clipped page around it.
    await benPage.getByTestId('jump-to-newest').click();
    await benPage.getByTestId('jump-to-newest').waitFor({ state: 'detached' });
    await list.evaluate((el) => (el.scrollTop = 0));
    await secondReply.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    expect(await list.boundingBox()).toEqual(listAtOpen);
    await secondReply.getByRole('button', { name: 'Message actions' }).focus();
    await benPage.keyboard.press('Enter');
    await benPage.getByRole('menuitem', { name: 'React' }).press('Enter');
    const search = benPage.getByRole('combobox', { name: 'Search emoji' });
    await search.waitFor();
    await focusReaches(search);
    // Opened under the newest message, the whole picker is scrolled into view within the list; the page around the
    // list stays where it was (its header in sight) through the jumps, the hovering and the focusing.
    const pickerBox = await benPage.getByTestId('reaction-picker').boundingBox();
    const listBox = await list.boundingBox();
    expect(pickerBox!.y + pickerBox!.height).toBeLessThanOrEqual(listBox!.y + listBox!.height);
    expect(listBox).toEqual(listAtOpen);
    await search.fill('rocket');
    // Its name starts with the emoji, then the words it is found by ("🚀, rocket"); 🧑‍🚀 is found too.
    const rocket = benPage.getByRole('option', { name: /^🚀,/ });
    await rocket.waitFor();
    await expectNoSeriousAxeViolations(benPage);
    await expectNoSeriousAxeViolationsInDark(benPage);
    await screenshots(benPage, 'picker');
    await rocket.click();
    await benPage.getByTestId('reaction-picker').waitFor({ state: 'detached' });

    // Ada sees it live: the count and who reacted.
    const adaSecondReply = byText(adaPage, 'Ready for lift-off');
    const adaChip = adaSecondReply.getByTestId('reaction');
    await adaChip.waitFor();
    await expect(adaChip.getAttribute('aria-label')).resolves.toBe('🚀 1 by Ben Bitdiddle');
    await expect(adaChip.getAttribute('aria-pressed')).resolves.toBe('false');
    await expect(adaChip.innerText()).resolves.toMatch(/🚀\s*1/);
    await expectNoSeriousAxeViolationsInDark(adaPage);
    await screenshots(adaPage, 'reactions');

    // Ben takes it back; it goes for Ada too.
    const benChip = secondReply.getByTestId('reaction');
    await expect(benChip.getAttribute('aria-pressed')).resolves.toBe('true');
    await benChip.click();
    await adaChip.waitFor({ state: 'detached' });

    // Ada forwards her reply to the group, found by typing its name.
    await adaSecondReply.hover();
    await adaSecondReply.getByRole('button', { name: 'Message actions' }).click();
    await adaPage.getByRole('menuitem', { name: 'Forward' }).click();
    const dialog = adaPage.getByRole('dialog', { name: 'Forward to…' });
    // People and groups are told apart: a group says so.
    await dialog.getByRole('button', { name: 'Launch crew Group', exact: true }).waitFor();
    await dialog.getByRole('button', { name: 'Ben Bitdiddle', exact: true }).waitFor();
    await screenshots(adaPage, 'forward');
    await dialog.getByRole('searchbox', { name: 'Find a conversation' }).fill('launch');
    await expect(dialog.getByTestId('forward-target').count()).resolves.toBe(1);
    await dialog.getByTestId('forward-target').click();
    await adaPage.getByRole('status').filter({ hasText: 'Forwarded to Launch crew' }).waitFor();
    const forwarded = await request(suite.app.baseUrl)
      .get(`/api/conversations/${crew}/messages`)
      .set(bearer(cleo.accessToken))
      .expect(200);
    expect(forwarded.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ text: 'Ready for lift-off', forwarded: true })]),
    );

    expect(cspViolations).toEqual([]);
  });

  /** Signs in and watches the page for errors; the chat list is where the person lands. */
  async function openAs(context: BrowserContext, person: SignedUp): Promise<Page> {
    const page = await context.newPage();
    suite.watch(page);
    await page.goto(`${suite.url}/login`);
    await logIn(page, person.input.username, person.input.password);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    return page;
  }

  async function screenshots(page: Page, name: string): Promise<void> {
    if (!SCREENSHOT_DIR) return;
    const size = page.viewportSize();
    for (const width of [1280, 375]) {
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.setViewportSize({ width, height: 800 });
        await page.emulateMedia({ colorScheme });
        await page.screenshot({ path: `${SCREENSHOT_DIR}/rich-${name}-${width}-${colorScheme}.png` });
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    if (size) await page.setViewportSize(size);
  }
});

/** Sends over the API, waiting out the rate limit when a seed is quicker than a person. */
function sender(baseUrl: string, conversationId: string) {
  const send = async (from: SignedUp, text: string): Promise<string> => {
    const res = await request(baseUrl)
      .post(`/api/conversations/${conversationId}/messages`)
      .set(bearer(from.accessToken))
      .send({ clientId: newClientId(), text });
    if (res.status === 429) {
      await new Promise((resolve) => setTimeout(resolve, res.body.retryAfterMs));
      return send(from, text);
    }
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  return send;
}

/**
 * Adds every Content Security Policy violation in the page to `violations` (from the document's
 * `securitypolicyviolation` events and the console) while the test runs, from the next navigation on.
 */
async function watchCsp(page: Page, violations: string[]): Promise<void> {
  page.on('console', (entry) => {
    if (entry.text().includes('Content Security Policy')) violations.push(`console: ${entry.text()}`);
  });
  await page.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
  // An init script runs through the DevTools protocol, before the app's own scripts, and the CSP does not apply to it.
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation(
        `${event.violatedDirective}: ${event.blockedURI}`,
      ),
    ),
  );
}

/** The same bar in dark mode (the quote on my own bubble, the chips, the picker's colours). */
async function expectNoSeriousAxeViolationsInDark(page: Page): Promise<void> {
  await page.emulateMedia({ colorScheme: 'dark' });
  // Colours fade to the dark ones (transition-colors): measure the contrast once they are there.
  await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));
  await expectNoSeriousAxeViolations(page);
  await page.emulateMedia({ colorScheme: 'light' });
}

function message(page: Page, id: string): Locator {
  return page.locator(`[data-message-id="${id}"]`);
}

function byText(page: Page, text: string): Locator {
  return page.locator('[data-message-id]').filter({ has: page.getByText(text, { exact: true }) });
}

function actionsOf(page: Page, id: string): Locator {
  return message(page, id).getByRole('button', { name: 'Message actions' });
}

/** Waits until it has focus (moved there after the next render), inside a shadow root too (the picker's search). */
async function focusReaches(locator: Locator): Promise<void> {
  const element = await locator.elementHandle();
  await locator.page().waitForFunction((el) => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return el === active;
  }, element);
}
