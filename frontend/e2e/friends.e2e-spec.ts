import type { Page } from 'playwright-core';

import { buildSignup, signUp, type SignupDetails } from './support/auth';
import type { PageErrors } from './support/browser';
import { openFriendsPanel, personIn, searchFor } from './support/friends';
import { browserSuite } from './support/suite';

jest.setTimeout(60_000);

/** Two people, each in a browser of their own (separate cookies, separate sockets). */
describe('friends and live presence (browser)', () => {
  const suite = browserSuite();

  async function person(displayName: string): Promise<{ page: Page; errors: PageErrors; details: SignupDetails }> {
    const context = await suite.newContext();
    const page = await context.newPage();
    const pageErrors = suite.watch(page);
    const details = await signUp(page, suite.url, buildSignup({ displayName }));
    await openFriendsPanel(page);
    return { page, errors: pageErrors, details };
  }

  /** Two people who are friends, both online, with the friends panel open. */
  async function friends(a: string, b: string) {
    const ada = await person(a);
    const grace = await person(b);
    await (await searchFor(ada.page, grace.details.username, b)).getByRole('button', { name: 'Add friend' }).click();
    await personIn(grace.page, 'Incoming requests', a).getByRole('button', { name: 'Accept' }).click();
    await personIn(ada.page, 'Friends', b).getByRole('img', { name: 'online' }).waitFor();
    return { ada, grace };
  }

  it('sends a request, sees it arrive and accepted live, and follows presence', async () => {
    const ada = await person('Ada Lovelace');
    const grace = await person('Grace Hopper');
    const badge = grace.page.getByTestId('requests-badge');
    expect(await badge.count()).toBe(0);

    // Ada finds Grace by the start of her username and asks.
    const result = await searchFor(ada.page, grace.details.username.slice(0, 8), 'Grace Hopper');
    await result.getByRole('button', { name: 'Add friend' }).click();
    await result.getByText('Requested').waitFor();
    await personIn(ada.page, 'Sent requests', 'Grace Hopper').waitFor();

    // Grace sees it without reloading: the badge, the request, and a screen reader announcement.
    await badge.waitFor();
    expect((await badge.textContent())?.trim()).toBe('1 new');
    const request = personIn(grace.page, 'Incoming requests', 'Ada Lovelace');
    await request.waitFor();
    expect(await grace.page.getByTestId('friends-announcement').textContent()).toContain(
      'Ada Lovelace sent you a friend request.',
    );
    await request.getByRole('button', { name: 'Accept' }).click();
    await badge.waitFor({ state: 'detached' });

    // Both are friends now, each sees the other online, and Ada's search result says so.
    await personIn(grace.page, 'Friends', 'Ada Lovelace').getByRole('img', { name: 'online' }).waitFor();
    const graceForAda = personIn(ada.page, 'Friends', 'Grace Hopper');
    await graceForAda.getByRole('img', { name: 'online' }).waitFor();
    await personIn(ada.page, 'Search results', 'Grace Hopper').getByText('Friends', { exact: true }).waitFor();
    expect(await ada.page.getByRole('list', { name: 'Sent requests' }).count()).toBe(0);

    // Grace leaves: Ada sees her go offline, with when she was last seen.
    await grace.page.close();
    await graceForAda.getByRole('img', { name: 'online' }).waitFor({ state: 'detached' });
    await graceForAda.getByText('last seen just now').waitFor();

    // A reload (a fresh connection) keeps the friendship and the presence.
    await ada.page.reload();
    await openFriendsPanel(ada.page);
    await personIn(ada.page, 'Friends', 'Grace Hopper').getByText('last seen just now').waitFor();
  });

  it('declines and cancels requests live on both sides', async () => {
    const ada = await person('Ada Lovelace');
    const grace = await person('Grace Hopper');

    await (
      await searchFor(ada.page, grace.details.username, 'Grace Hopper')
    )
      .getByRole('button', { name: 'Add friend' })
      .click();
    const incoming = personIn(grace.page, 'Incoming requests', 'Ada Lovelace');
    await incoming.getByRole('button', { name: 'Decline' }).click();
    await personIn(ada.page, 'Search results', 'Grace Hopper').getByRole('button', { name: 'Add friend' }).waitFor();
    expect(await ada.page.getByRole('list', { name: 'Sent requests' }).count()).toBe(0);

    await personIn(ada.page, 'Search results', 'Grace Hopper').getByRole('button', { name: 'Add friend' }).click();
    await incoming.waitFor();
    await personIn(ada.page, 'Sent requests', 'Grace Hopper').getByRole('button', { name: 'Cancel' }).click();
    await incoming.waitFor({ state: 'detached' });
    expect(await grace.page.getByTestId('requests-badge').count()).toBe(0);
  });

  it('blocks from the profile card after confirming, and unblocks', async () => {
    const { ada, grace } = await friends('Ada Lovelace', 'Grace Hopper');

    // The card is a modal dialog: keyboard-reachable, closed with Escape.
    const name = personIn(ada.page, 'Friends', 'Grace Hopper')
      .getByRole('button', { name: /Grace Hopper/ })
      .first();
    await name.click();
    const card = ada.page.getByRole('dialog', { name: 'Grace Hopper' });
    await card.waitFor();
    expect(await card.textContent()).toContain(`@${grace.details.username}`);
    await ada.page.keyboard.press('Escape');
    await card.waitFor({ state: 'hidden' });

    await name.click();
    await card.getByRole('button', { name: 'Block' }).click();
    await card.getByText('Block Grace Hopper?').waitFor();
    await card.getByRole('button', { name: 'Yes, block' }).click();
    await card.getByRole('button', { name: 'Unblock' }).waitFor();
    await ada.page.keyboard.press('Escape');

    // Both lose the friendship at once.
    await personIn(ada.page, 'Friends', 'Grace Hopper').waitFor({ state: 'detached' });
    await grace.page.getByText('No friends yet').waitFor();
    await ada.page.getByText('Blocked (1)').click();
    const blocked = personIn(ada.page, 'Blocked people', 'Grace Hopper');
    await blocked.waitFor();

    // Grace can no longer ask Ada; the reason is shown.
    grace.errors.expectFailure(404, '/api/friends/requests');
    await (
      await searchFor(grace.page, ada.details.username, 'Ada Lovelace')
    )
      .getByRole('button', { name: 'Add friend' })
      .click();
    await grace.page
      .getByRole('alert')
      .filter({ hasText: /could not be found/i })
      .waitFor();

    await blocked.getByRole('button', { name: 'Unblock' }).click();
    await ada.page.getByText('Blocked (1)').waitFor({ state: 'detached' });
    await (
      await searchFor(ada.page, grace.details.username, 'Grace Hopper')
    )
      .getByRole('button', { name: 'Add friend' })
      .waitFor();
  });
});
