import { ChangeDetectionStrategy, Component, computed, inject, input, LOCALE_ID } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ConversationView } from '@contracts/messages';

import { MuteMenu } from '../../notifications/mute-menu';
import { Avatar } from '../../shared/ui/avatar';
import { Button } from '../../shared/ui/button';
import { Icon } from '../../shared/ui/icon';
import { presenceText } from '../chat-format';
import { ServiceBadge } from './service-badge';

/**
 * Who the open conversation is with and whether they are online, or the group's picture, name and members (with the
 * way to its info page); with the way back to the list on a phone.
 */
@Component({
  selector: 'header[appConversationHeader]',
  imports: [RouterLink, Avatar, Button, Icon, ServiceBadge, MuteMenu],
  template: `
    <a
      appButton
      routerLink="/"
      variant="quiet"
      size="icon"
      class="-ml-1 size-9 text-zinc-600 md:hidden dark:text-zinc-300"
      aria-label="Back to chats"
      i18n-aria-label="@@chat.header.back"
    >
      <svg appIcon="back" class="size-5"></svg>
    </a>
    @if (conversation(); as conversation) {
      @if (conversation.participant; as person) {
        <span class="relative">
          <app-avatar [name]="person.displayName" [src]="person.avatarUrl" [deleted]="person.deleted ?? false" />
          @if (person.online && connected() && !blocked()) {
            <span
              class="absolute right-0 bottom-0 size-3 rounded-full bg-emerald-500 ring-2 ring-white dark:ring-zinc-900"
              aria-hidden="true"
            ></span>
          }
        </span>
        <div class="min-w-0">
          <h2 class="flex items-center gap-2 font-semibold text-zinc-900 dark:text-white" data-testid="chat-title">
            <span class="truncate">{{ person.displayName }}</span>
            @if (person.service) {
              <app-service-badge />
            }
          </h2>
          <p class="truncate text-xs text-zinc-500 dark:text-zinc-400" data-testid="chat-presence">{{ presence() }}</p>
        </div>
      } @else {
        <app-avatar [name]="conversation.name ?? ''" [src]="conversation.avatarUrl" [group]="true" />
        <div class="min-w-0">
          <h2 class="font-semibold text-zinc-900 dark:text-white" data-testid="chat-title">
            <a
              [routerLink]="['/c', conversation.id, 'info']"
              class="block truncate rounded-sm hover:underline focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none"
              >{{ conversation.name }}</a
            >
          </h2>
          <p class="truncate text-xs text-zinc-500 dark:text-zinc-400" data-testid="chat-presence">{{ presence() }}</p>
        </div>
      }
      <div class="ml-auto flex shrink-0 items-center gap-3">
        <a
          appButton
          routerLink="/search"
          [queryParams]="{ conversationId: conversation.id }"
          variant="quiet"
          size="icon"
          class="size-9 text-zinc-600 dark:text-zinc-300"
          aria-label="Search in this chat"
          i18n-aria-label="@@search.inChat"
          data-testid="search-in-chat"
          ><svg appIcon="search" class="size-5"></svg
        ></a>
        <!-- A group I left tells me nothing new, so there is nothing to mute; its info stays readable. -->
        @if (!conversation.left) {
          <app-mute-menu [conversation]="conversation" />
        }
        @if (!conversation.participant) {
          <a
            appButton
            [routerLink]="['/c', conversation.id, 'info']"
            variant="quiet"
            size="icon"
            class="size-9 text-zinc-600 dark:text-zinc-300"
            aria-label="Group info"
            i18n-aria-label="@@chat.group.header.info"
            data-testid="group-info-link"
          >
            <svg appIcon="info" class="size-5"></svg>
          </a>
        }
      </div>
    }
  `,
  host: {
    class: 'flex h-16 shrink-0 items-center gap-3 border-b border-zinc-200 px-3 sm:px-4 dark:border-zinc-800',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConversationHeader {
  /** Null until the chat list has it. */
  readonly conversation = input<ConversationView | null>(null);
  readonly now = input(Date.now());
  /** False while the live connection is down: presence is unknown then. */
  readonly connected = input(true);
  /** Nobody can write here (blocked, not friends): their presence is none of my business. */
  readonly blocked = input(false);
  /** The signed-in person, not counted among a group's members online. */
  readonly me = input<string | null>(null);

  private readonly locale = inject(LOCALE_ID);
  protected readonly presence = computed(() => {
    const conversation = this.conversation();
    if (conversation && !conversation.participant) return this.groupSummary(conversation);
    const participant = conversation?.participant;
    if (participant?.deleted) return $localize`:@@chat.header.deleted:This account was deleted`;
    if (participant?.service) return $localize`:@@chat.header.automated:Automated account`;
    if (!participant || this.blocked()) return '';
    if (!this.connected()) return $localize`:@@chat.header.presenceUnknown:Online status unknown, no connection`;
    return presenceText(participant, this.now(), this.locale);
  });

  /** "5 members, 2 online": online among the members whose presence I see (friends), not counting me. */
  private groupSummary(conversation: ConversationView): string {
    const members = conversation.members ?? [];
    const count = members.length;
    if (conversation.left) return $localize`:@@chat.group.header.left:You are no longer a member`;
    const online = this.connected()
      ? members.filter((member) => member.userId !== this.me() && member.user.online).length
      : 0;
    return online
      ? $localize`:@@chat.group.header.membersOnline:${count}:count: members, ${online}:online: online`
      : $localize`:@@chat.group.header.members:${count}:count: members`;
  }
}
