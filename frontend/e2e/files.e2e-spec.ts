import { readFileSync } from 'node:fs';

import type { Page } from 'playwright-core';
import request from 'supertest';

import {
  bearer,
  befriendAndOpenChat,
  newClientId,
  type SignedUp,
  signUp as signUpApi,
} from '../../backend/test/support/builders';
import { pdf } from '../../backend/test/support/file-fixtures';
import { windowsProgram } from '../../backend/test/support/media-fixtures';
import { logIn } from './support/auth';
import { expectNoSeriousAxeViolations } from './support/axe';
import type { PageErrors } from './support/browser';
import { browserSuite } from './support/suite';

jest.setTimeout(90_000);

/** Set to a directory to keep screenshots of documents and voice messages (1280 and 375 px, light and dark). */
const SCREENSHOT_DIR = process.env.FILES_SCREENSHOTS;

describe('documents and voice messages (browser)', () => {
  // A fake microphone that grants itself (a beep), and audio that may play without a click, for the voice message.
  const suite = browserSuite(
    {},
    {
      browserArgs: [
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        '--autoplay-policy=no-user-gesture-required',
      ],
    },
  );

  async function openAs(person: SignedUp, path: string): Promise<{ page: Page; errors: PageErrors }> {
    const context = await suite.newContext();
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    const errors = suite.watch(page);
    await page.goto(`${suite.url}/login`);
    await logIn(page, person.input.username, person.input.password);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.goto(`${suite.url}${path}`);
    return { page, errors };
  }

  async function pair(): Promise<{ ada: SignedUp; grace: SignedUp; conversationId: string }> {
    const ada = await signUpApi(suite.app.baseUrl, { displayName: 'Ada Lovelace' });
    const grace = await signUpApi(suite.app.baseUrl, { displayName: 'Grace Hopper' });
    return { ada, grace, conversationId: await befriendAndOpenChat(suite.app.baseUrl, ada, grace) };
  }

  async function pickFile(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Attach a file' }).click(),
    ]);
    await chooser.setFiles(file);
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

  /** The page in a colour scheme, once its colour transitions have settled (axe would see them half-way). */
  async function inScheme(page: Page, colorScheme: 'light' | 'dark'): Promise<void> {
    await page.emulateMedia({ colorScheme });
    await page.waitForFunction(() =>
      document.getAnimations().every((animation) => !(animation instanceof CSSTransition)),
    );
  }

  const messages = (page: Page) => page.getByRole('region', { name: /^Messages with/ });
  const composer = (page: Page) => page.getByRole('textbox', { name: /^Message / });

  it('A sends a PDF (name, size and progress while it uploads); B sees its card and downloads it as an attachment', async () => {
    const { ada, grace, conversationId } = await pair();
    const { page: pageA } = await openAs(ada, `/c/${conversationId}`);
    const { page: pageB } = await openAs(grace, `/c/${conversationId}`);
    await composer(pageA).waitFor();
    await composer(pageB).waitFor();

    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await pageA.route('**/api/media', async (route) => {
      await held;
      await route.continue();
    });
    const report = pdf();
    await pickFile(pageA, { name: 'Q3 report.pdf', mimeType: 'application/pdf', buffer: report });
    const preview = pageA.getByRole('group', { name: 'Attachment' });
    await preview.getByText('Q3 report.pdf').waitFor();
    expect(await preview.textContent()).toContain('File, 1 KB');
    await composer(pageA).press('Enter');

    const uploading = messages(pageA).getByRole('progressbar', { name: 'Uploading file' });
    await uploading.waitFor();
    const pendingCard = messages(pageA).getByTestId('file-card');
    expect(await pendingCard.textContent()).toContain('Q3 report.pdf');
    expect(await pendingCard.textContent()).toContain('PDF document · 1 KB');
    release();
    await uploading.waitFor({ state: 'detached' });
    await messages(pageA).getByText('Sending…').waitFor({ state: 'detached' });
    await screenshots(pageA, 'file-card-mine');

    const download = messages(pageB).getByRole('link', { name: 'Download Q3 report.pdf' });
    await download.waitFor();
    const href = (await download.getAttribute('href'))!;
    expect(href).toMatch(/^\/api\/media\/[0-9a-f]{24}$/);
    const [file] = await Promise.all([pageB.waitForEvent('download'), download.click()]);
    expect(file.suggestedFilename()).toBe('Q3 report.pdf');
    expect(readFileSync((await file.path())!)).toEqual(report);
    // The browser's cookie is what the link uses; the server hands the file over as a download, never inline.
    const served = await pageB.request.get(`${suite.url}${href}`);
    expect(served.headers()['content-disposition']).toMatch(/^attachment; filename="Q3 report.pdf"/);
    expect(served.headers()['x-content-type-options']).toBe('nosniff');
    expect(served.headers()['content-type']).toMatch(/^application\/pdf/);

    await pageB.getByRole('list', { name: 'Chats' }).getByText('📄 Q3 report.pdf').waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      await inScheme(pageA, scheme);
      await inScheme(pageB, scheme);
      await expectNoSeriousAxeViolations(pageA);
      await expectNoSeriousAxeViolations(pageB);
    }
    await screenshots(pageB, 'file-card');
  });

  it('refuses a program renamed to .pdf with the worded reason, Remove and no Retry', async () => {
    const { ada, conversationId } = await pair();
    const { page, errors } = await openAs(ada, `/c/${conversationId}`);
    errors.expectFailure(415, '/api/media');
    await composer(page).waitFor();

    await pickFile(page, { name: 'invoice.pdf', mimeType: 'application/pdf', buffer: windowsProgram() });
    await composer(page).press('Enter');
    const failure = messages(page).getByRole('alert');
    await failure.waitFor();
    expect(await failure.textContent()).toBe(
      'Upload failed: This kind of file is not accepted. Files are judged by their content, not their name; chats ' +
        'take pictures, videos, PDF, Office and text documents, ZIP archives and audio.',
    );
    expect(await messages(page).getByRole('button', { name: 'Retry' }).count()).toBe(0);
    await expectNoSeriousAxeViolations(page);
    await messages(page).getByRole('button', { name: 'Remove' }).click();
    await page.getByText('No messages yet. Say hello!').waitFor();
  });

  it('speaks German: the file card, the recorder and the refusal', async () => {
    const { ada, grace, conversationId } = await pair();
    const { page, errors } = await openAs(ada, `/c/${conversationId}?lang=de`);
    errors.expectFailure(415, '/api/media');
    await page.getByRole('textbox', { name: /^Nachricht an / }).waitFor();
    const sent = await request(suite.app.baseUrl)
      .post('/api/media')
      .set(bearer(grace.accessToken))
      .attach('file', pdf(), 'Angebot.pdf');
    await request(suite.app.baseUrl)
      .post(`/api/conversations/${conversationId}/messages`)
      .set(bearer(grace.accessToken))
      .send({ clientId: newClientId(), mediaId: sent.body.id })
      .expect(201);
    await page
      .getByRole('region', { name: /^Nachrichten mit/ })
      .getByRole('link', { name: 'Angebot.pdf herunterladen' })
      .waitFor();
    expect(
      await page
        .getByRole('region', { name: /^Nachrichten mit/ })
        .getByTestId('file-card')
        .textContent(),
    ).toContain('PDF-Dokument · 1 KB');

    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Datei anhängen' }).click(),
    ]);
    await chooser.setFiles({ name: 'rechnung.pdf', mimeType: 'application/pdf', buffer: windowsProgram() });
    await page.getByRole('textbox', { name: /^Nachricht an / }).press('Enter');
    const failure = page.getByRole('region', { name: /^Nachrichten mit/ }).getByRole('alert');
    await failure.waitFor();
    expect(await failure.textContent()).toContain('Diese Art von Datei wird nicht angenommen.');

    await page.getByRole('button', { name: 'Sprachnachricht aufnehmen' }).click();
    const recording = page.getByRole('group', { name: 'Sprachnachricht' });
    await recording.getByText('Aufnahme läuft').waitFor();
    await screenshots(page, 'files-de');
    await recording.getByRole('button', { name: 'Abbrechen' }).click();
    await recording.waitFor({ state: 'detached' });
  });

  it('A records a voice message with the keyboard and sends it; it plays for B', async () => {
    const { ada, grace, conversationId } = await pair();
    const { page: pageA } = await openAs(ada, `/c/${conversationId}`);
    const { page: pageB } = await openAs(grace, `/c/${conversationId}`);
    await composer(pageA).waitFor();
    await composer(pageB).waitFor();

    await pageA.getByRole('button', { name: 'Record a voice message' }).focus();
    await pageA.keyboard.press('Enter');
    const recording = pageA.getByRole('group', { name: 'Voice message' });
    await recording.getByText('0:01').waitFor();
    const send = recording.getByRole('button', { name: 'Send voice message' });
    expect(await send.evaluate((button) => button === document.activeElement)).toBe(true);
    await expectNoSeriousAxeViolations(pageA);
    await inScheme(pageA, 'dark');
    await expectNoSeriousAxeViolations(pageA);
    await inScheme(pageA, 'light');
    await screenshots(pageA, 'voice-recording');
    await pageA.keyboard.press('Enter');
    await recording.waitFor({ state: 'detached' });
    await messages(pageA).getByText('Sending…').waitFor({ state: 'detached' });
    expect(
      await pageA.getByRole('button', { name: 'Record a voice message' }).evaluate((b) => b === document.activeElement),
    ).toBe(true);

    const player = messages(pageB).locator('audio[aria-label="Voice message from Ada Lovelace"]');
    await player.waitFor();
    expect(await player.getAttribute('src')).toMatch(/^\/api\/media\/[0-9a-f]{24}$/);
    await player.evaluate((audio: HTMLAudioElement) => audio.play());
    await pageB.waitForFunction(() => {
      const audio = document.querySelector<HTMLAudioElement>('[data-testid=message-audio]');
      return !!audio && (audio.currentTime > 0.3 || audio.ended);
    });
    await pageB.getByRole('list', { name: 'Chats' }).getByText('🎤 Voice message').waitFor();
    await expectNoSeriousAxeViolations(pageB);
    await screenshots(pageB, 'voice-message');
  });
});
