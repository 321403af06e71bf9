import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { Store } from '@ngrx/store';
import { ChatPageActions } from '../../chat/state/chat-actions';
import { selectMyId, selectOpenMessages, selectOpenReceipt, selectOpenThread } from '../../chat/state/chat-selectors';
import type { ChatMessage, OutgoingAttachment } from '../../chat/chat-models';
import { newClientId } from '../../chat/client-id';
import { ConversationList } from '../../chat/components/conversation-list';
import { MessageWindow } from '../../chat/components/message-window';
import { conversationsFeature } from '../../chat/state/conversations-feature';
import { FriendsPanel } from '../../friends/components/friends-panel';
import { friendsFeature } from '../../friends/friends-feature';
import { FillViewport } from '../fill-viewport';

type SidebarTab = 'chats' | 'friends';

/**
 * Chats at / and /c/:conversationId: the sidebar (chat list or friends) and the open conversation. On a phone
 * only one of them shows: the list at /, the conversation at /c/:id with a way back.
 */
@Component({
  selector: 'app-home-page',
  imports: [ConversationList, MessageWindow, FriendsPanel, FillViewport],
  templateUrl: './home-page.html',
  host: { class: 'block' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HomePage {
  /** From the route /c/:conversationId (component input binding); undefined at /. */
  readonly conversationId = input<string>();

  private readonly store = inject(Store);
  protected readonly me = this.store.selectSignal(selectMyId);
  protected readonly conversations = this.store.selectSignal(conversationsFeature.selectAll);
  protected readonly listStatus = this.store.selectSignal(conversationsFeature.selectStatus);
  protected readonly listError = this.store.selectSignal(conversationsFeature.selectError);
  protected readonly openError = this.store.selectSignal(conversationsFeature.selectOpenError);
  protected readonly unreadTotal = this.store.selectSignal(conversationsFeature.selectUnreadTotal);
  protected readonly pendingRequests = this.store.selectSignal(friendsFeature.selectPendingIncomingCount);
  protected readonly conversation = this.store.selectSignal(conversationsFeature.selectOpenConversation);
  protected readonly thread = this.store.selectSignal(selectOpenThread);
  protected readonly messages = this.store.selectSignal(selectOpenMessages);
  private readonly typingUserId = this.store.selectSignal(conversationsFeature.selectOpenTypingUserId);
  private readonly openReceipt = this.store.selectSignal(selectOpenReceipt);

  protected readonly tab = signal<SidebarTab>('chats');
  protected readonly tabIdle =
    'inline-flex flex-1 cursor-pointer items-center justify-center gap-2 rounded-lg px-3 py-1.5 text-sm font-medium ' +
    'text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-2 ' +
    'focus-visible:outline-indigo-500 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-white';
  protected readonly tabActive = `${this.tabIdle} bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-white`;
  protected readonly now = signal(Date.now());
  protected readonly typingName = computed(() =>
    this.typingUserId() ? (this.conversation()?.participant.displayName ?? null) : null,
  );
  protected readonly receiptMessageId = computed(() => this.openReceipt()?.messageId ?? null);
  protected readonly receipt = computed(() => {
    const receipt = this.openReceipt()?.receipt;
    return receipt === 'Sent' ? null : (receipt ?? null);
  });
  protected readonly notFound = computed(() => !this.conversation() && this.thread()?.status === 'error');

  constructor() {
    effect(() => {
      const id = this.conversationId();
      untracked(() =>
        this.store.dispatch(id ? ChatPageActions.opened({ conversationId: id }) : ChatPageActions.closed()),
      );
    });
    // Relative times ("5 min ago", "Yesterday") move on without a reload.
    const clock = setInterval(() => this.now.set(Date.now()), 30_000);
    inject(DestroyRef).onDestroy(() => {
      clearInterval(clock);
      this.store.dispatch(ChatPageActions.closed());
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

  protected send(conversationId: string, text: string, attachment?: OutgoingAttachment): void {
    const senderId = this.me();
    if (!senderId) return;
    const createdAt = new Date().toISOString();
    const message = { conversationId, clientId: newClientId(), senderId, text, createdAt, attachment };
    this.store.dispatch(ChatPageActions.messageSent({ message }));
  }

  protected typed(conversationId: string): void {
    this.store.dispatch(ChatPageActions.composerTyped({ conversationId }));
  }

  protected loadOlder(conversationId: string): void {
    this.store.dispatch(ChatPageActions.olderRequested({ conversationId }));
  }

  protected retry(message: ChatMessage): void {
    this.store.dispatch(ChatPageActions.retryClicked({ message }));
  }

  protected discard(message: ChatMessage): void {
    this.store.dispatch(ChatPageActions.unsentRemoved({ message }));
  }

  protected edit(conversationId: string, { messageId, text }: { messageId: string; text: string }): void {
    this.store.dispatch(ChatPageActions.editSubmitted({ conversationId, messageId, text }));
  }

  protected remove(conversationId: string, messageId: string): void {
    this.store.dispatch(ChatPageActions.deleteConfirmed({ conversationId, messageId }));
  }
}
