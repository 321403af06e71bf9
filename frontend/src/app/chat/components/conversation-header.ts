import { ChangeDetectionStrategy, Component, computed, inject, input, LOCALE_ID } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ConversationView } from '@contracts/messages';

import { MuteMenu } from '../../notifications/mute-menu';
import { Avatar } from '../../shared/ui/avatar';
import { Button } from '../../shared/ui/button';
import { Icon } from '../../shared/ui/icon';
import { presenceText } from '../chat-format';
import { ServiceBadge } from './service-badge';

/** Who the open conversation is with and whether they are online, with the way back to the list on a phone. */
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
      <span class="relative">
        <app-avatar
          [name]="conversation.participant.displayName"
          [src]="conversation.participant.avatarUrl"
          [deleted]="conversation.participant.deleted ?? false"
        />
        @if (conversation.participant.online && connected() && !blocked()) {
          <span
            class="absolute right-0 bottom-0 size-3 rounded-full bg-emerald-500 ring-2 ring-white dark:ring-zinc-900"
            aria-hidden="true"
          ></span>
        }
      </span>
      <div class="min-w-0">
        <h2 class="flex items-center gap-2 font-semibold text-zinc-900 dark:text-white" data-testid="chat-title">
          <span class="truncate">{{ conversation.participant.displayName }}</span>
          @if (conversation.participant.service) {
            <app-service-badge />
          }
        </h2>
        <p class="truncate text-xs text-zinc-500 dark:text-zinc-400" data-testid="chat-presence">{{ presence() }}</p>
      </div>
      <app-mute-menu class="ml-auto" [conversation]="conversation" />
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

  private readonly locale = inject(LOCALE_ID);
  protected readonly presence = computed(() => {
    const participant = this.conversation()?.participant;
    if (participant?.deleted) return $localize`:@@chat.header.deleted:This account was deleted`;
    if (participant?.service) return $localize`:@@chat.header.automated:Automated account`;
    if (!participant || this.blocked()) return '';
    if (!this.connected()) return $localize`:@@chat.header.presenceUnknown:Online status unknown, no connection`;
    return presenceText(participant, this.now(), this.locale);
  });
}
