import type { MessageWindowView } from '@contracts/messages';
import type { Actions } from '@ngrx/effects';
import type { Action, Store } from '@ngrx/store';
import { BehaviorSubject, Subject } from 'rxjs';

import { buildChatMessage, buildMessage, CONVERSATION } from '../../testing/chat-builders';
import type { ChatApi } from '../chat-api';
import { ChatPageActions, MessagesApiActions } from './chat-actions';
import { openAtMessage$ } from './jump-effects';
import { emptyThread, type Thread, threadAdapter } from './messages-feature';

describe('openAtMessage$', () => {
  const held = buildChatMessage({ text: 'held' });
  const target = buildMessage({ text: 'old one' });

  function setup(thread: Partial<Thread>) {
    const actions$ = new Subject<Action>();
    const threads = { [CONVERSATION]: threadAdapter.setMany([held], { ...emptyThread, ...thread }) };
    const store = { select: () => new BehaviorSubject(threads) } as unknown as Store;
    const windows: Subject<MessageWindowView>[] = [];
    const api = {
      around: jest.fn(() => {
        windows.push(new Subject());
        return windows[windows.length - 1];
      }),
    };
    const out: Action[] = [];
    openAtMessage$(actions$ as Actions, store, api as unknown as ChatApi).subscribe((action) => out.push(action));
    return { actions$, api, windows, out };
  }

  it('opening at a message loads the history around it instead of the newest page', () => {
    const { actions$, api, windows, out } = setup({ status: 'loading' });
    actions$.next(ChatPageActions.opened({ conversationId: CONVERSATION }));
    expect(api.around).not.toHaveBeenCalled();

    actions$.next(ChatPageActions.opened({ conversationId: CONVERSATION, at: target.id }));
    expect(api.around).toHaveBeenCalledWith(CONVERSATION, target.id);
    windows[0].next({ items: [target], olderCursor: target.id, newerCursor: null });
    expect(out).toEqual([
      MessagesApiActions.jumpLoaded({
        conversationId: CONVERSATION,
        messageId: target.id,
        messages: [target],
        hasOlder: true,
        hasNewer: false,
      }),
    ]);
  });

  it("a jump to a reply's original loads nothing when it is held, and the newest jump wins", () => {
    const { actions$, api, windows, out } = setup({ status: 'loaded' });
    actions$.next(ChatPageActions.jumpRequested({ conversationId: CONVERSATION, messageId: held.id }));
    expect(api.around).not.toHaveBeenCalled();

    const other = buildMessage();
    actions$.next(ChatPageActions.jumpRequested({ conversationId: CONVERSATION, messageId: target.id }));
    actions$.next(ChatPageActions.jumpRequested({ conversationId: CONVERSATION, messageId: other.id }));
    windows[0].next({ items: [target], olderCursor: null, newerCursor: null });
    windows[1].next({ items: [other], olderCursor: null, newerCursor: other.id });
    expect(out).toEqual([
      MessagesApiActions.jumpLoaded({
        conversationId: CONVERSATION,
        messageId: other.id,
        messages: [other],
        hasOlder: false,
        hasNewer: true,
      }),
    ]);
  });

  it('tells when the message cannot be shown (deleted for me, from before I joined)', () => {
    const { actions$, windows, out } = setup({ status: 'loading' });
    actions$.next(ChatPageActions.opened({ conversationId: CONVERSATION, at: target.id }));
    windows[0].error({ status: 404, error: { message: 'Message not found', code: 'message_not_found' } });
    expect(out).toEqual([
      MessagesApiActions.jumpFailed({ conversationId: CONVERSATION, messageId: target.id, error: expect.any(String) }),
    ]);
  });
});
