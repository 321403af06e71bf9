import { type Browser, chromium, type Page } from 'playwright-core';

/**
 * Debian's chromium, headless, with the background chatter that needs the internet turned off; `extraArgs` for a
 * spec that needs more (e.g. a fake microphone).
 */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

export interface PageErrors {
  /** Script errors, console errors (CSP violations land there) and failed responses nobody expected. */
  readonly list: string[];
  /** A failure the spec provokes on purpose, e.g. `expectFailure(401, '/api/auth/login')`. */
  expectFailure(status: number, pathname: string): void;
}

/**
 * Watches a page so a spec can assert it ran cleanly: any failed response, page error or console error is reported
 * (a signed-out session restore answers 204, so it is no failure).
 */
export function watchPageErrors(page: Page): PageErrors {
  const list: string[] = [];
  const expected = new Set<string>();
  page.on('pageerror', (error) => list.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // Failed responses are reported below, with their URL.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      list.push(`console: ${message.text()}`);
    }
  });
  page.on('response', (response) => {
    const { pathname } = new URL(response.url());
    if (response.status() >= 400 && !expected.has(`${response.status()} ${pathname}`)) {
      list.push(`${response.status()} ${response.request().method()} ${pathname}`);
    }
  });
  return { list, expectFailure: (status, pathname) => expected.add(`${status} ${pathname}`) };
}
