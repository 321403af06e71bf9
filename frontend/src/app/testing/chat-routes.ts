import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';

import { CHAT_ROUTES } from '../chat/chat-routes';
import { ChatPage } from '../chat/pages/chat-page';
import {
  conversationsAdapter,
  conversationsFeature,
  initialConversationsState,
} from '../chat/state/conversations-feature';
import { draftsFeature, initialDraftsState } from '../chat/state/drafts-feature';
import { initialMessagesState, messagesFeature } from '../chat/state/messages-feature';
import { authFeature } from '../core/auth/auth-feature';
import { connectionFeature, initialConnectionState } from '../core/socket/connection-feature';
import { FriendsPanel } from '../friends/components/friends-panel';
import { friendsFeature, initialFriendsState } from '../friends/friends-feature';
import { buildSignedInState, buildUser } from './builders';
import { buildConversation, buildMessage, ME } from './chat-builders';

@Component({ selector: 'app-friends-panel', template: '' })
class FakeFriendsPanel {}

/** The chat routes at `url`, on a store holding one conversation (open when the URL names it). */
export async function setupChatRoutes(
  url: string,
  friends = initialFriendsState,
  conversation = buildConversation({ unread: 2, lastMessage: buildMessage({ text: 'See you at noon' }) }),
) {
  const openId = url.match(/^\/c\/([^/]+)/)?.[1] ?? null;
  const conversations = conversationsAdapter.setAll(
    [conversation],
    // A mock store runs no reducers: the open conversation is set as the reducer would on `opened`.
    { ...initialConversationsState, status: 'loaded' as const, openId },
  );
  TestBed.configureTestingModule({
    providers: [
      provideRouter(CHAT_ROUTES, withComponentInputBinding()),
      provideMockStore({
        initialState: {
          [authFeature.name]: buildSignedInState({ user: buildUser({ id: ME }) }),
          [conversationsFeature.name]: conversations,
          [messagesFeature.name]: initialMessagesState,
          [friendsFeature.name]: friends,
          [draftsFeature.name]: initialDraftsState,
          [connectionFeature.name]: initialConnectionState,
        },
      }),
    ],
  });
  TestBed.overrideComponent(ChatPage, { remove: { imports: [FriendsPanel] }, add: { imports: [FakeFriendsPanel] } });
  const store = TestBed.inject(MockStore);
  // The action overload of dispatch (the other one takes a function).
  const dispatched = jest.spyOn(store, 'dispatch') as unknown as jest.SpyInstance<void, [Action]>;
  const harness = await RouterTestingHarness.create(url);
  await harness.fixture.whenStable();
  return { harness, fixture: harness.fixture, el: harness.routeNativeElement!, dispatched };
}
