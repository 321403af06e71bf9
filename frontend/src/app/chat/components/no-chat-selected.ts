import { ChangeDetectionStrategy, Component } from '@angular/core';

import { Icon } from '../../shared/ui/icon';

/** What the conversation pane shows at / (on a wide screen, beside the chat list). */
@Component({
  selector: 'app-no-chat-selected',
  imports: [Icon],
  template: `
    <div
      class="flex size-12 items-center justify-center rounded-full bg-zinc-100 text-zinc-500 dark:bg-zinc-800 dark:text-zinc-400"
    >
      <svg appIcon="chat" class="size-6"></svg>
    </div>
    <h2 class="mt-4 text-base font-semibold text-zinc-900 dark:text-white" i18n="@@chat.noChatSelected.title">
      No chat selected
    </h2>
    <p class="mt-1 max-w-xs text-sm text-zinc-600 dark:text-zinc-400" i18n="@@chat.noChatSelected.hint">
      Pick a conversation from the list, or start one from the Friends tab.
    </p>
  `,
  host: { class: 'flex flex-1 flex-col items-center justify-center p-8 text-center' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NoChatSelected {}
