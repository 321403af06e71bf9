import { startWebhookReceiver, until, type WebhookReceiver } from '../../backend/test/support/webhook-receiver';
import { buildSignup, signUp } from './support/auth';
import { axeViolations } from './support/axe';
import { browserSuite } from './support/suite';

jest.setTimeout(90_000);

const ADMIN_EMAIL = 'hooks@example.com';

describe('admin webhooks page (browser)', () => {
  const suite = browserSuite({
    ADMIN_EMAIL,
    WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
    WEBHOOK_BACKOFF_SECONDS: '0.05',
    WEBHOOK_PAUSE_AFTER_FAILURES: '1',
  });
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(() => receiver.close());

  it('registers an endpoint, shows its secret once, pauses it after failures and resumes it, with its delivery log', async () => {
    const context = await suite.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await context.newPage();
    const errors = suite.watch(page);
    errors.expectFailure(400, '/api/admin/webhooks');
    await signUp(page, suite.url, buildSignup({ email: ADMIN_EMAIL }));

    await page.goto(`${suite.url}/admin`);
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Webhooks' }).click();
    await page.waitForURL(`${suite.url}/admin/webhooks`);
    expect(await page.title()).toBe('Webhooks · Portal Chat');
    await page.getByText('No endpoints yet.').waitFor();

    // A refused target is explained; then a good one is registered (every delivery refused with 400 at first).
    receiver.answer = () => 400;
    await page.getByLabel('Endpoint URL').fill('http://10.0.0.1/hooks');
    await page.getByRole('button', { name: 'Register endpoint' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /10\.0\.0\.1 resolves to 10\.0\.0\.1 \(private\)/ })
      .waitFor();
    await page.getByLabel('Endpoint URL').fill(receiver.url);
    await page.getByRole('checkbox', { name: /user\.updated/ }).check();
    await page.getByRole('button', { name: 'Register endpoint' }).click();

    const secretHeading = page.getByRole('heading', { name: /copy its signing secret now/ });
    await secretHeading.waitFor();
    expect(await secretHeading.evaluate((el) => el === document.activeElement)).toBe(true);
    const secret = await page.getByLabel('Signing secret', { exact: true }).first().inputValue();
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole('button', { name: 'Copy' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    // The page's own content; the app shell around it is not this page's concern.
    expect(await axeViolations(page, { include: ['main'] })).toEqual([]);
    await page.getByRole('button', { name: 'Done' }).click();
    expect(await page.getByText(secret).count()).toBe(0);
    const row = page.getByTestId('webhook').filter({ hasText: receiver.url });
    expect(await row.textContent()).toContain(`whsec_…${secret.slice(-4)}`);
    expect(await row.textContent()).toContain('message.created, user.updated');

    // A profile change makes a user.updated event; refused once, the endpoint is paused (WEBHOOK_PAUSE_AFTER_FAILURES=1).
    await page.evaluate(async () => {
      const refreshed = await fetch('/api/auth/refresh', { method: 'POST', credentials: 'include' });
      const { accessToken } = await refreshed.json();
      await fetch('/api/users/me', {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ bio: 'testing hooks' }),
      });
    });
    await until(() => receiver.requests.length > 0, 'a refused delivery');
    await page.reload();
    await page.getByTestId('paused-banner').waitFor();
    expect(await row.textContent()).toMatch(/Paused.*1 delivery in a row failed/);
    await row.getByRole('button', { name: 'Deliveries' }).click();
    const log = page.getByRole('region', { name: `Deliveries to ${receiver.url}` });
    await log.getByText('Failed').waitFor();
    expect(await log.textContent()).toContain('HTTP 400: refused by the receiver, not retried');
    expect(await axeViolations(page, { include: ['main'] })).toEqual([]);

    for (const [width, scheme] of [
      [1280, 'light'],
      [1280, 'dark'],
      [375, 'light'],
      [375, 'dark'],
    ] as const) {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: `/tmp/webhooks-${width}-${scheme}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: 320, height: 800 });
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('main *')]
        .filter((el) => el.getBoundingClientRect().right > 320)
        .map((el) => `${el.tagName}.${el.className}`.slice(0, 80)),
    );
    expect(wide).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });

    receiver.answer = () => 204;
    await row.getByRole('button', { name: 'Resume' }).click();
    await row.getByText('Active').waitFor();
    expect(await page.getByTestId('paused-banner').count()).toBe(0);

    // Delete asks first; the list is empty after.
    await row.getByRole('button', { name: `Delete ${receiver.url}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this endpoint?' });
    await dialog.getByRole('button', { name: 'Delete endpoint' }).click();
    await page.getByText('No endpoints yet.').waitFor();
  });
});
