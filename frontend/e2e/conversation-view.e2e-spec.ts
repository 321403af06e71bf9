import type { Page } from 'playwright-core';
import sharp from 'sharp';
import request from 'supertest';

import {
  bearer,
  befriendAndOpenChat,
  newClientId,
  type SignedUp,
  signUp as signUpApi,
} from '../../backend/test/support/builders';
import { logIn } from './support/auth';
import { browserSuite } from './support/suite';

jest.setTimeout(90_000);

/** A small PNG made on the spot, so the server stores a real picture with its size. */
function png(width: number, height: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3, 180);
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

describe('the conversation view (browser)', () => {
  const ADMIN_EMAIL = 'ada.lovelace.administrator@analytical-engines.example.com';
  const suite = browserSuite({ ADMIN_EMAIL });

  async function openAs(
    person: SignedUp,
    path: string,
    viewport = { width: 1280, height: 800 },
    options: { phone?: boolean } = {},
  ): Promise<Page> {
    const context = await suite.newContext(options.phone ? { viewport, isMobile: true, hasTouch: true } : {});
    const page = await context.newPage();
    await page.setViewportSize(viewport);
    suite.watch(page);
    await page.goto(`${suite.url}/login`);
    await logIn(page, person.input.username, person.input.password);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    if (path !== '/') await page.goto(`${suite.url}${path}`);
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

  async function sendPicture(from: SignedUp, conversationId: string, caption: string): Promise<void> {
    const upload = await request(suite.app.baseUrl)
      .post('/api/media')
      .set(bearer(from.accessToken))
      .attach('file', await png(400, 300), { filename: 'view.png', contentType: 'image/png' })
      .expect(201);
    await request(suite.app.baseUrl)
      .post(`/api/conversations/${conversationId}/messages`)
      .set(bearer(from.accessToken))
      .send({ clientId: newClientId(), text: caption, mediaId: upload.body.id })
      .expect(201);
  }

  const messages = (page: Page) => page.getByRole('region', { name: /^Messages with/ });
  const composer = (page: Page) => page.getByRole('textbox', { name: /^Message / });
  const bubble = (page: Page, text: string) => messages(page).getByRole('listitem').filter({ hasText: text });
  const jump = (page: Page) => page.getByRole('button', { name: /Jump to newest/ });
  /** Two frames: whatever the page does after a change (resize observers, scrolling) has happened. */
  const settled = (page: Page) =>
    page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  /** How far the newest message is below the visible part of the list, in pixels. */
  const belowView = (page: Page) =>
    messages(page).evaluate((el) => Math.round(el.scrollHeight - el.scrollTop - el.clientHeight));

  async function twoPeopleTalking(count: number) {
    const ada = await signUpApi(suite.app.baseUrl, { displayName: 'Ada Lovelace' });
    const grace = await signUpApi(suite.app.baseUrl, { displayName: 'Grace Hopper' });
    const conversationId = await befriendAndOpenChat(suite.app.baseUrl, ada, grace);
    let last: string | null = null;
    for (let i = 1; i <= count; i++) last = await sendText(grace, conversationId, `Line ${i} of the notes`);
    // Ada has read them all: the chat opens at the newest.
    if (last) {
      await request(suite.app.baseUrl)
        .post(`/api/conversations/${conversationId}/read`)
        .set(bearer(ada.accessToken))
        .send({ upTo: last })
        .expect(204);
    }
    return { ada, grace, conversationId };
  }

  it('keeps a reader at the bottom pinned there (a picture that loads late, a smaller window, a growing composer)', async () => {
    const { ada, grace, conversationId } = await twoPeopleTalking(25);
    const page = await openAs(ada, `/c/${conversationId}`);
    await bubble(page, 'Line 25 of the notes').waitFor();
    await settled(page);
    expect(await belowView(page)).toBeLessThan(2);

    // The picture arrives before its file: the file is held until its message is on screen.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/media/**', async (route) => {
      await held;
      await route.continue();
    });
    await sendPicture(grace, conversationId, 'The new engine');
    await bubble(page, 'The new engine').waitFor();
    release();
    await page.waitForFunction(() => {
      const image = document.querySelector<HTMLImageElement>('[data-testid=message-image]');
      return image?.complete && image.naturalWidth > 0;
    });
    await settled(page);
    expect(await belowView(page)).toBeLessThan(2);
    const image = await page.getByTestId('message-image').boundingBox();
    expect(image?.height).toBeGreaterThan(200);
    expect(await jump(page).count()).toBe(0);

    // The window gets shorter: the newest message stays in view.
    await page.setViewportSize({ width: 1280, height: 560 });
    await settled(page);
    expect(await belowView(page)).toBeLessThan(2);

    // An attachment preview makes the composer taller: same.
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Attach a file' }).click(),
    ]);
    await chooser.setFiles({ name: 'mine.png', mimeType: 'image/png', buffer: await png(40, 30) });
    await page.getByRole('group', { name: 'Attachment' }).waitFor();
    await settled(page);
    expect(await belowView(page)).toBeLessThan(2);
  });

  it('offers "Jump to newest" with a count to a reader who scrolled up, and takes them there', async () => {
    const { ada, grace, conversationId } = await twoPeopleTalking(25);
    const page = await openAs(ada, `/c/${conversationId}`);
    await bubble(page, 'Line 25 of the notes').waitFor();
    await messages(page).evaluate((el) => el.scrollTo({ top: 0 }));
    await jump(page).waitFor();

    await sendText(grace, conversationId, 'First news');
    await sendText(grace, conversationId, 'Second news');
    await bubble(page, 'Second news').waitFor();
    expect((await jump(page).textContent())?.replace(/\s+/g, ' ')).toContain('2 new messages');
    expect(await belowView(page)).toBeGreaterThan(100);

    // Without motion the jump is instant, so where it lands can be checked at once.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await jump(page).click();
    await jump(page).waitFor({ state: 'detached' });
    expect(await belowView(page)).toBeLessThan(2);
    await composer(page).waitFor();
  });

  it('never lets a day label cover a message while scrolling', async () => {
    const { ada, conversationId } = await twoPeopleTalking(30);
    const page = await openAs(ada, `/c/${conversationId}`, { width: 375, height: 700 });
    await bubble(page, 'Line 30 of the notes').waitFor();
    for (const fraction of [0.25, 0.5, 0.75]) {
      await messages(page).evaluate((el, f) => el.scrollTo({ top: (el.scrollHeight - el.clientHeight) * f }), fraction);
      await settled(page);
      const overlaps = await messages(page).evaluate((list) => {
        const rect = (el: Element) => el.getBoundingClientRect();
        const labels = [...list.querySelectorAll('li[role=presentation]')].map(rect);
        const bubbles = [...list.querySelectorAll('[data-testid=message-bubble]')].map(rect);
        return labels.filter((l) => bubbles.some((b) => l.top < b.bottom && b.top < l.bottom)).length;
      });
      expect(overlaps).toBe(0);
    }
  });

  it('shows "Photo" in the chat list for a picture, also after a reload', async () => {
    const { ada, grace, conversationId } = await twoPeopleTalking(0);
    await sendPicture(grace, conversationId, 'Look at this');
    const page = await openAs(ada, '/');
    const row = page.getByRole('list', { name: 'Chats' }).getByRole('link', { name: /Grace Hopper/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Photo: Look at this');
  });

  it('on a phone, no edit or delete icons sit beside own messages: a long press opens their menu', async () => {
    const { ada, conversationId } = await twoPeopleTalking(2);
    for (const text of ['Mine, first', 'Mine, second']) await sendText(ada, conversationId, text);
    const page = await openAs(ada, `/c/${conversationId}`, { width: 375, height: 740 }, { phone: true });
    const mine = bubble(page, 'Mine, second');
    await mine.waitFor();
    expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);

    const shownActions = await messages(page).evaluate(
      (list) =>
        [...list.querySelectorAll('button')].filter(
          (button) =>
            /message/i.test(button.getAttribute('aria-label') ?? '') &&
            getComputedStyle(button).opacity !== '0' &&
            button.getBoundingClientRect().width > 0,
        ).length,
    );
    expect(shownActions).toBe(0);

    await mine.getByTestId('message-bubble').dispatchEvent('contextmenu');
    const menu = page.getByRole('menu', { name: 'Message actions' });
    await menu.waitFor();
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual(
      ['Reply', 'React', 'Forward', 'Edit message', 'Delete message', 'Delete for me'].map((t) =>
        expect.stringContaining(t),
      ),
    );
    await menu.getByRole('menuitem', { name: 'Delete message' }).tap();
    await page.getByRole('group', { name: 'Delete this message?' }).waitFor();
  });

  it('fits small screens (no sideways scrolling at 320 px, a short header, addresses wrap whole) and uses wide ones', async () => {
    const admin = await signUpApi(suite.app.baseUrl, { displayName: 'Ada Lovelace-Byron', email: ADMIN_EMAIL });
    const grace = await signUpApi(suite.app.baseUrl, { displayName: 'Grace Hopper' });
    const conversationId = await befriendAndOpenChat(suite.app.baseUrl, admin, grace);
    await sendText(grace, conversationId, 'Hello there');

    const phone = await openAs(admin, `/c/${conversationId}`, { width: 320, height: 740 });
    await bubble(phone, 'Hello there').waitFor();
    await phone.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    const banner = phone.getByRole('region', { name: /Please verify your email address/ });
    const header = await phone.locator('body > * header').first().boundingBox();
    const bannerBox = await banner.boundingBox();
    expect((header?.height ?? 0) + (bannerBox?.height ?? 0)).toBeLessThanOrEqual(130);
    // Each line of the address after the first starts at "@" or "." or after a hyphen, never inside a word.
    const lineStarts = await banner.locator('strong').evaluate((strong) => {
      const starts: string[] = [];
      let top: number | null = null;
      let previous = '';
      const walker = document.createTreeWalker(strong, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (let i = 0; i < (node.textContent ?? '').length; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getBoundingClientRect();
          if (top !== null && rect.top > top + 2) starts.push(previous + node.textContent![i]);
          top = rect.top;
          previous = node.textContent![i];
        }
      }
      return starts;
    });
    expect(lineStarts.length).toBeGreaterThan(0);
    expect(lineStarts.filter((pair) => !/^(.[@.]|-.)$/.test(pair))).toEqual([]);

    const wide = await openAs(admin, `/c/${conversationId}`, { width: 1600, height: 900 });
    await bubble(wide, 'Hello there').waitFor();
    const chat = await wide.getByRole('region', { name: 'Conversation' }).boundingBox();
    const list = await wide.getByRole('complementary', { name: 'Chats and friends' }).boundingBox();
    expect((chat?.width ?? 0) + (list?.width ?? 0)).toBeGreaterThan(1200);
  });

  it('opens a chat with 60 unread messages at the first of them, under "New messages"', async () => {
    const ada = await signUpApi(suite.app.baseUrl, { displayName: 'Ada Lovelace' });
    const grace = await signUpApi(suite.app.baseUrl, { displayName: 'Grace Hopper' });
    const conversationId = await befriendAndOpenChat(suite.app.baseUrl, ada, grace);
    for (let i = 1; i <= 15; i++) await sendText(ada, conversationId, `Earlier from Ada ${i}`);
    for (let i = 1; i <= 60; i++) await sendText(grace, conversationId, `Note ${String(i).padStart(2, '0')}`);

    const page = await openAs(ada, '/');
    const row = page.getByRole('list', { name: 'Chats' }).getByRole('link', { name: /Grace Hopper/ });
    await row.getByTestId('unread-badge').filter({ hasText: '60' }).waitFor();
    await row.click();
    const divider = messages(page).getByTestId('unread-divider');
    await divider.waitFor();
    expect(await divider.textContent()).toContain('New messages');
    await settled(page);

    // Right under the divider comes the first unread message, and it is on screen; the newest is not.
    const next = await divider.evaluate((li) => li.nextElementSibling?.textContent ?? '');
    expect(next).toContain('Note 01');
    const inView = (text: string) =>
      messages(page).evaluate((list, wanted) => {
        const item = [...list.querySelectorAll('li')].find((li) => li.textContent?.includes(wanted));
        if (!item) return false;
        const [box, view] = [item.getBoundingClientRect(), list.getBoundingClientRect()];
        return box.top >= view.top && box.bottom <= view.bottom;
      }, text);
    expect(await inView('Note 01')).toBe(true);
    expect(await inView('Note 60')).toBe(false);
    await jump(page).waitFor();
  });
});
