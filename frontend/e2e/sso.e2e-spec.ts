import type { Page } from 'playwright-core';

import { ADMIN_ROLE, Keycloak, type KeycloakRealm, type KeycloakUser } from '../../backend/test/support/keycloak';
import { browserSuite } from './support/suite';

jest.setTimeout(60_000);

describe('single sign-on with Keycloak (browser)', () => {
  let keycloak: Keycloak;
  let realm: KeycloakRealm;

  // Keycloak takes 10–40 s to start on a busy machine: once for the whole file, before the app that points at it.
  beforeAll(async () => {
    keycloak = await Keycloak.start();
    realm = await keycloak.createRealm();
  }, 240_000);
  const suite = browserSuite(() => realm.appEnv());
  beforeAll(() => realm.allowApp(suite.url));
  afterAll(() => keycloak?.stop(), 30_000);

  const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

  async function openPage(): Promise<Page> {
    const page = await (await suite.newContext()).newPage();
    suite.watch(page);
    return page;
  }

  /** Keycloak's own login page, as the person sees it. */
  async function signInAtKeycloak(page: Page, person: KeycloakUser): Promise<void> {
    await page.waitForURL(`${realm.issuer}/**`);
    await page.getByLabel('Username or email').fill(person.username);
    await page.getByLabel('Password', { exact: true }).fill(person.password);
    await page.getByRole('button', { name: 'Sign In' }).click();
  }

  it("signs a person in through Keycloak's login form, to where they were going; sign out ends Keycloak's session too", async () => {
    const person = await realm.addUser();
    const page = await openPage();
    await page.goto(`${suite.url}/profile`);
    await page.waitForURL(/\/login\?returnUrl=%2Fprofile$/);
    await page.getByRole('link', { name: 'Sign in with Keycloak' }).click();
    await signInAtKeycloak(page, person);

    await page.waitForURL(`${suite.url}/profile`);
    await page
      .getByRole('link', { name: `Signed in as ${person.firstName} ${person.lastName}, open profile` })
      .waitFor();
    await page.getByText('Your account is linked to Keycloak: you can sign in with it.').waitFor();
    expect(await mainNav(page).getByRole('link', { name: 'Admin' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Sign out' }).first().click();
    await page.waitForURL(`${suite.url}/login`);
    await page.getByRole('link', { name: 'Sign in with Keycloak' }).click();
    // Keycloak asks again: its session ended with the app's.
    await page.waitForURL(`${realm.issuer}/**`);
    await page.getByLabel('Username or email').waitFor();
  });

  it(`shows a member of ${ADMIN_ROLE} the admin page`, async () => {
    const person = await realm.addUser([ADMIN_ROLE]);
    const page = await openPage();
    await page.goto(`${suite.url}/login`);
    await page.getByRole('link', { name: 'Sign in with Keycloak' }).click();
    await signInAtKeycloak(page, person);

    await page.waitForURL(`${suite.url}/`);
    await mainNav(page).getByRole('link', { name: 'Admin' }).click();
    await page.waitForURL(`${suite.url}/admin`);
    await page.getByRole('img', { name: /Messages per day/ }).waitFor();
  });
});
