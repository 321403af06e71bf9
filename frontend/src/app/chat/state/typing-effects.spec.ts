import type { Actions } from '@ngrx/effects';
import type { Action } from '@ngrx/store';
import { Subject } from 'rxjs';

import type { RealtimeSocket } from '../../core/socket/realtime-socket';
import { buildOutgoing, CONVERSATION, GRACE } from '../../testing/chat-builders';
import { ChatPageActions, ChatReceiptActions, ChatSocketActions } from './chat-actions';
import { TYPING_EXPIRE_MS, TYPING_IDLE_MS, TYPING_REFRESH_MS } from './typing';
import { expireTyping$, sendTyping$ } from './typing-effects';

const OTHER = 'dddddddddddddddddddddddd';

describe('sendTyping$', () => {
  let actions$: Subject<Action>;
  let notify: jest.Mock;

  beforeEach(() => {
    jest.useFakeTimers();
    actions$ = new Subject();
    notify = jest.fn();
    sendTyping$(actions$ as Actions, { notify } as unknown as RealtimeSocket).subscribe();
  });
  afterEach(() => jest.useRealTimers());

  const typed = (conversationId = CONVERSATION) => actions$.next(ChatPageActions.composerTyped({ conversationId }));
  const sent = () => notify.mock.calls.map(([event, { conversationId, typing }]) => [event, conversationId, typing]);

  it('says "typing" on the first keystroke, again every few seconds while it goes on, and "stopped" when idle', () => {
    typed();
    jest.advanceTimersByTime(1_000);
    typed();
    jest.advanceTimersByTime(TYPING_REFRESH_MS - 1_000);
    typed();
    expect(sent()).toEqual([
      ['typing', CONVERSATION, true],
      ['typing', CONVERSATION, true],
    ]);
    jest.advanceTimersByTime(TYPING_IDLE_MS);
    expect(sent().at(-1)).toEqual(['typing', CONVERSATION, false]);
    expect(sent()).toHaveLength(3);
  });

  it.each([
    ['sending the message', () => ChatPageActions.messageSent({ message: buildOutgoing() })],
    ['leaving for the list', () => ChatPageActions.closed()],
    ['opening another conversation', () => ChatPageActions.opened({ conversationId: OTHER })],
  ])('says "stopped" at once on %s', (_when, stop) => {
    typed();
    actions$.next(stop());
    expect(sent()).toEqual([
      ['typing', CONVERSATION, true],
      ['typing', CONVERSATION, false],
    ]);
    jest.advanceTimersByTime(TYPING_IDLE_MS);
    expect(sent()).toHaveLength(2);
  });

  it('stops in one conversation before typing in the next', () => {
    typed(CONVERSATION);
    typed(OTHER);
    expect(sent()).toEqual([
      ['typing', CONVERSATION, true],
      ['typing', CONVERSATION, false],
      ['typing', OTHER, true],
    ]);
  });
});

describe('expireTyping$', () => {
  let actions$: Subject<Action>;
  let out: Action[];

  beforeEach(() => {
    jest.useFakeTimers();
    actions$ = new Subject();
    out = [];
    expireTyping$(actions$ as Actions).subscribe((action) => out.push(action));
  });
  afterEach(() => jest.useRealTimers());

  const typing = (conversationId: string, on: boolean) =>
    actions$.next(ChatSocketActions.typingChanged({ conversationId, userId: GRACE, typing: on }));

  it('hides an indicator that was not refreshed in time', () => {
    typing(CONVERSATION, true);
    jest.advanceTimersByTime(TYPING_EXPIRE_MS - 1);
    expect(out).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(out).toEqual([ChatReceiptActions.typingExpired({ conversationId: CONVERSATION, userId: GRACE })]);
  });

  it('restarts the wait on each update, and drops it when they say they stopped', () => {
    typing(CONVERSATION, true);
    jest.advanceTimersByTime(TYPING_EXPIRE_MS - 1_000);
    typing(CONVERSATION, true);
    jest.advanceTimersByTime(TYPING_EXPIRE_MS - 1_000);
    expect(out).toEqual([]);
    typing(CONVERSATION, false);
    jest.advanceTimersByTime(TYPING_EXPIRE_MS);
    expect(out).toEqual([]);
  });

  it('times each conversation on its own', () => {
    typing(CONVERSATION, true);
    jest.advanceTimersByTime(1_000);
    typing(OTHER, true);
    typing(OTHER, false);
    jest.advanceTimersByTime(TYPING_EXPIRE_MS);
    expect(out).toEqual([ChatReceiptActions.typingExpired({ conversationId: CONVERSATION, userId: GRACE })]);
  });
});
