import type { BrowserContext, Page } from 'playwright-core';
import request from 'supertest';

import { UsersService } from '../../backend/src/users/users.service';
import { bearer, befriendAndOpenChat, type SignedUp, signUp as signUpApi } from '../../backend/test/support/builders';
import { windowsProgram } from '../../backend/test/support/media-fixtures';
import { logIn } from './support/auth';
import type { PageErrors } from './support/browser';
import { browserSuite } from './support/suite';

jest.setTimeout(60_000);

type TrackedSockets = { __sockets: WebSocket[] };

/** What a person sees of the connection, of the people they can no longer write to, and of their drafts. */
describe('connection, reply state and drafts (browser)', () => {
  const suite = browserSuite();
  let watched: PageErrors[] = [];
  beforeEach(() => (watched = []));

  /** A browser context of its own whose WebSockets a test can close, as a network failure would. */
  async function newDevice(): Promise<BrowserContext> {
    const context = await suite.newContext();
    await context.addInitScript(() => {
      const tracked = window as unknown as TrackedSockets;
      const Native = window.WebSocket;
      tracked.__sockets = [];
      window.WebSocket = class extends Native {
        constructor(...args: ConstructorParameters<typeof WebSocket>) {
          super(...args);
          tracked.__sockets.push(this);
        }
      };
    });
    return context;
  }

  async function openAs(person: SignedUp, context?: BrowserContext): Promise<Page> {
    const page = await (context ?? (await newDevice())).newPage();
    watched.push(suite.watch(page));
    await page.goto(`${suite.url}/login`);
    await logIn(page, person.input.username, person.input.password);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    return page;
  }

  const people = async () => {
    const ada = await signUpApi(suite.app.baseUrl, { displayName: 'Ada Lovelace' });
    const grace = await signUpApi(suite.app.baseUrl, { displayName: 'Grace Hopper' });
    const conversationId = await befriendAndOpenChat(suite.app.baseUrl, ada, grace);
    return { ada, grace, conversationId };
  };
  const composer = (page: Page) => page.getByRole('textbox', { name: /^Message / });
  const messages = (page: Page) => page.getByRole('region', { name: /^Messages with/ });
  const bubble = (page: Page, text: string) => messages(page).getByRole('listitem').filter({ hasText: text });
  const presence = (page: Page) => page.getByTestId('chat-presence');
  const banner = (page: Page) => page.getByTestId('connection-banner');

  async function dropConnection(page: Page): Promise<void> {
    await page.context().setOffline(true);
    await page.evaluate(() => (window as unknown as TrackedSockets).__sockets.forEach((socket) => socket.close()));
  }

  /** Reconnect attempts made while offline are logged by the browser; in these tests they are expected. */
  function forgiveOfflineAttempts(): void {
    for (const { list } of watched) {
      const rest = list.filter(
        (entry) =>
          !entry.includes('net::ERR_INTERNET_DISCONNECTED') &&
          !entry.includes('WebSocket is already in CLOSING or CLOSED state'),
      );
      list.splice(0, list.length, ...rest);
    }
  }

  it('says the connection is lost, shows presence as unknown, and sends what was written meanwhile by itself', async () => {
    const { ada, grace, conversationId } = await people();
    const [pageA, pageB] = [await openAs(ada), await openAs(grace)];
    await pageA.goto(`${suite.url}/c/${conversationId}`);
    await pageB.goto(`${suite.url}/c/${conversationId}`);
    await presence(pageA).getByText('Online').waitFor();
    expect(await banner(pageA).count()).toBe(0);

    await dropConnection(pageA);
    await banner(pageA).getByText('No connection. Reconnecting…').waitFor();
    await presence(pageA).getByText('Online status unknown, no connection').waitFor();
    await composer(pageA).fill('Written in a tunnel');
    await composer(pageA).press('Enter');
    await bubble(pageA, 'Written in a tunnel').getByText('Sending…').waitFor();

    await pageA.context().setOffline(false);
    await banner(pageA).waitFor({ state: 'detached', timeout: 40_000 });
    await bubble(pageB, 'Written in a tunnel').waitFor();
    await bubble(pageA, 'Written in a tunnel').getByText('Sending…').waitFor({ state: 'detached' });
    await presence(pageA).getByText('Online').waitFor();
    expect(await bubble(pageA, 'Written in a tunnel').count()).toBe(1);
    expect(await bubble(pageB, 'Written in a tunnel').count()).toBe(1);
    forgiveOfflineAttempts();
  });

  it('after being unfriended: says plainly why, disables the composer, keeps the history and hides presence', async () => {
    const { ada, grace, conversationId } = await people();
    await request(suite.app.baseUrl)
      .post(`/api/conversations/${conversationId}/messages`)
      .set(bearer(grace.accessToken))
      .send({ clientId: 'before-unfriend', text: 'Still readable' })
      .expect(201);
    const page = await openAs(ada);
    await page.goto(`${suite.url}/c/${conversationId}`);
    await bubble(page, 'Still readable').waitFor();
    await composer(page).fill('Half-written');

    await request(suite.app.baseUrl).delete(`/api/friends/${ada.user.id}`).set(bearer(grace.accessToken)).expect(204);

    await page
      .getByTestId('reply-blocked')
      .getByText("You and Grace Hopper are not friends any more, so you can't send messages here")
      .waitFor();
    expect(await composer(page).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Send message' }).isDisabled()).toBe(true);
    expect(await bubble(page, 'Still readable').isVisible()).toBe(true);
    expect(await presence(page).textContent()).not.toContain('Online');
  });

  it('shows a refused upload plainly, without a Retry that would fail again', async () => {
    const { ada, conversationId } = await people();
    const page = await openAs(ada);
    await page.goto(`${suite.url}/c/${conversationId}`);
    // Named and typed as a picture, but its bytes are a program's: the server answers 415.
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Attach a file' }).click(),
    ]);
    await chooser.setFiles({ name: 'holiday.png', mimeType: 'image/png', buffer: windowsProgram() });
    watched[0].expectFailure(415, '/api/media');
    await composer(page).press('Enter');

    const failed = messages(page).getByRole('listitem').filter({ hasText: 'Upload failed' });
    await failed.waitFor();
    expect(await failed.getByRole('button', { name: 'Retry' }).count()).toBe(0);
    expect(await failed.getByRole('button', { name: 'Remove' }).count()).toBe(1);
  });

  it('keeps a draft per conversation across Profile and back, and a reload, shows "Draft" in the list, and forgets it at sign-out', async () => {
    const { ada, conversationId } = await people();
    const page = await openAs(ada);
    await page.goto(`${suite.url}/c/${conversationId}`);
    await composer(page).fill('Half a thought');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile' }).click();
    await page.waitForURL(/\/profile/);
    await page.goBack();
    await page.waitForURL(new RegExp(`/c/${conversationId}$`));
    expect(await composer(page).inputValue()).toBe('Half a thought');

    await page.reload();
    await composer(page).waitFor();
    expect(await composer(page).inputValue()).toBe('Half a thought');

    await page.goto(`${suite.url}/`);
    await page.getByTestId('draft-preview').getByText('Half a thought').waitFor();
    expect(await page.getByTestId('draft-preview').textContent()).toContain('Draft:');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    expect(
      await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('chat.drafts.'))),
    ).toEqual([]);
  });

  it('closes the verify banner when the address is verified in another tab, and shows friends’ new names live', async () => {
    const { ada, grace } = await people();
    const page = await openAs(ada);
    await page.getByText('Please verify your email address.').waitFor();
    await page.getByRole('list', { name: 'Chats' }).getByText('Grace Hopper').waitFor();

    await suite.app.app.get(UsersService).markEmailVerified(ada.user.id, ada.input.email);
    await page.getByText('Please verify your email address.').waitFor({ state: 'detached' });

    await request(suite.app.baseUrl)
      .patch('/api/users/me')
      .set(bearer(grace.accessToken))
      .send({ displayName: 'Grace B. Hopper' })
      .expect(200);
    await page.getByRole('list', { name: 'Chats' }).getByText('Grace B. Hopper').waitFor();
  });

  it('tells a tab why it was signed out when the password was changed on another device', async () => {
    const { ada } = await people();
    const page = await openAs(ada);
    await request(suite.app.baseUrl)
      .post('/api/auth/password/change')
      .set(bearer(ada.accessToken))
      .send({ currentPassword: ada.input.password, newPassword: 'a brand new passphrase' })
      .expect(204);
    await page.waitForURL(/\/login/);
    await page
      .getByTestId('login-notice')
      .getByText('Your password was changed on another device, so you were signed out here.')
      .waitFor();
  });

  it('does not mark the sign-in fields red for tabbing through them', async () => {
    const page = await (await suite.newContext()).newPage();
    watched.push(suite.watch(page));
    await page.goto(`${suite.url}/login`);
    await page.getByLabel('Username or email').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(0);
    expect(await page.getByText('This field is required.').count()).toBe(0);
  });
});
