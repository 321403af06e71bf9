import { ChangeDetectionStrategy, Component, computed, input, output, signal, viewChild } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ConversationView } from '@contracts/messages';
import { Avatar } from '../../shared/ui/avatar';
import { Spinner } from '../../shared/ui/spinner';
import { presenceText } from '../chat-format';
import type { ChatMessage, OutgoingAttachment } from '../chat-models';
import type { Thread } from '../state/messages-feature';
import { Composer } from './composer';
import { MessageList } from './message-list';

function hasFiles(event: DragEvent): boolean {
  return !!event.dataTransfer?.types.includes('Files');
}

/**
 * The open conversation: who it is with, the history, who is typing, and the composer. A picture or video dropped
 * anywhere on it is attached in the composer.
 */
@Component({
  selector: 'app-message-window',
  imports: [RouterLink, Avatar, Spinner, Composer, MessageList],
  template: `
    <header class="flex h-16 shrink-0 items-center gap-3 border-b border-zinc-200 px-3 sm:px-4 dark:border-zinc-800">
      <a
        routerLink="/"
        class="-ml-1 inline-flex size-9 items-center justify-center rounded-full text-zinc-600 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 md:hidden dark:text-zinc-300 dark:hover:bg-zinc-800"
        aria-label="Back to chats"
      >
        <svg viewBox="0 0 20 20" class="size-5" fill="currentColor" aria-hidden="true">
          <path
            fill-rule="evenodd"
            d="M11.8 4.2a.75.75 0 0 1 0 1.1L7.1 10l4.7 4.7a.75.75 0 1 1-1.1 1.1l-5.2-5.3a.75.75 0 0 1 0-1l5.2-5.3a.75.75 0 0 1 1.1 0"
            clip-rule="evenodd"
          />
        </svg>
      </a>
      @if (conversation(); as conversation) {
        <span class="relative">
          <app-avatar [name]="conversation.participant.displayName" [src]="conversation.participant.avatarUrl" />
          @if (conversation.participant.online) {
            <span
              class="absolute right-0 bottom-0 size-3 rounded-full bg-emerald-500 ring-2 ring-white dark:ring-zinc-900"
              aria-hidden="true"
            ></span>
          }
        </span>
        <div class="min-w-0">
          <h2 class="truncate font-semibold text-zinc-900 dark:text-white" data-testid="chat-title">
            {{ conversation.participant.displayName }}
          </h2>
          <p class="truncate text-xs text-zinc-500 dark:text-zinc-400" data-testid="chat-presence">{{ presence() }}</p>
        </div>
      }
    </header>

    @if (!conversation() && notFound()) {
      <div class="flex flex-1 flex-col items-center justify-center p-8 text-center">
        <h2 class="text-base font-semibold text-zinc-900 dark:text-white">This conversation isn't available</h2>
        <p class="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          {{ thread()?.error || 'It may have been removed.' }}
        </p>
      </div>
    } @else if (thread()?.status === 'loaded' || messages().length) {
      @if (!messages().length) {
        <div class="flex flex-1 flex-col items-center justify-center p-8 text-center">
          <p class="text-sm text-zinc-600 dark:text-zinc-400">No messages yet. Say hello!</p>
        </div>
      } @else {
        <app-message-list
          class="flex-1"
          [conversationId]="conversationId()"
          [messages]="messages()"
          [me]="me()"
          [participantName]="name()"
          [hasOlder]="thread()?.hasOlder ?? false"
          [loadingOlder]="thread()?.loadingOlder ?? false"
          [receiptMessageId]="receiptMessageId()"
          [receipt]="receipt()"
          [now]="now()"
          (loadOlder)="loadOlder.emit()"
          (retry)="retry.emit($event)"
          (discard)="discard.emit($event)"
          (edit)="edit.emit($event)"
          (remove)="remove.emit($event)"
        />
      }
    } @else if (thread()?.status === 'error') {
      <div class="flex flex-1 flex-col items-center justify-center p-8 text-center" role="alert">
        <p class="text-sm text-red-700 dark:text-red-400">{{ thread()?.error }}</p>
      </div>
    } @else {
      <div class="flex flex-1 items-center justify-center gap-2 text-sm text-zinc-500 dark:text-zinc-400" role="status">
        <app-spinner class="size-4" /> Loading messages…
      </div>
    }

    <div class="shrink-0 border-t border-zinc-200 px-3 pt-1 pb-3 sm:px-4 dark:border-zinc-800">
      <p class="h-5 truncate text-xs text-zinc-500 italic dark:text-zinc-400" data-testid="typing-indicator">
        @if (typingName()) {
          {{ typingName() }} is typing…
        }
      </p>
      @if (thread()?.actionError) {
        <p role="alert" class="mb-2 text-sm text-red-700 dark:text-red-400">{{ thread()?.actionError }}</p>
      }
      <app-composer
        [conversationId]="conversationId()"
        [recipient]="name()"
        (send)="send.emit($event)"
        (sendAttachment)="sendAttachment.emit($event)"
        (typed)="typed.emit()"
      />
    </div>
    @if (dragging()) {
      <div
        class="pointer-events-none absolute inset-2 z-20 flex items-center justify-center rounded-2xl border-2 border-dashed border-indigo-500 bg-indigo-50/90 text-sm font-medium text-indigo-700 dark:bg-indigo-950/80 dark:text-indigo-300"
        aria-hidden="true"
      >
        Drop a picture or video to attach it
      </div>
    }
  `,
  host: {
    class: 'relative flex min-h-0 flex-col',
    '(dragenter)': 'onDragEnter($event)',
    '(dragover)': 'onDragOver($event)',
    '(dragleave)': 'onDragLeave($event)',
    '(drop)': 'onDrop($event)',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MessageWindow {
  readonly conversationId = input.required<string>();
  /** Null until the chat list has it. */
  readonly conversation = input<ConversationView | null>(null);
  /** The list is loaded and does not have this conversation. */
  readonly notFound = input(false);
  readonly thread = input<Thread | null>(null);
  readonly messages = input.required<readonly ChatMessage[]>();
  readonly me = input<string | null>(null);
  readonly typingName = input<string | null>(null);
  readonly receiptMessageId = input<string | null>(null);
  readonly receipt = input<string | null>(null);
  readonly now = input(Date.now());
  readonly send = output<string>();
  readonly typed = output<void>();
  readonly loadOlder = output<void>();
  readonly retry = output<ChatMessage>();
  readonly discard = output<ChatMessage>();
  readonly sendAttachment = output<{ attachment: OutgoingAttachment; text: string }>();
  readonly edit = output<{ messageId: string; text: string }>();
  readonly remove = output<string>();

  protected readonly dragging = signal(false);
  private readonly composer = viewChild(Composer);
  /** dragenter/dragleave fire for every child crossed; the count says whether the pointer is still inside. */
  private dragDepth = 0;

  protected onDragEnter(event: DragEvent): void {
    if (!hasFiles(event)) return;
    event.preventDefault();
    this.dragDepth++;
    this.dragging.set(true);
  }

  protected onDragOver(event: DragEvent): void {
    if (!hasFiles(event)) return;
    // Without this the browser opens the file instead of dropping it here.
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  }

  protected onDragLeave(event: DragEvent): void {
    if (!hasFiles(event)) return;
    this.dragDepth = Math.max(0, this.dragDepth - 1);
    if (!this.dragDepth) this.dragging.set(false);
  }

  protected onDrop(event: DragEvent): void {
    if (!hasFiles(event)) return;
    event.preventDefault();
    this.dragDepth = 0;
    this.dragging.set(false);
    const file = event.dataTransfer?.files[0];
    if (file) this.composer()?.attach(file);
  }

  protected readonly name = computed(() => this.conversation()?.participant.displayName ?? '');
  protected readonly presence = computed(() => {
    const participant = this.conversation()?.participant;
    return participant ? presenceText(participant, this.now()) : '';
  });
}
