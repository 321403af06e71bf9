import { ChangeDetectionStrategy, Component, computed, inject, input, LOCALE_ID, output, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ConversationView } from '@contracts/messages';

import { Avatar } from '../../shared/ui/avatar';
import { Button } from '../../shared/ui/button';
import { Spinner } from '../../shared/ui/spinner';
import { listTimeLabel, previewText } from '../chat-format';
import { conversationTitle } from '../conversation-people';
import { ServiceBadge } from './service-badge';

/** The chat list: most recent first, with presence, preview, time and unread count. */
@Component({
  selector: 'app-conversation-list',
  imports: [RouterLink, Avatar, Button, ServiceBadge, Spinner],
  template: `
    @if (error() && !conversations().length) {
      <p
        role="alert"
        class="m-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950/50 dark:text-red-300"
      >
        {{ error() }}
      </p>
    }
    @if (conversations().length) {
      <!-- One Tab stop for the whole list; arrow keys, Home and End move between the chats. -->
      <!-- eslint-disable-next-line @angular-eslint/template/interactive-supports-focus -->
      <ul
        aria-label="Chats"
        i18n-aria-label="@@chat.list.label"
        class="divide-y divide-zinc-100 dark:divide-zinc-800/70"
        (keydown)="onKeydown($event)"
      >
        @for (conversation of conversations(); track conversation.id) {
          @let person = conversation.participant;
          @let title = titleOf(conversation);
          <li>
            <a
              data-chat-link
              [routerLink]="['/c', conversation.id]"
              [tabindex]="conversation.id === rovingId() ? 0 : -1"
              (focus)="focused.set(conversation.id)"
              [attr.aria-current]="conversation.id === selectedId() ? 'page' : null"
              [attr.data-testid]="'conversation-' + (person ? person.username : conversation.id)"
              class="flex items-center gap-3 px-3 py-3 outline-none hover:bg-zinc-50 focus-visible:bg-zinc-50 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-inset aria-[current=page]:bg-indigo-50 dark:hover:bg-zinc-800/60 dark:focus-visible:bg-zinc-800/60 dark:aria-[current=page]:bg-indigo-500/10"
            >
              <span class="relative">
                @if (person) {
                  <app-avatar
                    [name]="person.displayName"
                    [src]="person.avatarUrl"
                    [deleted]="person.deleted ?? false"
                  />
                } @else {
                  <app-avatar [name]="title" [src]="conversation.avatarUrl" [group]="true" />
                }
                @if (person?.online) {
                  <span
                    class="absolute right-0 bottom-0 size-3 rounded-full bg-emerald-500 ring-2 ring-white dark:ring-zinc-900"
                    aria-hidden="true"
                  ></span>
                }
              </span>
              <span class="min-w-0 flex-1">
                <span class="flex items-baseline gap-2">
                  <span class="truncate font-medium text-zinc-900 dark:text-white">{{ title }}</span>
                  @if (person?.service) {
                    <app-service-badge class="self-center" />
                  }
                  @if (person?.online) {
                    <span class="sr-only" i18n="@@chat.list.online">(online)</span>
                  }
                  @if (conversation.lastMessage) {
                    <time
                      class="ml-auto shrink-0 text-xs text-zinc-500 dark:text-zinc-400"
                      [attr.datetime]="conversation.lastActivityAt"
                      >{{ timeOf(conversation) }}</time
                    >
                  }
                </span>
                <span class="mt-0.5 flex items-center gap-2">
                  @let draft = drafts()[conversation.id];
                  @if (draft && conversation.id !== selectedId()) {
                    <span class="truncate text-sm text-zinc-600 dark:text-zinc-300" data-testid="draft-preview"
                      ><span class="font-semibold text-red-700 dark:text-red-400" i18n="@@chat.list.draft">Draft:</span>
                      {{ draft }}</span
                    >
                  } @else {
                    <span
                      class="truncate text-sm"
                      [class]="
                        conversation.unread
                          ? 'font-medium text-zinc-900 dark:text-zinc-100'
                          : 'text-zinc-500 dark:text-zinc-400'
                      "
                      [class.italic]="!conversation.lastMessage || conversation.lastMessage.deletedAt"
                      >{{ preview(conversation) }}</span
                    >
                  }
                  @if (conversation.unread) {
                    <span
                      data-testid="unread-badge"
                      class="ml-auto inline-flex h-5 min-w-5 shrink-0 items-center justify-center rounded-full bg-indigo-600 px-1.5 text-xs font-semibold text-white dark:bg-indigo-500"
                      ><span aria-hidden="true">{{ conversation.unread }}</span
                      ><span class="sr-only" i18n="@@chat.list.unread">{conversation.unread, plural,
                        =1 {, 1 unread message}
                        other {, {{ conversation.unread }} unread messages}
                      }</span></span
                    >
                  }
                </span>
              </span>
            </a>
          </li>
        }
      </ul>
    } @else if (loading()) {
      <div class="flex items-center justify-center gap-2 p-8 text-sm text-zinc-500 dark:text-zinc-400" role="status">
        <app-spinner class="size-4" /><span i18n="@@chat.list.loading">Loading chats…</span>
      </div>
    } @else if (!error()) {
      <div class="flex flex-col items-center px-6 py-12 text-center">
        <div
          class="flex size-12 items-center justify-center rounded-full bg-indigo-50 text-indigo-600 dark:bg-indigo-500/10 dark:text-indigo-400"
        >
          <svg
            viewBox="0 0 24 24"
            class="size-6"
            fill="none"
            stroke="currentColor"
            stroke-width="1.75"
            aria-hidden="true"
          >
            <path
              stroke-linecap="round"
              stroke-linejoin="round"
              d="M8 10h8M8 14h5m-7 6 2.6-2.2a2 2 0 0 1 1.3-.5H18a3 3 0 0 0 3-3V7a3 3 0 0 0-3-3H6a3 3 0 0 0-3 3v7.3a3 3 0 0 0 3 3z"
            />
          </svg>
        </div>
        <h2 class="mt-4 text-base font-semibold text-zinc-900 dark:text-white" i18n="@@chat.list.emptyTitle">
          Your chats will appear here
        </h2>
        <p class="mt-1 max-w-xs text-sm text-zinc-600 dark:text-zinc-400">
          @if (messageAnyone()) {
            <ng-container i18n="@@chat.list.emptyHintAnyone"
              >Find a colleague by name in the Friends tab and send them a message.</ng-container
            >
          } @else {
            <ng-container i18n="@@chat.list.emptyHint"
              >Once you and your colleagues are friends, start a conversation from the Friends tab.</ng-container
            >
          }
        </p>
        <button appButton type="button" variant="secondary" size="sm" class="mt-4" (click)="findFriends.emit()">
          @if (messageAnyone()) {
            <ng-container i18n="@@chat.list.findPeople">Find people</ng-container>
          } @else {
            <ng-container i18n="@@chat.list.findFriends">Find friends</ng-container>
          }
        </button>
      </div>
    }
  `,
  host: { class: 'block' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConversationList {
  readonly conversations = input.required<readonly ConversationView[]>();
  readonly selectedId = input<string | null>(null);
  readonly me = input<string | null>(null);
  readonly loading = input(false);
  readonly error = input<string | null>(null);
  /** The current time, so "14:05" turns into "Mon" without a reload. */
  readonly now = input(Date.now());
  /** DIRECT_MESSAGES=everyone: anyone can be messaged, no friendship needed (the empty list says so). */
  readonly messageAnyone = input(false);
  /** Conversation id → unsent text; shown as "Draft: …" instead of the last message. */
  readonly drafts = input<Record<string, string>>({});
  readonly findFriends = output<void>();

  private readonly locale = inject(LOCALE_ID);

  /** The chat last focused in the list; else the open one; else the first. */
  protected readonly focused = signal<string | null>(null);
  protected readonly rovingId = computed(() => {
    const ids = this.conversations().map((conversation) => conversation.id);
    return [this.focused(), this.selectedId()].find((id) => id && ids.includes(id)) ?? ids[0] ?? null;
  });

  protected onKeydown(event: KeyboardEvent): void {
    const links = [...(event.currentTarget as HTMLElement).querySelectorAll<HTMLElement>('a[data-chat-link]')];
    const at = links.indexOf(event.target as HTMLElement);
    if (at < 0) return;
    const next =
      event.key === 'ArrowDown'
        ? Math.min(at + 1, links.length - 1)
        : event.key === 'ArrowUp'
          ? Math.max(at - 1, 0)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? links.length - 1
              : null;
    if (next === null) return;
    event.preventDefault();
    links[next].focus();
  }

  protected titleOf(conversation: ConversationView): string {
    return conversationTitle(conversation);
  }

  protected preview(conversation: ConversationView): string {
    return previewText(conversation, this.me(), this.locale);
  }

  protected timeOf(conversation: ConversationView): string {
    return listTimeLabel(conversation.lastActivityAt, this.now(), this.locale);
  }
}
