import type { Page } from 'playwright-core';
import sharp from 'sharp';

import { befriendAndOpenChat, type SignedUp, signUp as signUpApi } from '../../backend/test/support/builders';
import { windowsProgram } from '../../backend/test/support/media-fixtures';
import { logIn } from './support/auth';
import type { PageErrors } from './support/browser';
import { browserSuite } from './support/suite';

jest.setTimeout(60_000);

/** A small PNG made on the spot: a colour gradient, so it is a real picture the server re-encodes. */
function png(width: number, height: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) pixels.set([(i % width) * 4, 120, Math.floor(i / width) * 4], i * 3);
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

describe('pictures and profile pictures (browser)', () => {
  const suite = browserSuite();

  async function openAs(person: SignedUp, path = '/'): Promise<{ page: Page; errors: PageErrors }> {
    const context = await suite.newContext();
    const page = await context.newPage();
    const pageErrors = suite.watch(page);
    await page.goto(`${suite.url}/login`);
    await logIn(page, person.input.username, person.input.password);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    if (path !== '/') await page.goto(`${suite.url}${path}`);
    return { page, errors: pageErrors };
  }

  /** Clicks the button and answers the file chooser it opens, as a person picking a file would. */
  async function pickFile(page: Page, button: string, file: { name: string; mimeType: string; buffer: Buffer }) {
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: button }).click(),
    ]);
    await chooser.setFiles(file);
  }

  const messages = (page: Page) => page.getByRole('region', { name: /^Messages with/ });
  const composer = (page: Page) => page.getByRole('textbox', { name: /^Message / });
  const naturalWidth = (page: Page, selector: string) =>
    page.locator(selector).evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth);

  it('A sends a picture with a caption (progress shown), B sees it live and opens it full size', async () => {
    const ada = await signUpApi(suite.app.baseUrl, { displayName: 'Ada Lovelace' });
    const grace = await signUpApi(suite.app.baseUrl, { displayName: 'Grace Hopper' });
    const conversationId = await befriendAndOpenChat(suite.app.baseUrl, ada, grace);
    const { page: pageA } = await openAs(ada, `/c/${conversationId}`);
    const { page: pageB } = await openAs(grace, `/c/${conversationId}`);
    await composer(pageA).waitFor();
    await composer(pageB).waitFor();

    // Hold the upload until the test has seen the pending bubble with its progress bar.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await pageA.route('**/api/media', async (route) => {
      await held;
      await route.continue();
    });

    await pickFile(pageA, 'Attach a file', {
      name: 'engine.png',
      mimeType: 'image/png',
      buffer: await png(64, 48),
    });
    const preview = pageA.getByRole('group', { name: 'Attachment' });
    await preview.getByText('engine.png').waitFor();
    expect(await preview.textContent()).toMatch(/Picture, \d+ KB/);
    await composer(pageA).fill('The analytical engine');
    await composer(pageA).press('Enter');
    await preview.waitFor({ state: 'detached' });

    const progress = messages(pageA).getByRole('progressbar', { name: 'Uploading photo' });
    await progress.waitFor();
    expect(await progress.getAttribute('aria-valuenow')).toMatch(/^\d+$/);
    expect(await messages(pageA).getByText('Sending…').isVisible()).toBe(true);
    release();
    await progress.waitFor({ state: 'detached' });
    await messages(pageA).getByText('Sending…').waitFor({ state: 'detached' });
    await messages(pageA).getByRole('button', { name: 'Open photo full size' }).waitFor();

    // B: live, with the caption under the picture, served to the browser through the media cookie.
    const opener = messages(pageB).getByRole('button', { name: 'Open photo full size' });
    await opener.waitFor();
    await messages(pageB).getByText('The analytical engine').waitFor();
    await pageB.waitForFunction(() => {
      const image = document.querySelector<HTMLImageElement>('[data-testid=message-image]');
      return !!image && image.complete && image.naturalWidth > 0;
    });
    expect(await pageB.locator('[data-testid=message-image]').getAttribute('src')).toMatch(
      /^\/api\/media\/[0-9a-f]{24}\/thumb$/,
    );
    expect(await pageB.locator('[data-testid=message-image]').getAttribute('alt')).toBe('Photo from Ada Lovelace');

    await opener.click();
    const dialog = pageB.getByRole('dialog', { name: 'Photo' });
    await dialog.waitFor();
    await pageB.waitForFunction(() => {
      const image = document.querySelector<HTMLImageElement>('[data-testid=lightbox-image]');
      return !!image && image.complete && image.naturalWidth === 64;
    });
    expect(await naturalWidth(pageB, '[data-testid=lightbox-image]')).toBe(64);
    expect(await dialog.getByRole('button', { name: 'Close' }).evaluate((b) => b === document.activeElement)).toBe(
      true,
    );
    await pageB.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await opener.evaluate((b) => b === document.activeElement)).toBe(true);

    // The chat list says what it is.
    await pageB.getByRole('list', { name: 'Chats' }).getByText('Photo: The analytical engine').waitFor();
  });

  it('shows the server refusing a file that is not what it claims, with Remove and no Retry (the refusal is permanent)', async () => {
    const ada = await signUpApi(suite.app.baseUrl, { displayName: 'Ada Lovelace' });
    const grace = await signUpApi(suite.app.baseUrl, { displayName: 'Grace Hopper' });
    const conversationId = await befriendAndOpenChat(suite.app.baseUrl, ada, grace);
    const { page, errors: pageErrors } = await openAs(ada, `/c/${conversationId}`);
    pageErrors.expectFailure(415, '/api/media');
    await composer(page).waitFor();

    // A program named like a picture (text named .png would now go through as a text file).
    await pickFile(page, 'Attach a file', { name: 'notes.png', mimeType: 'image/png', buffer: windowsProgram() });
    await composer(page).press('Enter');
    const failure = messages(page).getByRole('alert');
    await failure.waitFor();
    expect(await failure.textContent()).toMatch(/^Upload failed: .+/);
    const remove = messages(page).getByRole('button', { name: 'Remove' });
    await remove.waitFor();
    expect(await messages(page).getByRole('button', { name: 'Retry' }).count()).toBe(0);
    await remove.click();
    await remove.waitFor({ state: 'detached' });
    await page.getByText('No messages yet. Say hello!').waitFor();
  });

  it('changes the profile picture with a preview, shows it in the header, and removes it', async () => {
    const ada = await signUpApi(suite.app.baseUrl, { displayName: 'Ada Lovelace' });
    const { page } = await openAs(ada, '/profile');
    const header = page.getByRole('link', { name: /^Signed in as Ada Lovelace/ });
    expect(await header.locator('img').count()).toBe(0);

    await pickFile(page, 'Add a picture', { name: 'me.png', mimeType: 'image/png', buffer: await png(80, 60) });
    await page.getByText('Preview of').waitFor();
    expect(await page.locator('[data-testid=picture-editor-picture] img').getAttribute('src')).toMatch(/^blob:/);
    await page.getByRole('button', { name: 'Save picture' }).click();

    await page.getByRole('button', { name: 'Remove picture' }).waitFor();
    const headerImage = header.locator('img');
    await headerImage.waitFor();
    expect(await headerImage.getAttribute('src')).toMatch(/^\/api\/media\/[0-9a-f]{24}\/thumb$/);
    await page.waitForFunction(() => {
      const image = document.querySelector<HTMLImageElement>('[data-testid=profile-link] img');
      return !!image && image.complete && image.naturalWidth > 0;
    });
    expect(await page.locator('[data-testid=profile-avatar] img').getAttribute('src')).toBe(
      await headerImage.getAttribute('src'),
    );

    await page.getByRole('button', { name: 'Remove picture' }).click();
    await page.getByRole('button', { name: 'Add a picture' }).waitFor();
    await headerImage.waitFor({ state: 'detached' });
  });
});
