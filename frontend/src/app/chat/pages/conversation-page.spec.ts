import { TestBed } from '@angular/core/testing';
import { MockStore } from '@ngrx/store/testing';

import { FriendsPanelActions } from '../../friends/friends-actions';
import { buildConversation, buildParticipant, CONVERSATION, ME } from '../../testing/chat-builders';
import { setupChatRoutes } from '../../testing/chat-routes';
import { ChatPageActions } from '../state/chat-actions';
import { selectOpenThread } from '../state/chat-selectors';
import { emptyThread } from '../state/messages-feature';

describe('ConversationPage', () => {
  it('opens the conversation of the route and sends with a fresh clientId each time', async () => {
    const { fixture, el, dispatched } = await setupChatRoutes(`/c/${CONVERSATION}`);
    expect(dispatched).toHaveBeenCalledWith(ChatPageActions.opened({ conversationId: CONVERSATION }));
    expect(el.querySelector('[data-testid=chat-title]')?.textContent).toContain('Grace Hopper');

    const box = el.querySelector<HTMLTextAreaElement>('#composer')!;
    for (const text of ['one', 'two']) {
      box.value = text;
      box.dispatchEvent(new Event('input'));
      box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', cancelable: true }));
      await fixture.whenStable();
    }
    const sends = dispatched.mock.calls
      .map(([action]) => action)
      .filter((action) => action.type === ChatPageActions.messageSent.type) as ReturnType<
      typeof ChatPageActions.messageSent
    >[];
    expect(sends.map((a) => [a.message.text, a.message.senderId, a.message.conversationId])).toEqual([
      ['one', ME, CONVERSATION],
      ['two', ME, CONVERSATION],
    ]);
    expect(sends[0].message.clientId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(sends[0].message.clientId).not.toBe(sends[1].message.clientId);
    expect(dispatched).toHaveBeenCalledWith(ChatPageActions.composerTyped({ conversationId: CONVERSATION }));
  });

  describe('focus on opening a chat', () => {
    const pointer = (fine: boolean) =>
      jest.fn((query: string) => ({ matches: query === '(pointer: fine)' ? fine : !fine }) as MediaQueryList);
    afterEach(() => delete (globalThis as { matchMedia?: unknown }).matchMedia);

    it('goes to the composer with a mouse or trackpad', async () => {
      globalThis.matchMedia = pointer(true);
      const { el } = await setupChatRoutes(`/c/${CONVERSATION}`);
      expect(document.activeElement).toBe(el.querySelector('#composer'));
    });

    it('stays off the composer on a touch screen, so the keyboard does not cover the chat', async () => {
      globalThis.matchMedia = pointer(false);
      const { el } = await setupChatRoutes(`/c/${CONVERSATION}`);
      expect(el.querySelector('#composer')).not.toBeNull();
      expect(document.activeElement).not.toBe(el.querySelector('#composer'));
    });
  });

  it('opens the next conversation of the route, and closes it when going back to the list', async () => {
    const { harness, dispatched } = await setupChatRoutes(`/c/${CONVERSATION}`);
    await harness.navigateByUrl('/c/other-conversation');
    expect(dispatched).toHaveBeenLastCalledWith(ChatPageActions.opened({ conversationId: 'other-conversation' }));
    await harness.navigateByUrl('/');
    expect(dispatched).toHaveBeenLastCalledWith(ChatPageActions.closed());
  });

  it('with a deleted user: a neutral avatar, "Deleted user", and no composer but the reason you can no longer reply', async () => {
    const participant = buildParticipant({ username: 'deleted-1', displayName: 'Deleted user', deleted: true });
    const { el } = await setupChatRoutes(`/c/${CONVERSATION}`, undefined, buildConversation({ participant }));
    expect(el.querySelector('[data-testid=chat-title]')?.textContent).toContain('Deleted user');
    expect(el.querySelector('[data-testid=chat-presence]')?.textContent).toContain('This account was deleted');
    expect(el.querySelectorAll('[data-testid=deleted-avatar]').length).toBeGreaterThan(0);
    expect(el.querySelector('#composer')).toBeNull();
    expect(el.querySelector('[data-testid=reply-closed]')?.textContent).toContain('can no longer reply');
  });

  it('with a service account: a Bot badge, no presence, and no composer but a note and a Block button', async () => {
    const participant = buildParticipant({ username: 'expenses', displayName: 'Expenses', service: true });
    const { el, fixture, dispatched } = await setupChatRoutes(
      `/c/${CONVERSATION}`,
      undefined,
      buildConversation({ participant }),
    );
    expect(el.querySelector('[data-testid=chat-title] [data-testid=service-badge]')?.textContent).toContain('Bot');
    expect(el.querySelector('[data-testid=chat-presence]')?.textContent).toContain('Automated account');
    expect(el.querySelector('#composer')).toBeNull();
    const note = el.querySelector('[data-testid=reply-closed]')!;
    expect(note.textContent).toContain("This is an automated account; you can't reply.");
    note.querySelector('button')!.click();
    await fixture.whenStable();
    expect(dispatched).toHaveBeenCalledWith(
      FriendsPanelActions.blockConfirmed({ user: expect.objectContaining({ id: participant.id }) }),
    );
  });

  it('a conversation that is not available: a plain reason, a way back and no composer', async () => {
    const { fixture, el } = await setupChatRoutes('/c/6650000000000000000000ff');
    const store = TestBed.inject(MockStore);
    const thread = { ...emptyThread, status: 'error' as const, error: 'conversationId must be a mongo id' };
    store.overrideSelector(selectOpenThread, thread);
    store.refreshState();
    await fixture.whenStable();
    expect(el.textContent).toContain("This conversation isn't available");
    expect(el.textContent).toContain('It may have been removed, or the link is wrong.');
    expect(el.textContent).not.toContain('mongo id');
    expect(el.querySelector('#composer')).toBeNull();
    const back = [...el.querySelectorAll('a')].find((link) => link.textContent?.includes('Back to your chats'));
    expect(back?.getAttribute('href')).toBe('/');
  });
});
