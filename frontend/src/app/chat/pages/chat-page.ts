import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { type ActivatedRouteSnapshot, NavigationEnd, Router, RouterLink, RouterOutlet } from '@angular/router';
import { Store } from '@ngrx/store';
import { filter, map } from 'rxjs';

import { FriendsPanel } from '../../friends/components/friends-panel';
import { friendsFeature } from '../../friends/friends-feature';
import { Button } from '../../shared/ui/button';
import { ConversationList } from '../components/conversation-list';
import { FillViewport } from '../components/fill-viewport';
import { injectNow } from '../now';
import { selectMyId } from '../state/chat-selectors';
import { conversationsFeature } from '../state/conversations-feature';
import { draftsFeature } from '../state/drafts-feature';

type SidebarTab = 'chats' | 'friends';

/**
 * The chats layout at / and around /c/:conversationId: the sidebar (chat list or friends) and the conversation
 * pane, where the child route shows the open conversation or a placeholder. On a phone only one of them shows: the
 * list at /, the conversation at /c/:id with a way back.
 */
@Component({
  selector: 'app-chat-page',
  imports: [RouterLink, RouterOutlet, Button, ConversationList, FriendsPanel, FillViewport],
  templateUrl: './chat-page.html',
  host: { class: 'block' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChatPage {
  private readonly store = inject(Store);
  protected readonly me = this.store.selectSignal(selectMyId);
  protected readonly conversations = this.store.selectSignal(conversationsFeature.selectAll);
  protected readonly listStatus = this.store.selectSignal(conversationsFeature.selectStatus);
  protected readonly listError = this.store.selectSignal(conversationsFeature.selectError);
  protected readonly openError = this.store.selectSignal(conversationsFeature.selectOpenError);
  protected readonly unreadTotal = this.store.selectSignal(conversationsFeature.selectUnreadTotal);
  protected readonly pendingRequests = this.store.selectSignal(friendsFeature.selectPendingIncomingCount);
  protected readonly directMessages = this.store.selectSignal(friendsFeature.selectDirectMessages);
  protected readonly drafts = this.store.selectSignal(draftsFeature.selectDrafts);
  protected readonly now = injectNow();

  private readonly router = inject(Router);
  private readonly child = toSignal(
    this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map(() => this.childRoute()),
    ),
    { initialValue: this.childRoute() },
  );
  /** The conversation in the URL (a child route's parameter). */
  protected readonly conversationId = computed(() => this.child().paramMap.get('conversationId'));
  /** A conversation or another page (a new group) fills the right pane: a phone shows it instead of the list. */
  protected readonly paneOpen = computed(() => !!this.child().routeConfig?.path);

  protected readonly tab = signal<SidebarTab>('chats');
  protected readonly tabIdle =
    'inline-flex flex-1 cursor-pointer items-center justify-center gap-2 rounded-lg px-3 py-1.5 text-sm font-medium ' +
    'text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-2 ' +
    'focus-visible:outline-indigo-500 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-white';
  protected readonly tabActive = `${this.tabIdle} bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-white`;

  constructor() {
    // Opening a conversation (say from a friend's "Message") or going back to the list shows the chat list again.
    const open = computed(() => this.paneOpen());
    effect(() => {
      open();
      untracked(() => this.tab.set('chats'));
    });
  }

  protected selectTab(tab: SidebarTab, focus?: HTMLElement): void {
    this.tab.set(tab);
    focus?.focus();
  }

  /** Arrow keys move between the tabs (the WAI-ARIA tabs pattern). */
  protected onTabKeydown(event: KeyboardEvent, chats: HTMLElement, friends: HTMLElement): void {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) return;
    event.preventDefault();
    const next: SidebarTab =
      event.key === 'Home' ? 'chats' : event.key === 'End' ? 'friends' : this.tab() === 'chats' ? 'friends' : 'chats';
    this.selectTab(next, next === 'chats' ? chats : friends);
  }

  private childRoute(): ActivatedRouteSnapshot {
    let route = this.router.routerState.snapshot.root;
    while (route.firstChild) route = route.firstChild;
    return route;
  }
}
