import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  LOCALE_ID,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ReplyQuoteView } from '@contracts/messages';
import { Store } from '@ngrx/store';
import { filter, take } from 'rxjs';

import { connectionFeature } from '../../core/socket/connection-feature';
import { FriendsPanelActions } from '../../friends/friends-actions';
import { friendsFeature } from '../../friends/friends-feature';
import { Button } from '../../shared/ui/button';
import { Spinner } from '../../shared/ui/spinner';
import type { ChatMessage, ComposedMessage, MessageIntent } from '../chat-models';
import { newClientId } from '../client-id';
import { Composer } from '../components/composer';
import { ConversationHeader } from '../components/conversation-header';
import { FileDrop } from '../components/file-drop';
import { ForwardDialog } from '../components/forward-dialog';
import { MessageList } from '../components/message-list';
import { quoteText } from '../components/reply-quote';
import { conversationTitle, nameIn, personIn } from '../conversation-people';
import { typingSentence } from '../group-text';
import { injectNow } from '../now';
import { ChatPageActions } from '../state/chat-actions';
import {
  selectBlockedIds,
  selectMyId,
  selectOpenGroupReceipt,
  selectOpenMessages,
  selectOpenReceipt,
  selectOpenReplyBlock,
  selectOpenThread,
} from '../state/chat-selectors';
import { conversationsFeature } from '../state/conversations-feature';
import { draftsFeature } from '../state/drafts-feature';
import { messagesFeature } from '../state/messages-feature';

/**
 * One conversation at /c/:conversationId: who it is with, the history, who is typing, and the composer. A file
 * dropped anywhere on it is attached in the composer.
 */
@Component({
  selector: 'app-conversation-page',
  imports: [RouterLink, Button, Spinner, Composer, ConversationHeader, FileDrop, ForwardDialog, MessageList],
  templateUrl: './conversation-page.html',
  host: { class: 'flex min-h-0 flex-1 flex-col', '(document:keydown)': 'onDocumentKeydown($event)' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConversationPage {
  /** From the route (component input binding). */
  readonly conversationId = input.required<string>();
  /** `?at=<message id>`: open at that message (a search result), with the history around it. */
  readonly at = input<string | undefined>();

  private readonly store = inject(Store);
  private readonly host = inject(ElementRef<HTMLElement>);
  /** The message the next send replies to (the quote bar above the composer). */
  protected readonly replyingTo = signal<ReplyQuoteView | null>(null);
  /** The message whose Forward dialog is open. */
  protected readonly forwarding = signal<ChatMessage | null>(null);
  private readonly lastForward = this.store.selectSignal(messagesFeature.selectLastForward);
  /** "Forwarded to …" (or why not), announced once the server answered. */
  protected readonly forwardNotice = computed(() => {
    const result = this.lastForward();
    if (!result) return '';
    const target = this.conversations().find((conversation) => conversation.id === result.conversationId);
    const name = target ? conversationTitle(target) : '';
    return result.error
      ? $localize`:@@chat.forward.failed:Not forwarded: ${result.error}:error:`
      : $localize`:@@chat.forward.done:Forwarded to ${name}:name:`;
  });
  protected readonly conversations = this.store.selectSignal(conversationsFeature.selectAll);
  /** The message to show, with the history around it: `at`, or a reply's original jumped to. */
  protected readonly focusTarget = signal<{ id: string } | null>(null);
  private openedId: string | null = null;
  protected readonly quoteText = quoteText;
  protected readonly me = this.store.selectSignal(selectMyId);
  protected readonly conversation = this.store.selectSignal(conversationsFeature.selectOpenConversation);
  protected readonly thread = this.store.selectSignal(selectOpenThread);
  protected readonly messages = this.store.selectSignal(selectOpenMessages);
  private readonly typingUserIds = this.store.selectSignal(conversationsFeature.selectOpenTypingUserIds);
  private readonly openReceipt = this.store.selectSignal(selectOpenReceipt);
  protected readonly now = injectNow();
  protected readonly composer = viewChild(Composer);
  private readonly messageList = viewChild(MessageList);
  protected readonly replyBlock = this.store.selectSignal(selectOpenReplyBlock);
  private readonly drafts = this.store.selectSignal(draftsFeature.selectDrafts);
  protected readonly draft = computed(() => this.drafts()[this.conversationId()] ?? '');
  private readonly connection = this.store.selectSignal(connectionFeature.selectStatus);
  /** Only a dropped connection makes presence unknown; the first connect after a load is quick. */
  protected readonly connected = computed(() => this.connection() !== 'reconnecting');

  protected readonly name = computed(() => {
    const conversation = this.conversation();
    return conversation ? conversationTitle(conversation) : '';
  });
  protected readonly isGroup = computed(() => this.conversation()?.kind === 'group');
  /** Removed from the group or left it: the history stays readable, nothing can be sent. */
  protected readonly left = computed(() => this.conversation()?.left ?? false);
  protected readonly nameOf = computed(() => {
    const conversation = this.conversation();
    return (userId: string) => (conversation ? nameIn(conversation, userId) : '');
  });
  protected readonly blockedIds = this.store.selectSignal(selectBlockedIds);
  protected readonly groupReceipt = this.store.selectSignal(selectOpenGroupReceipt);
  /** The other person erased their account: the history stays readable, nobody can answer it. */
  protected readonly participantDeleted = computed(() => this.conversation()?.participant?.deleted ?? false);
  /** A service account: it sends notifications, nobody replies; it can be blocked like anyone. */
  protected readonly participantIsService = computed(() => this.conversation()?.participant?.service ?? false);
  private readonly relationshipOf = this.store.selectSignal(friendsFeature.selectRelationshipOf);
  protected readonly serviceBlocked = computed(() => {
    const participant = this.conversation()?.participant;
    return participant ? this.relationshipOf()(participant.id) === 'blocked' : false;
  });
  private readonly locale = inject(LOCALE_ID);
  protected readonly typingText = computed(() => {
    const conversation = this.conversation();
    if (!conversation) return '';
    const names = this.typingUserIds().map((id) => personIn(conversation, id)?.displayName ?? '');
    return typingSentence(names.filter(Boolean), this.locale);
  });
  protected readonly receiptMessageId = computed(() => this.openReceipt()?.messageId ?? null);
  protected readonly receipt = computed(() => {
    const receipt = this.openReceipt()?.receipt;
    return receipt === 'sent' ? null : (receipt ?? null);
  });
  /** Unread messages when this conversation was opened (reading it clears the count): the list opens at them. */
  protected readonly unreadAtOpen = signal(0);
  /** The list is loaded and does not have this conversation. */
  protected readonly notFound = computed(() => !this.conversation() && this.thread()?.status === 'error');

  private readonly injector = inject(Injector);

  constructor() {
    effect((onCleanup) => {
      const conversationId = this.conversationId();
      const at = this.at();
      // Another search result in the same conversation: a jump, not an opening.
      if (conversationId === this.openedId) {
        if (at) this.showMessage(at);
        return;
      }
      this.openedId = conversationId;
      untracked(() => {
        // Counted before opening marks it read: from the store at once, or as soon as the chat list has it.
        this.unreadAtOpen.set(0);
        const counted = this.store
          .select(conversationsFeature.selectEntities)
          .pipe(
            filter((entities) => entities[conversationId] !== undefined),
            take(1),
          )
          .subscribe((entities) => this.unreadAtOpen.set(entities[conversationId]?.unread ?? 0));
        onCleanup(() => counted.unsubscribe());
        this.store.dispatch(ChatPageActions.opened({ conversationId, ...(at ? { at } : {}) }));
        this.focusTarget.set(at ? { id: at } : null);
        this.replyingTo.set(null);
      });
      // Opening a chat is to write in it: the person continues in the composer (unless it opens at a message). Not
      // on a touch screen, where focus would pop up the keyboard over the messages the person came to read.
      if (finePointer() && !at) this.focusComposer();
    });
    inject(DestroyRef).onDestroy(() => this.store.dispatch(ChatPageActions.closed()));
  }

  /** Alt+M, from anywhere on the chats page: to the message box (instead of tabbing through the chat list). */
  protected onDocumentKeydown(event: KeyboardEvent): void {
    if (event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.code === 'KeyM') {
      event.preventDefault();
      this.composer()?.focus();
    }
  }

  protected toggleBlock(): void {
    const user = this.conversation()?.participant;
    if (!user) return;
    this.store.dispatch(
      this.serviceBlocked()
        ? FriendsPanelActions.unblockClicked({ userId: user.id })
        : FriendsPanelActions.blockConfirmed({ user }),
    );
  }

  protected send({ text, attachment }: ComposedMessage): void {
    const senderId = this.me();
    if (!senderId) return;
    // Away from the newest messages, a new one would show after a hole: back to the newest first, scrolled to it.
    if (this.thread()?.hasNewer) {
      this.messageList()?.followNewest();
      this.latest();
    }
    const message = {
      conversationId: this.conversationId(),
      clientId: newClientId(),
      senderId,
      text,
      createdAt: new Date().toISOString(),
      attachment,
      ...(this.replyingTo() ? { replyTo: this.replyingTo()! } : {}),
    };
    this.replyingTo.set(null);
    this.store.dispatch(ChatPageActions.messageSent({ message }));
  }

  protected draftChanged(text: string): void {
    this.store.dispatch(ChatPageActions.draftChanged({ conversationId: this.conversationId(), text }));
  }

  protected typed(): void {
    this.store.dispatch(ChatPageActions.composerTyped({ conversationId: this.conversationId() }));
  }

  protected loadOlder(): void {
    this.store.dispatch(ChatPageActions.olderRequested({ conversationId: this.conversationId() }));
  }

  protected loadNewer(): void {
    this.store.dispatch(ChatPageActions.newerRequested({ conversationId: this.conversationId() }));
  }

  protected latest(): void {
    this.store.dispatch(ChatPageActions.latestRequested({ conversationId: this.conversationId() }));
  }

  /** A person's name by id: "You", a group member's name, or the other person of a direct conversation. */
  protected personName(id: string): string {
    if (id === this.me()) return $localize`:@@chat.message.senderMe:You`;
    return this.isGroup() ? this.nameOf()(id) : this.name();
  }

  protected cancelReply(): void {
    this.replyingTo.set(null);
    this.focusComposer();
  }

  /** The forward is sent; the person carries on at the message they forwarded, told where it went once it did. */
  protected forwardTo(conversationId: string): void {
    const message = this.forwarding();
    this.forwarding.set(null);
    if (!message) return;
    this.store.dispatch(
      ChatPageActions.forwardConfirmed({ messageId: message.id, conversationId, clientId: newClientId() }),
    );
    afterNextRender(() => this.showMessage(message.id), { injector: this.injector });
  }

  protected cancelForward(): void {
    const message = this.forwarding();
    this.forwarding.set(null);
    if (message) afterNextRender(() => this.showMessage(message.id), { injector: this.injector });
  }

  protected act(intent: MessageIntent): void {
    const conversationId = this.conversationId();
    const { message } = intent;
    switch (intent.kind) {
      case 'reply': {
        const { id, senderId, kind, text } = message;
        this.replyingTo.set({ id, senderId, kind, ...(text ? { text } : {}) });
        this.focusComposer();
        return;
      }
      case 'forward':
        this.forwarding.set(message);
        return;
      case 'react':
        this.store.dispatch(
          ChatPageActions.reactionToggled({
            conversationId,
            messageId: message.id,
            userId: this.me() ?? '',
            emoji: intent.emoji,
            on: intent.on,
          }),
        );
        return;
      case 'jump':
        this.showMessage(intent.to);
        return;
    }
    this.store.dispatch(
      intent.kind === 'retry'
        ? ChatPageActions.retryClicked({ message })
        : intent.kind === 'discard'
          ? ChatPageActions.unsentRemoved({ message })
          : intent.kind === 'edit'
            ? ChatPageActions.editSubmitted({ conversationId, messageId: message.id, text: intent.text })
            : intent.kind === 'hide'
              ? ChatPageActions.deleteForMeConfirmed({ conversationId, messageId: message.id })
              : ChatPageActions.deleteConfirmed({ conversationId, messageId: message.id }),
    );
    // The confirmation and the message's buttons are gone with it: carry on in the composer, not on <body>.
    if (intent.kind === 'remove' || intent.kind === 'discard' || intent.kind === 'hide') this.focusComposer();
  }

  /** Shows the message in context (the list scrolls to it once it is there), loading its history if not held. */
  private showMessage(messageId: string): void {
    this.focusTarget.set({ id: messageId });
    this.store.dispatch(ChatPageActions.jumpRequested({ conversationId: this.conversationId(), messageId }));
  }

  private focusComposer(): void {
    afterNextRender(() => this.composer()?.focus(), { injector: this.injector });
  }
}

/** A mouse or trackpad is the primary pointer (a browser without media queries counts as one). */
function finePointer(): boolean {
  return globalThis.matchMedia?.('(pointer: fine)').matches ?? true;
}
