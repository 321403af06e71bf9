import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium, type FrameLocator, type Page } from 'playwright-core';

import { befriendAndOpenChat, type SignedUp, signUp as signUpApi } from '../../backend/test/support/builders';
import { TestIdp } from '../../backend/test/support/oidc-idp';
import { type PageErrors, watchPageErrors } from './support/browser';
import { browserSuite } from './support/suite';

jest.setTimeout(90_000);

interface Site {
  server: Server;
  /** http://localhost:<port>: another site than the app's 127.0.0.1. */
  url: string;
  /** Where its page finds the chat, once the app runs. */
  appUrl: string;
}

/** A site of its own that serves `page` at any path. */
async function startSite(page: (appUrl: string) => string): Promise<Site> {
  const server = createServer((_req, res) => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(page(site.appUrl));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const site: Site = { server, url: `http://localhost:${(server.address() as AddressInfo).port}`, appUrl: '' };
  return site;
}

/** The example page of the README: the chat in <portal-chat>, its events written down for the test to read. */
const PORTAL_PAGE = (appUrl: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Portal</title>
<script src="${appUrl}/embed.js"></script></head>
<body>
  <p>Unread chat messages: <output id="unread">?</output></p>
  <portal-chat id="chat" style="display:block; width: 100%; height: 640px"></portal-chat>
  <script>
    window.portalEvents = [];
    window.rawMessages = [];
    window.addEventListener('message', (event) => rawMessages.push({ origin: event.origin, type: event.data?.type }));
    const chat = document.getElementById('chat');
    for (const type of ['chat:unread', 'chat:opened', 'chat:signed-out']) {
      chat.addEventListener(type, (event) => {
        portalEvents.push(event.detail);
        if (type === 'chat:unread') document.getElementById('unread').textContent = event.detail.count;
      });
    }
  </script>
</body></html>`;

/** A site that is not in FRAME_ANCESTORS: it tries to frame the chat and to command it. */
const OTHER_PAGE = (appUrl: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Elsewhere</title></head>
<body><iframe id="chat" title="Chat" src="${appUrl}/login" style="width: 600px; height: 400px"></iframe></body></html>`;

describe('the chat embedded in a portal on another site (browser)', () => {
  let portal: Site;
  let other: Site;
  let idp: TestIdp;

  beforeAll(async () => {
    [portal, other, idp] = await Promise.all([startSite(PORTAL_PAGE), startSite(OTHER_PAGE), TestIdp.listen()]);
  });
  // The app on 127.0.0.1, the portals on localhost: another site, so the chat is a third party in their pages.
  const suite = browserSuite(() => ({
    FRAME_ANCESTORS: portal.url,
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: 'chat',
    OIDC_CLIENT_SECRET: 'chat-secret',
    OIDC_LABEL: 'Acme ID',
  }));
  const appUrl = () => suite.app.baseUrl;
  beforeAll(() => {
    portal.appUrl = appUrl();
    other.appUrl = appUrl();
    idp.register(appUrl());
  });
  afterAll(async () => {
    for (const { server } of [portal, other]) server?.close();
    await idp?.close();
  });

  const chatIn = (page: Page): FrameLocator => page.locator('portal-chat iframe').contentFrame();
  const composer = (frame: FrameLocator) => frame.getByRole('textbox', { name: /^Message / });
  const messages = (frame: FrameLocator) => frame.getByRole('region', { name: /^Messages with/ });
  const unreadShown = (page: Page, count: number) =>
    page.waitForFunction((n) => document.getElementById('unread')!.textContent === String(n), count);

  const errorsOf = new Map<Page, PageErrors>();
  async function openPortal(): Promise<Page> {
    const page = await (await suite.newContext()).newPage();
    errorsOf.set(page, suite.watch(page));
    await page.goto(portal.url);
    return page;
  }

  async function submitSignIn(page: Page, person: SignedUp): Promise<void> {
    const frame = chatIn(page);
    await frame.getByLabel('Username or email').fill(person.input.username);
    await frame.getByLabel('Password').fill(person.input.password);
    await frame.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  async function signInInFrame(page: Page, person: SignedUp): Promise<void> {
    await submitSignIn(page, person);
    await chatIn(page).getByRole('navigation', { name: 'Main' }).waitFor();
  }

  it('lets two people chat through their portals, tells each portal the unread count, and opens a chat by username', async () => {
    const ada = await signUpApi(appUrl(), { displayName: 'Ada Lovelace' });
    const grace = await signUpApi(appUrl(), { displayName: 'Grace Hopper' });
    const conversationId = await befriendAndOpenChat(appUrl(), ada, grace);
    const [adaPortal, gracePortal] = [await openPortal(), await openPortal()];

    // Signed out at first: the portal hears so.
    await adaPortal.waitForFunction(() => (window as any).portalEvents.some((e: any) => e.type === 'chat:signed-out'));
    await signInInFrame(adaPortal, ada);
    await signInInFrame(gracePortal, grace);
    await unreadShown(gracePortal, 0);

    await adaPortal.evaluate(
      (username) => (document.getElementById('chat') as any).open({ username }),
      grace.user.username,
    );
    await composer(chatIn(adaPortal)).fill('Hello from the portal');
    await composer(chatIn(adaPortal)).press('Enter');
    const opened = await adaPortal.evaluate(() =>
      (window as any).portalEvents.find((e: any) => e.type === 'chat:opened'),
    );
    expect(opened).toEqual({ type: 'chat:opened', conversationId });

    // Grace is on her chat list: her portal's badge counts the message, and drops to 0 once she opens it.
    await unreadShown(gracePortal, 1);
    await gracePortal.evaluate(
      (username) => (document.getElementById('chat') as any).open({ username }),
      ada.user.username,
    );
    await messages(chatIn(gracePortal)).getByText('Hello from the portal').waitFor();
    await unreadShown(gracePortal, 0);

    // The events come as plain postMessage too, from the chat's origin, to the portal's exact origin.
    const raw = await gracePortal.evaluate(() => (window as any).rawMessages as { origin: string; type: string }[]);
    expect(new Set(raw.map((m) => m.origin))).toEqual(new Set([appUrl()]));
    expect(raw.map((m) => m.type)).toEqual(expect.arrayContaining(['chat:unread', 'chat:opened']));

    // The session lives in the chat's partitioned cookie jar under this portal: a reload keeps Grace signed in.
    await gracePortal.reload();
    await chatIn(gracePortal).getByRole('navigation', { name: 'Main' }).waitFor();
  });

  it('shows the chat in the language of its lang attribute', async () => {
    const page = await openPortal();
    await page.evaluate(() => {
      const german = document.createElement('portal-chat');
      german.setAttribute('lang', 'de');
      german.style.cssText = 'display:block; height: 400px';
      document.body.append(german);
    });
    // The element's shadow root holds the frame; Playwright's CSS locators pierce it.
    const frame = (await (await page.locator('portal-chat[lang=de] iframe').elementHandle())!.contentFrame())!;
    expect(frame.url()).toContain('?lang=de');
    await frame.waitForFunction(() => document.title === 'Anmelden · Portal Chat');
    expect(await frame.evaluate(() => document.documentElement.lang)).toBe('de');
  });

  it("opens the chat named by the element's attribute, and says so when it cannot", async () => {
    const ada = await signUpApi(appUrl(), { displayName: 'Ada Lovelace' });
    const page = await openPortal();
    await signInInFrame(page, ada);
    await page.evaluate(() => document.getElementById('chat')!.setAttribute('open-email', 'nobody@nowhere.example'));
    errorsOf.get(page)!.expectFailure(404, '/api/conversations');
    await chatIn(page).getByText('There is no one you can chat with by that name or address.').waitFor();
  });

  it('cannot be framed by a site outside FRAME_ANCESTORS, whose messages do nothing', async () => {
    const page = await (await suite.newContext()).newPage();
    await page.goto(other.url);
    // The browser refuses to show the chat in the frame (CSP frame-ancestors): an error page instead of the app.
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    // The frame is added by embed.js, so it may still be on its way when the page has loaded.
    await frame.waitForURL(/^chrome-error:/);
    expect(await frame.locator('#login').count()).toBe(0);

    // Opened as a window instead, the chat keeps that site out (Cross-Origin-Opener-Policy): the site's handle on
    // the window goes dead at once, so its messages reach nothing.
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      page.evaluate((url) => void ((window as any).chat = window.open(`${url}/login`)), appUrl()),
    ]);
    await popup.getByLabel('Username or email').waitFor();
    await popup.evaluate(() => {
      (window as any).received = 0;
      window.addEventListener('message', () => ((window as any).received += 1));
    });
    expect(await page.evaluate(() => (window as any).chat.closed)).toBe(true);
    await page.evaluate(
      (url) => (window as any).chat.postMessage({ type: 'chat:open', username: 'ada' }, url),
      appUrl(),
    );
    await popup.waitForLoadState('networkidle');
    expect(await popup.evaluate(() => (window as any).received)).toBe(0);
    expect(new URL(popup.url()).pathname).toBe('/login');
  });

  it('signs in with single sign-on from the frame through a popup, without typing at the IdP', async () => {
    idp.accounts.set('sub-portal', {
      email: 'pat@acme.example',
      email_verified: true,
      preferred_username: 'pat',
      name: 'Pat Portal',
    });
    idp.loginAs = 'sub-portal';
    const page = await openPortal();
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      chatIn(page).getByRole('button', { name: 'Sign in with Acme ID' }).click(),
    ]);
    await popup.waitForEvent('close');
    await chatIn(page).getByRole('link', { name: 'Signed in as Pat Portal, open profile' }).waitFor();
    // The frame's session is its own: a reload keeps it.
    await page.reload();
    await chatIn(page).getByRole('navigation', { name: 'Main' }).waitFor();
  });

  it("offers to open in a new tab when the browser withholds the chat's cookies inside the portal", async () => {
    const ada = await signUpApi(appUrl(), { displayName: 'Ada Lovelace' });
    // A browser that blocks the chat's cookies under this portal, partitioned ones too (a site exception in
    // Chromium's cookie settings, as a person or a policy sets it; browsers without CHIPS behave the same).
    const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
    mkdirSync(join(profile, 'Default'));
    const exceptions = { cookies: { [`${appUrl()},${portal.url}`]: { setting: 2 } } };
    writeFileSync(
      join(profile, 'Default', 'Preferences'),
      JSON.stringify({ profile: { content_settings: { exceptions } } }),
    );
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    });
    try {
      const page = await context.newPage();
      const errors = watchPageErrors(page);
      await page.goto(portal.url);
      await submitSignIn(page, ada);
      const open = chatIn(page).getByRole('link', { name: 'Open in a new tab' });
      await open.waitFor();
      const [tab] = await Promise.all([context.waitForEvent('page'), open.click()]);
      await tab.waitForURL(`${appUrl()}/**`);
      // A tab of its own is first-party: signing in there sticks.
      await tab.getByLabel('Username or email').fill(ada.input.username);
      await tab.getByLabel('Password').fill(ada.input.password);
      await tab.getByRole('button', { name: 'Sign in', exact: true }).click();
      await tab.getByRole('navigation', { name: 'Main' }).waitFor();
      expect(errors.list).toEqual([]);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
