import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { ChatPageActions } from '../../chat/state/chat-actions';
import {
  conversationsAdapter,
  conversationsFeature,
  initialConversationsState,
} from '../../chat/state/conversations-feature';
import { initialMessagesState, messagesFeature } from '../../chat/state/messages-feature';
import { authFeature } from '../../core/auth/auth-feature';
import { FriendsPanel } from '../../friends/components/friends-panel';
import { friendsFeature, initialFriendsState } from '../../friends/friends-feature';
import { buildRequest } from '../../testing/friends-builders';
import { buildSignedInState, buildUser } from '../../testing/builders';
import { CONVERSATION, ME, buildConversation, buildMessage } from '../../testing/chat-builders';
import { HomePage } from './home-page';

@Component({ selector: 'app-friends-panel', template: 'friends' })
class FakeFriendsPanel {}

async function setup(conversationId?: string, friends = initialFriendsState) {
  const conversations = conversationsAdapter.setAll(
    [buildConversation({ unread: 2, lastMessage: buildMessage({ text: 'See you at noon' }) })],
    // A mock store runs no reducers: the open conversation is set as the reducer would on `opened`.
    { ...initialConversationsState, status: 'loaded' as const, openId: conversationId ?? null },
  );
  TestBed.configureTestingModule({
    imports: [HomePage],
    providers: [
      provideRouter([]),
      provideMockStore({
        initialState: {
          [authFeature.name]: buildSignedInState({ user: buildUser({ id: ME }) }),
          [conversationsFeature.name]: conversations,
          [messagesFeature.name]: initialMessagesState,
          [friendsFeature.name]: friends,
        },
      }),
    ],
  });
  TestBed.overrideComponent(HomePage, { remove: { imports: [FriendsPanel] }, add: { imports: [FakeFriendsPanel] } });
  const store = TestBed.inject(MockStore);
  const dispatched = jest.spyOn(store, 'dispatch');
  const fixture = TestBed.createComponent(HomePage);
  if (conversationId) fixture.componentRef.setInput('conversationId', conversationId);
  await fixture.whenStable();
  return { fixture, el: fixture.nativeElement as HTMLElement, dispatched };
}

describe('HomePage', () => {
  it('lists the chats with preview and unread count, and says no chat is open', async () => {
    const { el, dispatched } = await setup();
    expect(dispatched).toHaveBeenCalledWith(ChatPageActions.closed());
    const row = el.querySelector<HTMLAnchorElement>('ul[aria-label=Chats] a')!;
    expect(row.getAttribute('href')).toBe(`/c/${CONVERSATION}`);
    expect(row.textContent).toContain('Grace Hopper');
    expect(row.textContent).toContain('See you at noon');
    expect(row.querySelector('[data-testid=unread-badge]')?.textContent).toContain('2');
    expect(el.textContent).toContain('No chat selected');
  });

  it('opens the conversation of the route and sends with a fresh clientId each time', async () => {
    const { fixture, el, dispatched } = await setup(CONVERSATION);
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

  it('switches the sidebar to the friends panel with the keyboard', async () => {
    const { fixture, el } = await setup();
    const [chats, friends] = [...el.querySelectorAll<HTMLButtonElement>('[role=tab]')];
    expect(chats.getAttribute('aria-selected')).toBe('true');
    chats.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await fixture.whenStable();
    expect(friends.getAttribute('aria-selected')).toBe('true');
    expect(el.querySelector<HTMLElement>('#panel-friends')!.hidden).toBe(false);
    expect(el.querySelector<HTMLElement>('#panel-chats')!.hidden).toBe(true);
  });

  it('shows the number of pending friend requests on the Friends tab', async () => {
    const friendsTab = (el: HTMLElement) => el.querySelectorAll<HTMLButtonElement>('[role=tab]')[1];
    expect(friendsTab((await setup()).el).textContent!.trim()).toBe('Friends');
    TestBed.resetTestingModule();

    const incoming = [buildRequest('incoming'), buildRequest('incoming')];
    const { el } = await setup(undefined, {
      ...initialFriendsState,
      incoming: { ids: incoming.map((r) => r.id), entities: Object.fromEntries(incoming.map((r) => [r.id, r])) },
    });
    expect(friendsTab(el).textContent!.replace(/\s+/g, ' ').trim()).toBe('Friends 2 friend requests');
  });
});
