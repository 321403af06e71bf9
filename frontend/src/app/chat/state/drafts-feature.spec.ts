import type { Action, Store } from '@ngrx/store';
import { BehaviorSubject, Subject } from 'rxjs';

import { AuthApiActions, AuthTabActions } from '../../core/auth/auth-actions';
import { buildOutgoing, CONVERSATION } from '../../testing/chat-builders';
import { ChatPageActions, DraftsStorageActions } from './chat-actions';
import { selectMyId } from './chat-selectors';
import { forgetDrafts$, keepDrafts$ } from './drafts-effects';
import { draftsFeature, initialDraftsState } from './drafts-feature';

const { reducer } = draftsFeature;
const run = (...actions: Action[]) => actions.reduce((state, action) => reducer(state, action), initialDraftsState);
const changed = (text: string, conversationId = CONVERSATION) => ChatPageActions.draftChanged({ conversationId, text });

describe('drafts reducer', () => {
  it('keeps the text per conversation, drops blank ones and the one just sent', () => {
    expect(run(changed('Hel'), changed('Hello'), changed('Hi', 'other')).drafts).toEqual({
      [CONVERSATION]: 'Hello',
      other: 'Hi',
    });
    expect(run(changed('Hello'), changed('   ')).drafts).toEqual({});
    const sent = ChatPageActions.messageSent({ message: buildOutgoing({ conversationId: CONVERSATION }) });
    expect(run(changed('Hello'), changed('Hi', 'other'), sent).drafts).toEqual({ other: 'Hi' });
  });

  it('forgets them all at sign-out', () => {
    for (const signOut of [AuthApiActions.signedOut(), AuthTabActions.signedOutElsewhere()]) {
      expect(run(changed('Hello'), signOut).drafts).toEqual({});
    }
  });
});

describe('drafts storage', () => {
  afterEach(() => localStorage.clear());

  function store(userId: string | null) {
    const me$ = new BehaviorSubject<string | null>(userId);
    const drafts$ = new BehaviorSubject<Record<string, string>>({});
    const dispatched: Action[] = [];
    const fake = {
      select: (selector: unknown) => (selector === selectMyId ? me$ : drafts$),
      dispatch: (action: Action) => dispatched.push(action),
    } as unknown as Store;
    return { fake, me$, drafts$, dispatched };
  }

  it('restores the person’s drafts on this device at sign-in and stores every change', () => {
    localStorage.setItem('chat.drafts.ada', JSON.stringify({ c1: 'unsent', bad: 42 }));
    const { fake, drafts$, dispatched } = store('ada');
    keepDrafts$(fake).subscribe();
    expect(dispatched).toEqual([DraftsStorageActions.restored({ drafts: { c1: 'unsent' } })]);

    drafts$.next({ c1: 'unsent', c2: 'more' });
    expect(JSON.parse(localStorage.getItem('chat.drafts.ada')!)).toEqual({ c1: 'unsent', c2: 'more' });
    drafts$.next({});
    expect(localStorage.getItem('chat.drafts.ada')).toBeNull();
  });

  it('leaves nobody’s drafts on the device after a sign-out', () => {
    localStorage.setItem('chat.drafts.ada', '{"c1":"unsent"}');
    localStorage.setItem('theme', 'dark');
    const actions$ = new Subject<Action>();
    forgetDrafts$(actions$ as never).subscribe();
    actions$.next(AuthApiActions.signedOut());
    expect(localStorage.getItem('chat.drafts.ada')).toBeNull();
    expect(localStorage.getItem('theme')).toBe('dark');
  });
});
