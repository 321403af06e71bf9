import { mkdirSync } from 'node:fs';

import type { Page } from 'playwright-core';

import { signUp as signUpApi } from '../../backend/test/support/builders';
import { logIn } from './support/auth';
import { browserSuite } from './support/suite';

jest.setTimeout(90_000);

/** Set SCREENSHOTS=<dir> to keep pictures of the German pages. */
const SCREENSHOTS = process.env.SCREENSHOTS;

describe('languages (browser)', () => {
  const suite = browserSuite();

  async function newPage(locale?: string): Promise<Page> {
    const page = await (await suite.newContext(locale ? { locale } : {})).newPage();
    suite.watch(page);
    return page;
  }

  const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);

  it('speaks German with ?lang=de, remembers it, and returns to English with ?lang=en', async () => {
    const page = await newPage('en-US');
    await page.goto(`${suite.url}/signup?lang=de`);
    await page.getByRole('heading', { name: 'Konto erstellen' }).waitFor();
    expect(await htmlLang(page)).toBe('de');
    expect(await page.title()).toBe('Konto erstellen · Portal Chat');
    await page.getByLabel('Anzeigename').waitFor();
    // A German validation message after an empty submit.
    await page.getByRole('button', { name: 'Konto erstellen' }).click();
    await page.getByText('Dieses Feld ist erforderlich.').first().waitFor();
    if (SCREENSHOTS) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: `${SCREENSHOTS}/signup-de-1280.png`, fullPage: true });
    }

    // Remembered without the parameter.
    await page.goto(`${suite.url}/forgot-password`);
    await page.getByRole('heading', { name: 'Passwort vergessen?' }).waitFor();
    expect(await htmlLang(page)).toBe('de');

    await page.goto(`${suite.url}/forgot-password?lang=en`);
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    expect(await htmlLang(page)).toBe('en-US');
  });

  it("follows the browser's languages when nothing was chosen", async () => {
    const german = await newPage('de-AT');
    await german.goto(`${suite.url}/signup`);
    await german.getByRole('heading', { name: 'Konto erstellen' }).waitFor();

    const french = await newPage('fr-FR');
    await french.goto(`${suite.url}/signup`);
    await french.getByRole('heading', { name: 'Create your account' }).waitFor();
    expect(await htmlLang(french)).toBe('en-US');
  });

  it('shows dates and times in German formats', async () => {
    const ada = await signUpApi(suite.app.baseUrl, { displayName: 'Ada Lovelace' });
    const page = await newPage('en-US');
    await page.goto(`${suite.url}/login`);
    await logIn(page, ada.input.username, ada.input.password);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();

    // English first: "Last active Nov 24, 2026, 8:41:07 PM".
    await page.goto(`${suite.url}/profile`);
    const lastActive = page
      .getByTestId('session')
      .first()
      .getByText(/Last active|Zuletzt aktiv/);
    expect(await lastActive.textContent()).toMatch(/[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}:\d{2}\s[AP]M/);

    // German: "24.11.2026, 20:41:07", with German words around it.
    await page.goto(`${suite.url}/profile?lang=de`);
    await page.getByRole('heading', { name: 'Profil', level: 1 }).waitFor();
    expect(await lastActive.textContent()).toMatch(/^\s*Zuletzt aktiv \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}:\d{2}\s*$/);
    expect(await page.title()).toBe('Profil · Portal Chat');
    if (SCREENSHOTS) {
      for (const [width, colorScheme] of [
        [1280, 'light'],
        [375, 'dark'],
      ] as const) {
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ colorScheme });
        await page.screenshot({ path: `${SCREENSHOTS}/profile-de-${width}-${colorScheme}.png`, fullPage: true });
      }
    }
  });
});
