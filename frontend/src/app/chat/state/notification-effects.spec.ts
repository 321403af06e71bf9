import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import type { Actions } from '@ngrx/effects';
import type { Action, Store } from '@ngrx/store';
import { BehaviorSubject, Subject } from 'rxjs';

import { authFeature } from '../../core/auth/auth-feature';
import { PageTitle } from '../../core/page-title';
import { buildUser } from '../../testing/builders';
import { buildMessage, CONVERSATION, ME } from '../../testing/chat-builders';
import type { NotificationSound } from '../notification-sound';
import type { PageVisibility } from '../page-visibility';
import { ChatSocketActions } from './chat-actions';
import { conversationsFeature } from './conversations-feature';
import { chimeOnIncoming$, unreadInTitle$ } from './notification-effects';

describe('chimeOnIncoming$', () => {
  function setup({ sound = true, openId = null as string | null, visible = true } = {}) {
    const actions$ = new Subject<Action>();
    const user = buildUser({ id: ME, settings: { sound, readReceipts: true } });
    const store = {
      select: (selector: unknown) =>
        new BehaviorSubject(
          selector === authFeature.selectUser ? user : selector === conversationsFeature.selectOpenId ? openId : null,
        ),
    } as unknown as Store;
    const chime = { play: jest.fn() };
    const visibility = { isVisible: () => visible } as PageVisibility;
    chimeOnIncoming$(actions$ as Actions, store, chime as unknown as NotificationSound, visibility).subscribe();
    const receive = (senderId?: string) =>
      actions$.next(ChatSocketActions.messageReceived({ message: buildMessage(senderId ? { senderId } : {}) }));
    return { chime, receive };
  }

  it('chimes for a message in a conversation that is not open', () => {
    const { chime, receive } = setup({ openId: 'another' });
    receive();
    expect(chime.play).toHaveBeenCalledTimes(1);
  });

  it('chimes for the open conversation only while the tab is hidden', () => {
    const open = setup({ openId: CONVERSATION });
    open.receive();
    expect(open.chime.play).not.toHaveBeenCalled();
    const hidden = setup({ openId: CONVERSATION, visible: false });
    hidden.receive();
    expect(hidden.chime.play).toHaveBeenCalledTimes(1);
  });

  it('stays silent for my own messages and when sound is off in the settings', () => {
    const own = setup();
    own.receive(ME);
    expect(own.chime.play).not.toHaveBeenCalled();
    const muted = setup({ sound: false });
    muted.receive();
    expect(muted.chime.play).not.toHaveBeenCalled();
  });
});

describe('unreadInTitle$', () => {
  it('puts the unread total in front of the page title', () => {
    const pageTitle = TestBed.inject(PageTitle);
    const title = TestBed.inject(Title);
    const unread$ = new BehaviorSubject(0);
    unreadInTitle$({ select: () => unread$ } as unknown as Store, pageTitle).subscribe();
    pageTitle.updateTitle({ root: { data: {}, firstChild: null, children: [], routeConfig: null } } as never);
    expect(title.getTitle()).toBe('Portal Chat');
    unread$.next(3);
    expect(title.getTitle()).toBe('(3) Portal Chat');
    unread$.next(0);
    expect(title.getTitle()).toBe('Portal Chat');
  });
});
