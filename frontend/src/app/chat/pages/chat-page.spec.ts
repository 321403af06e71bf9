import { TestBed } from '@angular/core/testing';

import { initialFriendsState } from '../../friends/friends-feature';
import { CONVERSATION } from '../../testing/chat-builders';
import { setupChatRoutes } from '../../testing/chat-routes';
import { buildRequest } from '../../testing/friends-builders';
import { ChatPageActions } from '../state/chat-actions';

describe('ChatPage', () => {
  it('lists the chats with preview and unread count, and says no chat is open', async () => {
    const { el, dispatched } = await setupChatRoutes('/');
    expect(dispatched).not.toHaveBeenCalledWith(expect.objectContaining({ type: ChatPageActions.opened.type }));
    const row = el.querySelector<HTMLAnchorElement>('ul[aria-label=Chats] a')!;
    expect(row.getAttribute('href')).toBe(`/c/${CONVERSATION}`);
    expect(row.getAttribute('aria-current')).toBeNull();
    expect(row.textContent).toContain('Grace Hopper');
    expect(row.textContent).toContain('See you at noon');
    expect(row.querySelector('[data-testid=unread-badge]')?.textContent).toContain('2');
    expect(el.textContent).toContain('No chat selected');
  });

  it('shows the list or the conversation on a phone, as the URL says', async () => {
    const { harness, el } = await setupChatRoutes('/');
    const aside = el.querySelector<HTMLElement>('aside')!;
    const pane = el.querySelector<HTMLElement>('section[aria-label=Conversation]')!;
    expect([aside.classList.contains('hidden'), pane.classList.contains('hidden')]).toEqual([false, true]);

    await harness.navigateByUrl(`/c/${CONVERSATION}`);
    await harness.fixture.whenStable();
    expect([aside.classList.contains('hidden'), pane.classList.contains('hidden')]).toEqual([true, false]);
    expect(el.querySelector('ul[aria-label=Chats] a')!.getAttribute('aria-current')).toBe('page');
  });

  it('switches the sidebar to the friends panel with the keyboard', async () => {
    const { fixture, el } = await setupChatRoutes('/');
    const [chats, friends] = [...el.querySelectorAll<HTMLButtonElement>('[role=tab]')];
    expect(chats.getAttribute('aria-selected')).toBe('true');
    chats.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await fixture.whenStable();
    expect(friends.getAttribute('aria-selected')).toBe('true');
    expect(el.querySelector<HTMLElement>('#panel-friends')!.hidden).toBe(false);
    expect(el.querySelector<HTMLElement>('#panel-chats')!.hidden).toBe(true);
  });

  it('shows the chat list again when a conversation opens from the friends panel', async () => {
    const { harness, el } = await setupChatRoutes('/');
    const [chats, friends] = [...el.querySelectorAll<HTMLButtonElement>('[role=tab]')];
    friends.click();
    await harness.fixture.whenStable();
    expect(friends.getAttribute('aria-selected')).toBe('true');

    await harness.navigateByUrl(`/c/${CONVERSATION}`);
    await harness.fixture.whenStable();
    expect(chats.getAttribute('aria-selected')).toBe('true');
    expect(el.querySelector<HTMLElement>('#panel-chats')!.hidden).toBe(false);
  });

  it('shows the number of pending friend requests on the Friends tab', async () => {
    const friendsTab = (el: HTMLElement) => el.querySelectorAll<HTMLButtonElement>('[role=tab]')[1];
    expect(friendsTab((await setupChatRoutes('/')).el).textContent!.trim()).toBe('Friends');
    TestBed.resetTestingModule();

    const incoming = [buildRequest('incoming'), buildRequest('incoming')];
    const { el } = await setupChatRoutes('/', {
      ...initialFriendsState,
      incoming: { ids: incoming.map((r) => r.id), entities: Object.fromEntries(incoming.map((r) => [r.id, r])) },
    });
    expect(friendsTab(el).textContent!.replace(/\s+/g, ' ').trim()).toBe('Friends 2 friend requests');
  });
});
