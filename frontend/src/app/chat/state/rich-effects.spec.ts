import { HttpErrorResponse } from '@angular/common/http';
import type { MessageReactionsView, MessageView } from '@contracts/messages';
import type { Actions } from '@ngrx/effects';
import type { Action } from '@ngrx/store';
import { Subject, throwError } from 'rxjs';

import { CONVERSATION, ME } from '../../testing/chat-builders';
import type { ChatApi } from '../chat-api';
import { ChatPageActions, MessagesApiActions } from './chat-actions';
import { forwardMessage$, toggleReaction$ } from './rich-effects';

const ids = { conversationId: CONVERSATION, messageId: 'm1', userId: ME };

describe('toggleReaction$', () => {
  it('sends toggles one after another, and reports a refusal with what to set back', () => {
    const answers: Subject<MessageReactionsView>[] = [];
    const api = {
      react: jest.fn((_id: string, emoji: string) => {
        if (emoji === '💥') return throwError(() => new HttpErrorResponse({ status: 409, error: { message: 'Nope' } }));
        const answer = new Subject<MessageReactionsView>();
        answers.push(answer);
        return answer;
      }),
    };
    const actions$ = new Subject<Action>();
    const out: Action[] = [];
    toggleReaction$(actions$ as Actions, api as unknown as ChatApi).subscribe((action) => out.push(action));

    actions$.next(ChatPageActions.reactionToggled({ ...ids, emoji: '👍', on: true }));
    actions$.next(ChatPageActions.reactionToggled({ ...ids, emoji: '👍', on: false }));
    expect(api.react).toHaveBeenCalledTimes(1);
    const view = { conversationId: CONVERSATION, messageId: 'm1', reactions: [], version: 1 };
    answers[0].next(view);
    answers[0].complete();
    expect(api.react).toHaveBeenLastCalledWith('m1', '👍', false);
    answers[1].complete();

    actions$.next(ChatPageActions.reactionToggled({ ...ids, emoji: '💥', on: true }));
    expect(out).toEqual([
      MessagesApiActions.reactionsChanged(view),
      MessagesApiActions.reactionFailed({ ...ids, emoji: '💥', on: true, error: expect.any(String) }),
    ]);
  });
});

describe('forwardMessage$', () => {
  it('forwards and reports the copy, or why it failed', () => {
    const copy = { id: 'copy' } as MessageView;
    const answer = new Subject<MessageView>();
    const api = {
      forward: jest
        .fn()
        .mockReturnValueOnce(answer)
        .mockReturnValueOnce(throwError(() => new HttpErrorResponse({ status: 403, error: { message: 'Blocked' } }))),
    };
    const actions$ = new Subject<Action>();
    const out: Action[] = [];
    forwardMessage$(actions$ as Actions, api as unknown as ChatApi).subscribe((action) => out.push(action));
    actions$.next(ChatPageActions.forwardConfirmed({ messageId: 'm1', conversationId: 'c2', clientId: 'k1' }));
    answer.next(copy);
    actions$.next(ChatPageActions.forwardConfirmed({ messageId: 'm1', conversationId: 'c3', clientId: 'k2' }));
    expect(api.forward).toHaveBeenCalledWith('m1', 'c2', 'k1');
    expect(out).toEqual([
      MessagesApiActions.forwardSucceeded({ message: copy }),
      MessagesApiActions.forwardFailed({ conversationId: 'c3', error: expect.any(String) }),
    ]);
  });
});
