import {
  afterEveryRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  DOCUMENT,
  effect,
  ElementRef,
  inject,
  LOCALE_ID,
  signal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import type { FriendRequestView, FriendView } from '@contracts/friends';
import type { PublicUser } from '@contracts/users';
import { Store } from '@ngrx/store';
import { interval, map } from 'rxjs';

import { Button } from '../../shared/ui/button';
import { Icon } from '../../shared/ui/icon';
import { Input } from '../../shared/ui/input';
import { Spinner } from '../../shared/ui/spinner';
import { FriendsPanelActions } from '../friends-actions';
import { friendsFeature } from '../friends-feature';
import { presenceLabel } from '../last-seen';
import { PersonRow } from './person-row';
import { ProfileCard } from './profile-card';

/** How often "last seen 5 min ago" is recomputed. */
export const PRESENCE_CLOCK_MS = 60_000;

/**
 * The friends sidebar: find people, answer requests, see who is online and start a chat (with a friend, or with
 * anyone found when DIRECT_MESSAGES=everyone). It reads the friends state and dispatches; the requests and friends
 * lists update live from socket events.
 */
@Component({
  selector: 'app-friends-panel',
  imports: [Button, Icon, Input, PersonRow, ProfileCard, Spinner],
  templateUrl: './friends-panel.html',
  host: {
    class: 'block p-4',
    '(focusin)': 'onFocusIn($event)',
    '(focusout)': 'onFocusOut($event)',
    '(keydown)': 'awaitedPerson = null',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FriendsPanel {
  private readonly store = inject(Store);
  private readonly locale = inject(LOCALE_ID);

  protected readonly loaded = this.store.selectSignal(friendsFeature.selectLoaded);
  protected readonly loadError = this.store.selectSignal(friendsFeature.selectLoadError);
  protected readonly friends = this.store.selectSignal(friendsFeature.selectSortedFriends);
  protected readonly incoming = this.store.selectSignal(friendsFeature.selectIncomingRequests);
  protected readonly outgoing = this.store.selectSignal(friendsFeature.selectOutgoingRequests);
  protected readonly pendingCount = this.store.selectSignal(friendsFeature.selectPendingIncomingCount);
  protected readonly blocked = this.store.selectSignal(friendsFeature.selectBlockedUsers);
  protected readonly search = this.store.selectSignal(friendsFeature.selectSearch);
  protected readonly relationshipOf = this.store.selectSignal(friendsFeature.selectRelationshipOf);
  protected readonly mayMessageOf = this.store.selectSignal(friendsFeature.selectMayMessageOf);
  protected readonly isBusy = this.store.selectSignal(friendsFeature.selectIsBusy);
  private readonly entities = this.store.selectSignal(friendsFeature.selectEntities);
  private readonly actionError = this.store.selectSignal(friendsFeature.selectActionError);

  protected readonly onlineCount = computed(() => this.friends().filter((friend) => friend.online).length);
  protected readonly query = signal('');
  private readonly now = toSignal(interval(PRESENCE_CLOCK_MS).pipe(map(() => Date.now())), {
    initialValue: Date.now(),
  });

  /** The person whose card is open: kept as opened, with live presence looked up among friends. */
  private readonly cardUser = signal<PublicUser | null>(null);
  protected readonly card = computed(() => {
    const user = this.cardUser();
    if (!user) return null;
    const friend = this.entities()[user.id];
    return {
      user: friend ?? user,
      relationship: this.relationshipOf()(user.id),
      mayMessage: this.mayMessageOf()(user.id),
      presence: friend ? this.presenceOf(friend) : '',
      busy: this.isBusy()(user.id),
      error: this.actionError()?.userId === user.id ? this.actionError()!.message : null,
    };
  });
  /** A failure outside the open card (a request answered in the list, say). */
  protected readonly panelError = computed(() => {
    const error = this.actionError();
    return error && error.userId !== this.cardUser()?.id ? error.message : null;
  });

  /** Read out by screen readers: a request that arrived while the panel was open. */
  protected readonly announcement = signal('');

  private readonly host: HTMLElement = inject(ElementRef).nativeElement;

  /** The person whose row (or the panel itself: '') last had focus, while focus is in the panel. */
  private focusedPerson: string | null = null;
  /** Focus went to the search field for want of this person's row: it moves on when the row is back. */
  protected awaitedPerson: string | null = null;

  protected onFocusIn(event: FocusEvent): void {
    const target = event.target as HTMLElement;
    const person = target.closest('[data-person-id]') ?? target.closest('li')?.querySelector('[data-person-id]');
    this.focusedPerson = person?.getAttribute('data-person-id') ?? '';
  }

  protected onFocusOut(event: FocusEvent): void {
    const to = event.relatedTarget as Node | null;
    if (to && !this.host.contains(to)) this.focusedPerson = this.awaitedPerson = null;
  }

  /**
   * A friend action replaces the button that was pressed (Add friend → Cancel request, Accept moves the person to
   * Friends) and the browser drops focus on <body>: focus follows the person to their row's new place, else goes
   * back to the search field.
   */
  private restoreFocus(): void {
    const active = document.activeElement;
    const search = this.host.querySelector<HTMLElement>('#friends-search');
    // Focus waits on the search field while the person's row is being redrawn (the lists reload after an action).
    if (this.awaitedPerson && active === search) {
      const row = this.rowOf(this.awaitedPerson);
      if (row) this.focusRow(row);
      if (row) this.awaitedPerson = null;
      return;
    }
    if (this.focusedPerson === null || (active && active !== document.body)) return;
    const row = this.focusedPerson ? this.rowOf(this.focusedPerson) : null;
    if (row) return this.focusRow(row);
    this.awaitedPerson = this.focusedPerson || null;
    search?.focus();
  }

  private rowOf(personId: string): Element | null {
    return this.host.querySelector(`[data-person-id="${CSS.escape(personId)}"]`);
  }

  private focusRow(row: Element): void {
    const next =
      row.closest('li')?.querySelector<HTMLElement>('[appButton]:not([disabled])') ??
      row.querySelector<HTMLElement>('button');
    next?.focus();
  }

  constructor() {
    afterEveryRender(() => this.restoreFocus());
    // A click elsewhere moves on deliberately, even onto something that takes no focus.
    const document = inject(DOCUMENT);
    const away = (event: Event) => {
      this.awaitedPerson = null;
      if (!this.host.contains(event.target as Node)) this.focusedPerson = null;
    };
    document.addEventListener('pointerdown', away, true);
    inject(DestroyRef).onDestroy(() => document.removeEventListener('pointerdown', away, true));
    let known: Set<string> | null = null;
    effect(() => {
      const incoming = this.incoming();
      const loaded = this.loaded();
      untracked(() => {
        const fresh = known ? incoming.filter((request) => !known!.has(request.id)) : [];
        if (fresh.length)
          this.announcement.set(
            $localize`:@@friends.panel.requestArrived:${namesOf(fresh)}:names: sent you a friend request.`,
          );
        known = loaded ? new Set(incoming.map((request) => request.id)) : null;
      });
    });
  }

  protected presenceOf(friend: FriendView): string {
    return presenceLabel(friend.online, friend.lastSeenAt, this.now(), this.locale);
  }

  protected onSearch(value: string): void {
    this.query.set(value);
    this.store.dispatch(FriendsPanelActions.searchChanged({ query: value }));
  }

  protected moreResults(): void {
    this.store.dispatch(FriendsPanelActions.moreResultsRequested());
  }

  protected retryLoad(): void {
    this.store.dispatch(FriendsPanelActions.retryClicked());
  }

  protected open(user: PublicUser): void {
    this.cardUser.set(user);
  }

  protected closeCard(): void {
    this.cardUser.set(null);
  }

  protected addFriend(userId: string): void {
    this.store.dispatch(FriendsPanelActions.addFriendClicked({ userId }));
  }

  protected accept(request: FriendRequestView): void {
    this.store.dispatch(FriendsPanelActions.acceptClicked({ request }));
  }

  protected acceptFrom(userId: string): void {
    const request = this.requestWith(userId);
    if (request) this.accept(request);
  }

  protected decline(request: FriendRequestView): void {
    this.store.dispatch(FriendsPanelActions.declineClicked({ request }));
  }

  protected cancelRequest(request: FriendRequestView): void {
    this.store.dispatch(FriendsPanelActions.cancelRequestClicked({ request }));
  }

  protected message(userId: string): void {
    this.store.dispatch(FriendsPanelActions.chatRequested({ userId }));
  }

  protected dismissError(): void {
    this.store.dispatch(FriendsPanelActions.errorDismissed());
  }

  protected unblock(userId: string): void {
    this.store.dispatch(FriendsPanelActions.unblockClicked({ userId }));
  }

  private requestWith(userId: string): FriendRequestView | undefined {
    return [...this.incoming(), ...this.outgoing()].find((request) => request.user.id === userId);
  }

  // The card's actions, about the person it shows.
  protected cardAction(
    action: 'addFriend' | 'accept' | 'cancelRequest' | 'unfriend' | 'block' | 'unblock' | 'message',
  ): void {
    const user = this.card()?.user;
    if (!user) return;
    switch (action) {
      case 'addFriend':
        return this.addFriend(user.id);
      case 'accept':
        return this.acceptFrom(user.id);
      case 'cancelRequest': {
        const request = this.requestWith(user.id);
        return request ? this.cancelRequest(request) : undefined;
      }
      case 'unfriend':
        return this.store.dispatch(FriendsPanelActions.unfriendConfirmed({ userId: user.id }));
      case 'block':
        return this.store.dispatch(FriendsPanelActions.blockConfirmed({ user: publicPart(user) }));
      case 'unblock':
        return this.unblock(user.id);
      case 'message':
        return this.message(user.id);
    }
  }
}

function namesOf(requests: FriendRequestView[]): string {
  const names = requests.map((request) => request.user.displayName);
  return names.length > 1
    ? $localize`:@@friends.panel.nameList:${names.slice(0, -1).join(', ')}:first: and ${names[names.length - 1]}:last:`
    : names[0];
}

/** The blocked list keeps public profiles only, not a friend's presence. */
function publicPart(user: PublicUser): PublicUser {
  const { id, username, displayName, avatarUrl, bio } = user;
  return { id, username, displayName, avatarUrl, bio };
}
