import { HttpErrorResponse } from '@angular/common/http';
import type { Router } from '@angular/router';
import type { ConversationView } from '@contracts/messages';
import type { Actions } from '@ngrx/effects';
import type { Action, Store } from '@ngrx/store';
import { BehaviorSubject, Observable, of, Subject, throwError } from 'rxjs';

import { authFeature } from '../../core/auth/auth-feature';
import { SocketActions } from '../../core/socket/socket-actions';
import { FriendsPanelActions } from '../../friends/friends-actions';
import { buildConversation, buildMessage, CONVERSATION, GRACE } from '../../testing/chat-builders';
import type { ChatApi } from '../chat-api';
import { ChatSocketActions, ConversationsApiActions, MessagesApiActions } from './chat-actions';
import { loadConversations$, navigateToOpenedChat$, openChatWithFriend$ } from './conversations-effects';

describe('loadConversations$', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function setup() {
    const actions$ = new Subject<Action>();
    const signedIn$ = new BehaviorSubject(false);
    const entities$ = new BehaviorSubject({ [CONVERSATION]: buildConversation() });
    const store = {
      select: (selector: unknown) => (selector === authFeature.selectIsSignedIn ? signedIn$ : entities$),
    } as unknown as Store;
    const api = { allConversations: jest.fn(() => of([buildConversation()])) };
    const out: Action[] = [];
    loadConversations$(actions$ as Actions, store, api as unknown as ChatApi).subscribe((a) => out.push(a));
    return { actions$, signedIn$, entities$, api, out };
  }

  it('loads the list after every (re)connect', () => {
    const { actions$, api, out } = setup();
    expect(api.allConversations).not.toHaveBeenCalled();
    actions$.next(SocketActions.connected());
    actions$.next(SocketActions.connected());
    expect(api.allConversations).toHaveBeenCalledTimes(2);
    expect(out[0]).toEqual(ConversationsApiActions.listLoaded({ conversations: [buildConversation()] }));
  });

  it('loads once at sign-in, when the socket connects, and never cancels that load', () => {
    const { actions$, signedIn$, api, out } = setup();
    let cancelled = 0;
    const answer$ = new Subject<ConversationView[]>();
    api.allConversations.mockReturnValue(
      new Observable((subscriber) => {
        answer$.subscribe(subscriber);
        return () => cancelled++;
      }),
    );
    signedIn$.next(true);
    actions$.next(SocketActions.connected());
    // Still waiting for the answer: a load torn down now was cancelled (the browser's ERR_ABORTED).
    expect(cancelled).toBe(0);
    answer$.next([buildConversation()]);
    answer$.complete();
    expect(api.allConversations).toHaveBeenCalledTimes(1);
    expect(out).toEqual([ConversationsApiActions.listLoaded({ conversations: [buildConversation()] })]);
  });

  it('reloads when deleting for me (here or in another tab) emptied the chat list’s preview, only then', () => {
    const { actions$, api, entities$ } = setup();
    entities$.next({ [CONVERSATION]: buildConversation({ lastMessage: buildMessage() }) });
    actions$.next(MessagesApiActions.deleteForMeSucceeded({ conversationId: CONVERSATION, messageId: 'older' }));
    expect(api.allConversations).not.toHaveBeenCalled();
    entities$.next({ [CONVERSATION]: buildConversation({ lastMessage: null }) });
    actions$.next(MessagesApiActions.deleteForMeSucceeded({ conversationId: CONVERSATION, messageId: 'newest' }));
    actions$.next(ChatSocketActions.messageHidden({ conversationId: CONVERSATION, id: 'newest' }));
    expect(api.allConversations).toHaveBeenCalledTimes(2);
  });

  it('reloads when a message arrives in a conversation it does not list yet', () => {
    const { actions$, api } = setup();
    actions$.next(ChatSocketActions.messageReceived({ message: buildMessage() }));
    actions$.next(ChatSocketActions.messageReceived({ message: buildMessage({ conversationId: 'new-one' }) }));
    actions$.next(ChatSocketActions.messageReceived({ message: buildMessage({ conversationId: 'new-one' }) }));
    jest.advanceTimersByTime(300);
    expect(api.allConversations).toHaveBeenCalledTimes(1);
  });

  it('reports a failure', () => {
    const { actions$, api, out } = setup();
    api.allConversations.mockReturnValue(throwError(() => new HttpErrorResponse({ status: 0 })));
    actions$.next(SocketActions.connected());
    expect(out).toEqual([ConversationsApiActions.listLoadFailed({ error: expect.stringMatching(/reach the server/) })]);
  });
});

describe('opening a chat from the friends panel', () => {
  it('gets or creates the conversation, then shows it', () => {
    const actions$ = new Subject<Action>();
    const conversation = buildConversation();
    const api = { openWith: jest.fn(() => of(conversation)) };
    const out: Action[] = [];
    openChatWithFriend$(actions$ as Actions, api as unknown as ChatApi).subscribe((a) => out.push(a));
    actions$.next(FriendsPanelActions.chatRequested({ userId: GRACE }));
    expect(api.openWith).toHaveBeenCalledWith({ userId: GRACE });
    expect(out).toEqual([ConversationsApiActions.openSucceeded({ conversation })]);

    const router = { navigate: jest.fn(), url: '/' } as unknown as Router & { navigate: jest.Mock };
    navigateToOpenedChat$(of(out[0]) as Actions, router).subscribe();
    expect(router.navigate).toHaveBeenCalledWith(['/c', CONVERSATION], { replaceUrl: false });
  });

  it("replaces a deep link's page (/u/…) with the chat it opened, so going back does not open it again", () => {
    const router = { navigate: jest.fn(), url: '/u/grace' } as unknown as Router & { navigate: jest.Mock };
    const conversation = buildConversation();
    navigateToOpenedChat$(of(ConversationsApiActions.openSucceeded({ conversation })) as Actions, router).subscribe();
    expect(router.navigate).toHaveBeenCalledWith(['/c', CONVERSATION], { replaceUrl: true });
  });

  it('says why it could not (not friends any more)', () => {
    const actions$ = new Subject<Action>();
    const error = new HttpErrorResponse({
      status: 403,
      error: {
        statusCode: 403,
        error: 'Forbidden',
        message: 'You can only start a chat with a friend',
        code: 'not_friends',
      },
    });
    const api = { openWith: jest.fn(() => throwError(() => error)) };
    const out: Action[] = [];
    openChatWithFriend$(actions$ as Actions, api as unknown as ChatApi).subscribe((a) => out.push(a));
    actions$.next(FriendsPanelActions.chatRequested({ userId: GRACE }));
    expect(out).toEqual([ConversationsApiActions.openFailed({ error: 'You can only send messages to friends.' })]);
  });
});
