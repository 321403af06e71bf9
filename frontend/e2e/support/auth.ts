import { randomBytes } from 'node:crypto';

import type { Page } from 'playwright-core';

export interface SignupDetails {
  displayName: string;
  username: string;
  email: string;
  password: string;
}

/** A fresh person with a unique username and email. */
export function buildSignup(overrides: Partial<SignupDetails> = {}): SignupDetails {
  const suffix = randomBytes(4).toString('hex');
  return {
    displayName: 'Ada Lovelace',
    username: `ada_${suffix}`,
    email: `ada.${suffix}@example.com`,
    password: 'analytical-engine-1843',
    ...overrides,
  };
}

/** Signs up through the form and waits until the app has landed on a signed-in page. */
export async function signUp(
  page: Page,
  baseUrl: string,
  details: SignupDetails = buildSignup(),
): Promise<SignupDetails> {
  await page.goto(`${baseUrl}/signup`);
  await page.getByLabel('Display name').fill(details.displayName);
  await page.getByLabel('Username').fill(details.username);
  await page.getByLabel('Email').fill(details.email);
  await page.getByLabel('Password').fill(details.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  return details;
}

/** Signs in through the form (from wherever the page is, e.g. after a redirect to /login). */
export async function logIn(page: Page, login: string, password: string): Promise<void> {
  await page.getByLabel('Username or email').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
