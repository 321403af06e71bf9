import type { Locator, Page } from 'playwright-core';

/** The friends panel, in the home page's sidebar (its "Friends" tab). */
export async function openFriendsPanel(page: Page): Promise<void> {
  const tab = page.getByRole('tab', { name: 'Friends' });
  await tab.click();
  await page.getByLabel('Find people').waitFor();
}

/** The row of one person in a list of the panel ("Friends", "Incoming requests", "Search results", …). */
export function personIn(page: Page, list: string, name: string): Locator {
  return page.getByRole('list', { name: list, exact: true }).getByRole('listitem').filter({ hasText: name });
}

/** Searches and waits for the person to be among the results. */
export async function searchFor(page: Page, query: string, name: string): Promise<Locator> {
  await page.getByLabel('Find people').fill(query);
  const row = personIn(page, 'Search results', name);
  await row.waitFor();
  return row;
}
