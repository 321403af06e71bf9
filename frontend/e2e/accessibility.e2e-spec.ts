import { mkdirSync } from 'node:fs';

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
import { axeViolations } from './support/axe';
import { personIn, searchFor } from './support/friends';
import { browserSuite } from './support/suite';

jest.setTimeout(180_000);

const ADMIN_EMAIL = 'a11y-admin@example.com';
/** Set SCREENSHOTS=<dir> to keep a picture of every page and variant audited. */
const SCREENSHOTS = process.env.SCREENSHOTS;
const VARIANTS = [
  [1280, 'light'],
  [1280, 'dark'],
  [375, 'light'],
  [375, 'dark'],
] as const;

/**
 * axe-core on every page and state, at desktop and phone widths, in light and dark (the app follows
 * prefers-color-scheme: Tailwind's `dark:` variant). Serious and critical findings fail; they are listed per page.
 */
describe('accessibility of every page (browser)', () => {
  const suite = browserSuite({ ADMIN_EMAIL });

  /** Every variant of the page as it is now, once its colour transitions have settled. */
  async function audit(page: Page, name: string): Promise<string[]> {
    const found: string[] = [];
    for (const [width, colorScheme] of VARIANTS) {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme });
      await page.waitForFunction(() =>
        document.getAnimations().every((animation) => !(animation instanceof CSSTransition)),
      );
      const violations = await axeViolations(page, { impacts: ['serious', 'critical'] });
      if (SCREENSHOTS) {
        mkdirSync(SCREENSHOTS, { recursive: true });
        await page.screenshot({ path: `${SCREENSHOTS}/${name.replaceAll(' ', '-')}-${width}-${colorScheme}.png` });
      }
      found.push(...violations.map((violation) => `${name} ${width} ${colorScheme}: ${violation}`));
    }
    return found;
  }

  async function signedOutPage(): Promise<Page> {
    const page = await (await suite.newContext()).newPage();
    suite.watch(page);
    return page;
  }

  async function signedInPage(person: SignedUp): Promise<Page> {
    const page = await (await suite.newContext()).newPage();
    suite.watch(page);
    await page.goto(`${suite.url}/login`);
    await logIn(page, person.input.username, person.input.password);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    return page;
  }

  it('has no serious or critical violations on the sign-in, sign-up and recovery pages', async () => {
    const page = await signedOutPage();
    const found: string[] = [];
    const visit = async (path: string, name: string, ready: () => Promise<void>) => {
      await page.goto(`${suite.url}${path}`);
      await ready();
      found.push(...(await audit(page, name)));
    };
    await visit('/login', 'sign-in', () => page.getByRole('button', { name: 'Sign in' }).waitFor());
    // The form's errors after an empty submit are a state of their own.
    await page.getByRole('button', { name: 'Sign in' }).click();
    found.push(...(await audit(page, 'sign-in with errors')));
    await visit('/signup', 'sign-up', () => page.getByRole('button', { name: 'Create account' }).waitFor());
    await page.getByRole('button', { name: 'Create account' }).click();
    found.push(...(await audit(page, 'sign-up with errors')));
    await visit('/forgot-password', 'forgot password', () => page.getByRole('button').first().waitFor());
    await visit('/reset-password?token=x', 'reset password', () => page.getByRole('button').first().waitFor());
    await visit('/verify-email', 'verify email', () => page.getByRole('heading').first().waitFor());
    await visit('/accept-invitation', 'accept invitation', () => page.getByRole('heading').first().waitFor());
    expect(found).toEqual([]);
  });

  it('has no serious or critical violations on the chat list, a conversation, friends, profile and admin pages', async () => {
    const admin = await signUpApi(suite.app.baseUrl, { displayName: 'Ada Lovelace', email: ADMIN_EMAIL });
    const friend = await signUpApi(suite.app.baseUrl, { displayName: 'Grace Hopper' });
    const conversationId = await befriendAndOpenChat(suite.app.baseUrl, admin, friend);
    for (const [sender, text] of [
      [friend, 'Hello Ada, see https://example.com'],
      [admin, 'Hi Grace!'],
    ] as const) {
      await request(suite.app.baseUrl)
        .post(`/api/conversations/${conversationId}/messages`)
        .set(bearer(sender.accessToken))
        .send({ text, clientId: newClientId() })
        .expect(201);
    }
    // Someone asks to be Ada's friend: the friends panel has a request to answer.
    const stranger = await signUpApi(suite.app.baseUrl, { displayName: 'Alan Turing' });
    await request(suite.app.baseUrl)
      .post('/api/friends/requests')
      .set(bearer(stranger.accessToken))
      .send({ to: admin.user.id })
      .expect(201);
    const page = await signedInPage(admin);
    const found: string[] = [];

    await page
      .getByRole('list', { name: 'Chats' })
      .getByRole('link', { name: /Grace Hopper/ })
      .waitFor();
    found.push(...(await audit(page, 'chat list')));

    await page.goto(`${suite.url}/c/${conversationId}`);
    await page.getByText('Hi Grace!', { exact: true }).waitFor();
    found.push(...(await audit(page, 'conversation')));

    await page.goto(`${suite.url}/`);
    await page.getByRole('tab', { name: 'Friends' }).click();
    await page.getByLabel('Find people').waitFor();
    await personIn(page, 'Incoming requests', 'Alan Turing').waitFor();
    found.push(...(await audit(page, 'friends')));
    await searchFor(page, 'Alan', 'Alan Turing');
    found.push(...(await audit(page, 'friends search results')));

    await page.goto(`${suite.url}/profile`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    found.push(...(await audit(page, 'profile')));

    for (const [path, name] of [
      ['/admin', 'admin'],
      ['/admin/tokens', 'admin tokens'],
      ['/admin/webhooks', 'admin webhooks'],
    ] as const) {
      await page.goto(`${suite.url}${path}`);
      await page.getByRole('navigation', { name: 'Admin' }).waitFor();
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      found.push(...(await audit(page, name)));
    }
    expect(found).toEqual([]);
  });
});
