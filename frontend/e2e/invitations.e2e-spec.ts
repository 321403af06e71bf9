import { signUp as signUpApi } from '../../backend/test/support/builders';
import { type MailCatcher, startMailCatcher } from '../../backend/test/support/mail-catcher';
import { logIn } from './support/auth';
import { browserSuite } from './support/suite';

jest.setTimeout(60_000);

const ADMIN_EMAIL = 'boss@example.com';

describe('joining by invitation when sign-up needs one (browser)', () => {
  let mail: MailCatcher;
  const env: Record<string, string> = { SIGNUP: 'invite', ADMIN_EMAIL };
  // Registered before the suite's own hooks, so the app starts with this SMTP server.
  beforeAll(async () => {
    mail = await startMailCatcher();
    env['SMTP_URL'] = mail.url;
  });
  afterAll(() => mail?.close());
  const suite = browserSuite(env);

  it('an admin invites someone, who follows the mailed link, chooses a password and is in the chat', async () => {
    const boss = await signUpApi(suite.app.baseUrl, { email: ADMIN_EMAIL });
    const admin = await (await suite.newContext()).newPage();
    suite.watch(admin);
    await admin.goto(`${suite.url}/login`);
    await admin.getByText('New here? Ask your administrator for an invitation.').waitFor();
    await logIn(admin, boss.input.username, boss.input.password);
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();

    const form = admin.getByRole('form', { name: 'Invite someone' });
    await form.getByLabel('Email').fill('grace@acme.com');
    await form.getByLabel('Name').fill('Grace Hopper');
    await form.getByRole('button', { name: 'Send invitation' }).click();
    await form.getByRole('status').filter({ hasText: 'Invitation sent to grace@acme.com.' }).waitFor();
    expect(await form.getByLabel('Email').inputValue()).toBe('');
    await admin.getByText('invited Grace Hopper').waitFor();

    const invitation = await mail.next('grace@acme.com', (m) => m.subject === 'You are invited to Portal Chat');
    const { pathname, search } = new URL(invitation.link!);
    expect(pathname).toBe('/accept-invitation');
    const invitee = await (await suite.newContext()).newPage();
    suite.watch(invitee);
    await invitee.goto(`${suite.url}${pathname}${search}`);
    await invitee.getByLabel('Password').fill('grace chose this');
    await invitee.getByRole('button', { name: 'Set password and sign in' }).click();
    await invitee.getByRole('navigation', { name: 'Main' }).waitFor();
    expect(new URL(invitee.url()).pathname).toBe('/');
  });
});
