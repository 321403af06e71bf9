import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

import { startTestApp, type TestApp } from '../../../backend/test/support/test-app';
import { launchBrowser, type PageErrors, watchPageErrors } from './browser';

/**
 * The real app and one browser for a spec file. After each test every context it opened is closed and every page
 * it watched must have run without errors. `env` may be a function, for settings an earlier beforeAll makes;
 * `browserArgs` are extra Chromium flags.
 */
export function browserSuite(
  env: Record<string, string> | (() => Record<string, string>) = {},
  { browserArgs = [] }: { browserArgs?: string[] } = {},
) {
  let app: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const watched: PageErrors[] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([
      startTestApp(typeof env === 'function' ? env() : env),
      launchBrowser(browserArgs),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    expect(watched.splice(0).flatMap((errors) => errors.list)).toEqual([]);
  });

  return {
    get app(): TestApp {
      return app;
    },
    /** The app's address for the browser (localhost, where Secure cookies work over http). */
    get url(): string {
      return app.browserUrl;
    },
    /** A browser context of its own: its own cookies, so another person or another device (a phone; `locale`: its languages). */
    async newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
      const context = await browser.newContext(options);
      contexts.push(context);
      return context;
    },
    /** Checks the page for errors at the end of the test. */
    watch(page: Page): PageErrors {
      const errors = watchPageErrors(page);
      watched.push(errors);
      return errors;
    },
  };
}
