import type { Page } from 'playwright-core';

import { befriend, type SignedUp, signUp as signUpApi } from '../../backend/test/support/builders';
import { logIn } from './support/auth';
import { expectNoSeriousAxeViolations } from './support/axe';
import { browserSuite } from './support/suite';

jest.setTimeout(120_000);

describe('group conversations (browser)', () => {
  const suite = browserSuite();

  /** A signed-in page in a browser context of its own (another person). */
  async function openAs(person: SignedUp): Promise<Page> {
    const context = await suite.newContext();
    const page = await context.newPage();
    suite.watch(page);
    await page.goto(`${suite.url}/login`);
    await logIn(page, person.input.username, person.input.password);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    return page;
  }

  const chatRow = (page: Page, name: string) =>
    page.getByRole('list', { name: 'Chats' }).getByRole('link', { name: new RegExp(name) });
  const messages = (page: Page) => page.getByRole('region', { name: /^Messages in/ });
  const composer = (page: Page) => page.getByRole('textbox', { name: /^Message / });
  const members = (page: Page) => page.getByRole('list', { name: 'Members', exact: true });
  const member = (page: Page, name: string) => members(page).getByRole('listitem').filter({ hasText: name });
  const readOnly = (page: Page) => page.getByText('You are no longer a member of this group.');

  async function send(page: Page, text: string): Promise<void> {
    await composer(page).fill(text);
    await composer(page).press('Enter');
  }

  async function openInfo(page: Page): Promise<void> {
    await page.getByRole('link', { name: 'Group info' }).first().click();
    await page.getByRole('heading', { name: 'Group info' }).waitFor();
  }

  /** A page that reloads loses this marker: what it shows came live. */
  const markNoReload = (page: Page) => page.evaluate(() => ((window as unknown as { live: boolean }).live = true));
  const stillLive = (page: Page) => page.evaluate(() => (window as unknown as { live?: boolean }).live === true);

  it('three people create a group, talk with receipts, add a fourth, remove one, one leaves, and rename it', async () => {
    const [ada, ben, cleo, dan] = await Promise.all(
      ['Ada Lovelace', 'Ben Bitdiddle', 'Cleo Cooper', 'Dan Dijkstra'].map((displayName) =>
        signUpApi(suite.app.baseUrl, { displayName }),
      ),
    );
    for (const friend of [ben, cleo, dan]) await befriend(suite.app.baseUrl, ada, friend);
    const [pageA, pageB, pageC] = [await openAs(ada), await openAs(ben), await openAs(cleo)];

    // Ada creates the group from the chat list, choosing her friends in the picker.
    await pageA.getByRole('link', { name: 'New group' }).click();
    await expect(
      pageA.getByRole('heading', { name: 'New group' }).evaluate((el) => el === document.activeElement),
    ).resolves.toBe(true);
    await pageA.getByLabel('Group name').fill('Ops');
    await pageA.getByLabel('Search people to add').fill('b');
    await pageA.getByRole('checkbox', { name: /Ben Bitdiddle/ }).check();
    await pageA.getByLabel('Search people to add').fill('');
    await pageA.getByRole('checkbox', { name: /Cleo Cooper/ }).check();
    await pageA.getByText('2 people chosen.').waitFor();
    await expectNoSeriousAxeViolations(pageA);
    await pageA.getByRole('button', { name: 'Create group' }).click();
    await pageA.waitForURL(/\/c\/[0-9a-f]{24}$/);
    const groupId = /\/c\/([0-9a-f]{24})$/.exec(pageA.url())![1];

    // Ben and Cleo find it in their lists without reloading, and talk in it.
    for (const page of [pageB, pageC]) await chatRow(page, 'Ops').click();
    await send(pageA, 'Hello team');
    for (const page of [pageB, pageC]) await messages(page).getByText('Hello team').waitFor();
    await pageA
      .getByTestId('group-receipt')
      .filter({ hasText: /Seen by .*(Ben Bitdiddle|Cleo Cooper)/ })
      .waitFor();
    await send(pageB, 'Hi Ada');
    await messages(pageA).getByText('Hi Ada').waitFor();

    // Ada adds Dan from the group's info page.
    await openInfo(pageA);
    await expect(
      pageA.getByRole('heading', { name: 'Group info' }).evaluate((el) => el === document.activeElement),
    ).resolves.toBe(true);
    await pageA.getByRole('button', { name: 'Add members' }).click();
    // Current members are not offered again.
    expect(await pageA.getByRole('checkbox', { name: /Ben Bitdiddle/ }).count()).toBe(0);
    await pageA.getByRole('checkbox', { name: /Dan Dijkstra/ }).check();
    await pageA.getByRole('button', { name: 'Add to group' }).click();
    await member(pageA, 'Dan Dijkstra').waitFor();
    await pageA.getByRole('heading', { name: 'Members (4)' }).waitFor();
    await expect(member(pageA, 'Ada Lovelace').getByText('Owner').count()).resolves.toBe(1);
    await expectNoSeriousAxeViolations(pageA);
    const pageD = await openAs(dan);
    await chatRow(pageD, 'Ops').click();

    // Ada makes Ben an admin, then removes Cleo: Cleo's open tab turns read-only at once.
    await member(pageA, 'Ben Bitdiddle').getByRole('button', { name: 'Actions for Ben Bitdiddle' }).click();
    await pageA.getByRole('button', { name: 'Make admin' }).click();
    await member(pageA, 'Ben Bitdiddle').getByText('Admin').waitFor();
    await markNoReload(pageC);
    await member(pageA, 'Cleo Cooper').getByRole('button', { name: 'Actions for Cleo Cooper' }).click();
    await pageA.getByRole('button', { name: 'Remove from group' }).click();
    const removeDialog = pageA.getByRole('dialog', { name: 'Remove Cleo Cooper from the group?' });
    await removeDialog.getByRole('button', { name: 'Remove' }).click();
    await readOnly(pageC).waitFor();
    expect(await stillLive(pageC)).toBe(true);
    await expect(composer(pageC).count()).resolves.toBe(0);
    await pageA.getByRole('heading', { name: 'Members (3)' }).waitFor();

    // Ben leaves; the confirmation says what happens.
    await openInfo(pageB);
    await pageB.getByRole('button', { name: 'Leave group' }).click();
    const leaveDialog = pageB.getByRole('dialog', { name: 'Leave “Ops”?' });
    await leaveDialog.getByText(/keep the messages you have/).waitFor();
    await leaveDialog.getByRole('button', { name: 'Leave group' }).click();
    await pageB.waitForURL(new RegExp(`/c/${groupId}$`));
    await readOnly(pageB).waitFor();
    await pageA.getByRole('heading', { name: 'Members (2)' }).waitFor();

    // Ada renames it; Dan sees the new name live.
    await pageA.getByLabel('Group name').fill('Ops team');
    await pageA.getByRole('button', { name: 'Rename' }).click();
    await pageD.getByTestId('chat-title').getByText('Ops team').waitFor();
  });

  it('creates a group whose new members see earlier messages, and warns its last owner on leaving', async () => {
    const [ada, ben] = await Promise.all(
      ['Ada Lovelace', 'Ben Bitdiddle'].map((displayName) => signUpApi(suite.app.baseUrl, { displayName })),
    );
    await befriend(suite.app.baseUrl, ada, ben);
    const pageA = await openAs(ada);
    await pageA.goto(`${suite.url}/groups/new`);
    await pageA.getByLabel('Group name').fill('Pair');
    await pageA.getByRole('checkbox', { name: /Ben Bitdiddle/ }).check();
    // People added later read the history, chosen on creating it.
    await pageA.getByRole('switch', { name: 'New members see earlier messages', checked: false }).click();
    await pageA.getByText('People added later can read what was written before.').waitFor();
    await expectNoSeriousAxeViolations(pageA);
    await pageA.getByRole('button', { name: 'Create group' }).click();
    await pageA.waitForURL(/\/c\/[0-9a-f]{24}$/);
    await openInfo(pageA);
    // The owner changes it back.
    const history = pageA.getByRole('switch', { name: 'New members see earlier messages', checked: true });
    await history.click();
    await pageA.getByRole('switch', { name: 'New members see earlier messages', checked: false }).waitFor();
    const leave = pageA.getByRole('button', { name: 'Leave group' });
    await leave.click();
    const dialog = pageA.getByRole('dialog', { name: 'Leave “Pair”?' });
    await dialog
      .getByText('You are its only owner: Ben Bitdiddle becomes the owner when you leave.', { exact: false })
      .waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // Focus is back on the button that opened the dialog.
    await expect(leave.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
  });
});
