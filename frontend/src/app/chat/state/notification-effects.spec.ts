import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import type { Router } from '@angular/router';
import type { ConversationView } from '@contracts/messages';
import type { Actions } from '@ngrx/effects';
import type { Action, Store } from '@ngrx/store';
import { BehaviorSubject, Subject } from 'rxjs';

import { authFeature } from '../../core/auth/auth-feature';
import { PageTitle } from '../../core/page-title';
import { friendsFeature } from '../../friends/friends-feature';
import type { DesktopNotice, DesktopNotifications } from '../../notifications/desktop-notifications';
import { FaviconBadge } from '../../notifications/favicon-badge';
import { buildUser } from '../../testing/builders';
import { buildConversation, buildMessage, CONVERSATION, ME } from '../../testing/chat-builders';
import type { NotificationSound } from '../notification-sound';
import type { PageVisibility } from '../page-visibility';
import { ChatSocketActions } from './chat-actions';
import { conversationsFeature } from './conversations-feature';
import { chimeOnIncoming$, desktopNotificationOnIncoming$, unreadInTitle$ } from './notification-effects';

const HOUR = 3_600_000;
const later = () => new Date(Date.now() + HOUR).toISOString();
const earlier = () => new Date(Date.now() - HOUR).toISOString();

interface Setup {
  sound?: boolean;
  openId?: string | null;
  visible?: boolean;
  conversation?: Partial<ConversationView>;
  doNotDisturbUntil?: string | null;
}

function world({ sound = true, openId = null, visible = true, conversation = {}, doNotDisturbUntil = null }: Setup) {
  const actions$ = new Subject<Action>();
  const user = buildUser({
    id: ME,
    settings: { sound, readReceipts: true, emailNotifications: true, doNotDisturbUntil },
  });
  const conversations = { [CONVERSATION]: buildConversation(conversation) };
  const store = {
    select: (selector: unknown) =>
      new BehaviorSubject(
        selector === authFeature.selectUser
          ? user
          : selector === conversationsFeature.selectOpenId
            ? openId
            : selector === conversationsFeature.selectEntities
              ? conversations
              : selector === friendsFeature.selectRelationshipOf
                ? () => 'none'
                : null,
      ),
  } as unknown as Store;
  const visibility = { isVisible: () => visible } as PageVisibility;
  const receive = (senderId?: string, text = 'Hello') =>
    actions$.next(
      ChatSocketActions.messageReceived({ message: buildMessage({ text, ...(senderId ? { senderId } : {}) }) }),
    );
  return { actions$: actions$ as Actions, store, visibility, receive };
}

describe('chimeOnIncoming$', () => {
  function setup(options: Setup = {}) {
    const { actions$, store, visibility, receive } = world(options);
    const chime = { play: jest.fn() };
    chimeOnIncoming$(actions$, store, visibility, chime as unknown as NotificationSound).subscribe();
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

  it('stays silent for a muted conversation and during do-not-disturb, and chimes again once they are over', () => {
    for (const quiet of [
      setup({ conversation: { muted: true, mutedUntil: null } }),
      setup({ conversation: { muted: true, mutedUntil: later() } }),
      setup({ doNotDisturbUntil: later() }),
    ]) {
      quiet.receive();
      expect(quiet.chime.play).not.toHaveBeenCalled();
    }
    for (const over of [
      setup({ conversation: { muted: true, mutedUntil: earlier() } }),
      setup({ doNotDisturbUntil: earlier() }),
    ]) {
      over.receive();
      expect(over.chime.play).toHaveBeenCalledTimes(1);
    }
  });
});

describe('desktopNotificationOnIncoming$', () => {
  function setup(options: Setup & { enabled?: boolean } = {}) {
    const { actions$, store, visibility, receive } = world(options);
    const shown: DesktopNotice[] = [];
    const desktop = { enabled: () => options.enabled ?? true, show: (notice: DesktopNotice) => shown.push(notice) };
    const router = { navigate: jest.fn().mockResolvedValue(true) };
    desktopNotificationOnIncoming$(
      actions$,
      store,
      visibility,
      desktop as unknown as DesktopNotifications,
      router as unknown as Router,
    ).subscribe();
    return { shown, router, receive };
  }

  it('shows the sender and the text while the tab is hidden; a click opens that conversation', () => {
    const { shown, router, receive } = setup({ openId: CONVERSATION, visible: false });
    receive(undefined, 'Lunch?');
    expect(shown).toEqual([
      expect.objectContaining({ title: 'Grace Hopper', body: 'Lunch?', tag: `conversation-${CONVERSATION}` }),
    ]);
    shown[0].onClick();
    expect(router.navigate).toHaveBeenCalledWith(['/c', CONVERSATION]);
  });

  it('shows nothing while the person looks at that chat, when turned off, for a muted chat or in do-not-disturb', () => {
    for (const none of [
      setup({ openId: CONVERSATION }),
      setup({ openId: 'another', enabled: false }),
      setup({ openId: 'another', conversation: { muted: true, mutedUntil: null } }),
      setup({ openId: 'another', doNotDisturbUntil: later() }),
    ]) {
      none.receive();
      expect(none.shown).toEqual([]);
    }
  });
});

describe('unreadInTitle$', () => {
  it('puts the unread total in front of the page title and on the tab icon', () => {
    document.head.innerHTML = '<link rel="icon" type="image/svg+xml" href="favicon.svg" />';
    const pageTitle = TestBed.inject(PageTitle);
    const title = TestBed.inject(Title);
    const icon = () => document.querySelector<HTMLLinkElement>('link[rel="icon"]')!.getAttribute('href');
    const unread$ = new BehaviorSubject(0);
    unreadInTitle$({ select: () => unread$ } as unknown as Store, pageTitle, TestBed.inject(FaviconBadge)).subscribe();
    pageTitle.updateTitle({ root: { data: {}, firstChild: null, children: [], routeConfig: null } } as never);
    expect(title.getTitle()).toBe('Portal Chat');
    expect(icon()).toBe('favicon.svg');
    unread$.next(3);
    expect(title.getTitle()).toBe('(3) Portal Chat');
    expect(decodeURIComponent(icon()!)).toContain('>3</text>');
    unread$.next(12);
    expect(decodeURIComponent(icon()!)).toContain('>9+</text>');
    unread$.next(0);
    expect(title.getTitle()).toBe('Portal Chat');
    expect(icon()).toBe('favicon.svg');
  });
});
