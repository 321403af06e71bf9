import type { Page } from 'playwright-core';
import request from 'supertest';

import {
  bearer,
  createGroup,
  newClientId,
  type SignedUp,
  signUp as signUpApi,
} from '../../backend/test/support/builders';
import { connect, emitWithAck, type TestSocket } from '../../backend/test/support/sockets';
import { logIn } from './support/auth';
import { expectNoSeriousAxeViolations } from './support/axe';
import { browserSuite } from './support/suite';

jest.setTimeout(120_000);

/** Set to a directory to keep screenshots of the group view (1280 and 375 px, light and dark) for a look. */
const SCREENSHOT_DIR = process.env.GROUP_VIEW_SCREENSHOTS;

describe('a group conversation (browser)', () => {
  const suite = browserSuite();
  const sockets: TestSocket[] = [];
  afterEach(() => sockets.splice(0).forEach((socket) => socket.close()));

  async function openAs(person: SignedUp, viewport = { width: 1280, height: 800 }): Promise<Page> {
    const context = await suite.newContext();
    const page = await context.newPage();
    await page.setViewportSize(viewport);
    suite.watch(page);
    await page.goto(`${suite.url}/login`);
    await logIn(page, person.input.username, person.input.password);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    return page;
  }

  async function sendText(from: SignedUp, conversationId: string, text: string): Promise<string> {
    const sent = await request(suite.app.baseUrl)
      .post(`/api/conversations/${conversationId}/messages`)
      .set(bearer(from.accessToken))
      .send({ clientId: newClientId(), text })
      .expect(201);
    return sent.body.id;
  }

  async function socketOf(person: SignedUp): Promise<TestSocket> {
    const socket = await connect(suite.app.baseUrl, person.accessToken);
    sockets.push(socket);
    return socket;
  }

  async function screenshots(page: Page, name: string): Promise<void> {
    if (!SCREENSHOT_DIR) return;
    for (const width of [1280, 375]) {
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.setViewportSize({ width, height: 800 });
        await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-${width}-${scheme}.png` });
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 800 });
  }

  it('shows the group in the list and header, sender names, system lines, receipts, typing, and removal', async () => {
    const ada = await signUpApi(suite.app.baseUrl, { displayName: 'Ada Lovelace' });
    const grace = await signUpApi(suite.app.baseUrl, { displayName: 'Grace Hopper' });
    const ben = await signUpApi(suite.app.baseUrl, { displayName: 'Ben Bitdiddle' });
    const groupId = await createGroup(suite.app.baseUrl, ben, [ada, grace], 'Ops');
    await sendText(grace, groupId, 'Morning, team');

    const page = await openAs(ada);
    const row = page.getByTestId(`conversation-${groupId}`);
    await row.filter({ hasText: 'Ops' }).filter({ hasText: 'Grace Hopper: Morning, team' }).waitFor();
    await row.click();

    // The header: the group's name (a link to its info), its members.
    const title = page.getByTestId('chat-title');
    await title.filter({ hasText: 'Ops' }).waitFor();
    expect(await title.getByRole('link', { name: 'Ops' }).getAttribute('href')).toBe(`/c/${groupId}/info`);
    await page.getByTestId('chat-presence').filter({ hasText: '3 members' }).waitFor();
    expect(await page.getByRole('link', { name: 'Group info' }).getAttribute('href')).toBe(`/c/${groupId}/info`);

    // The timeline: how the group began, as a sentence; the sender's name above someone else's run.
    const messages = page.getByRole('region', { name: 'Messages in Ops' });
    await messages.getByTestId('system-line').filter({ hasText: 'Ben Bitdiddle created the group “Ops”' }).waitFor();
    await messages.getByTestId('sender-name').filter({ hasText: 'Grace Hopper' }).waitFor();

    // My message: delivered to one of two, then seen, with the list on demand.
    const [graceSocket, benSocket] = [await socketOf(grace), await socketOf(ben)];
    const composer = page.getByRole('textbox', { name: /^Message / });
    await composer.fill('Hello both');
    await composer.press('Enter');
    const receipt = page.getByTestId('group-receipt');
    const mine = await graceSocket.next('message:new', (p) => p.message.text === 'Hello both', 10_000);
    await emitWithAck(benSocket.socket, 'message:received', {
      conversationId: groupId,
      upTo: mine.message.id,
    });
    await receipt.filter({ hasText: 'Delivered to 1 of 2' }).waitFor();
    await request(suite.app.baseUrl)
      .post(`/api/conversations/${groupId}/read`)
      .set(bearer(grace.accessToken))
      .send({ upTo: mine.message.id })
      .expect(204);
    await receipt.filter({ hasText: 'Seen by Grace Hopper' }).waitFor();
    await receipt.focus();
    await page.keyboard.press('Enter');
    const details = page.locator('details[open]');
    await details.getByText('Ben Bitdiddle').waitFor();
    await expectNoSeriousAxeViolations(page);

    // Two people typing at once.
    await emitWithAck(graceSocket.socket, 'typing', { conversationId: groupId, typing: true });
    await emitWithAck(benSocket.socket, 'typing', { conversationId: groupId, typing: true });
    const typing = page.getByTestId('typing-indicator');
    await typing
      .filter({ hasText: /(Grace Hopper and Ben Bitdiddle|Ben Bitdiddle and Grace Hopper) are typing…/ })
      .waitFor();
    await screenshots(page, 'group-view');
    await emitWithAck(graceSocket.socket, 'typing', { conversationId: groupId, typing: false });
    await emitWithAck(benSocket.socket, 'typing', { conversationId: groupId, typing: false });

    // Grace leaves: the line keeps her name, also after a reload, when the group no longer lists her as a member.
    await request(suite.app.baseUrl)
      .delete(`/api/conversations/${groupId}/members/${grace.user.id}`)
      .set(bearer(grace.accessToken))
      .expect(204);
    const graceLeft = messages.getByTestId('system-line').filter({ hasText: 'Grace Hopper left' });
    await graceLeft.waitFor();
    await page.reload();
    await page.getByTestId('chat-presence').filter({ hasText: '2 members' }).waitFor();
    await graceLeft.waitFor();

    // Removed: the history stays, the composer gives way to a notice, nothing later arrives.
    await request(suite.app.baseUrl)
      .delete(`/api/conversations/${groupId}/members/${ada.user.id}`)
      .set(bearer(ben.accessToken))
      .expect((res) => expect(res.status).toBeLessThan(300));
    await messages.getByTestId('system-line').filter({ hasText: 'You were removed' }).waitFor();
    await page.getByTestId('reply-closed').filter({ hasText: 'You are no longer a member of this group.' }).waitFor();
    expect(await composer.count()).toBe(0);
    await sendText(ben, groupId, 'After you left');
    await sendText(ben, groupId, 'Still going');
    await benSocket.next('message:new', (p) => p.message.text === 'Still going', 10_000);
    expect(await messages.getByText('Hello both').count()).toBe(1);
    expect(await messages.getByText('Still going').count()).toBe(0);
    await row.filter({ hasText: 'You were removed' }).waitFor();
    // Nothing new comes from it, so nothing to mute.
    expect(await page.getByTestId('mute-button').count()).toBe(0);
    await expectNoSeriousAxeViolations(page);
    await screenshots(page, 'group-removed');

    // Its info, read-only as it was when I was removed: no changes, no member actions, no Leave.
    await page.getByTestId('group-info-link').click();
    await page.getByRole('heading', { name: 'Group info' }).waitFor();
    const memberList = page.getByRole('list', { name: 'Members' });
    await memberList.getByText('Ben Bitdiddle').waitFor();
    expect(await memberList.getByText('Grace Hopper').count()).toBe(0);
    expect(await memberList.getByText('Ada Lovelace').count()).toBe(0);
    await page.getByText('You are no longer a member of this group.').waitFor();
    expect(await page.getByTestId('group-name').textContent()).toContain('Ops');
    expect(await page.getByRole('button', { name: /Leave group|Add members|Rename|Actions for/ }).count()).toBe(0);
    expect(await page.getByRole('switch').count()).toBe(0);
    expect(await page.locator('#group-name').count()).toBe(0);
    await expectNoSeriousAxeViolations(page);
    await screenshots(page, 'group-info-removed');
  });
});
