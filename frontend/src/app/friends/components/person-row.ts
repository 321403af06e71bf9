import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { PublicUser } from '@contracts/users';

import { Avatar } from '../../shared/ui/avatar';

/**
 * One person in a list: avatar (with a green dot when online), name and a detail line. The name opens their
 * profile card; the row's own buttons are projected at the end.
 */
@Component({
  selector: 'app-person-row',
  imports: [Avatar],
  template: `
    <div class="relative shrink-0">
      <app-avatar [name]="user().displayName" [src]="user().avatarUrl" />
      @if (online()) {
        <span
          role="img"
          aria-label="online"
          i18n-aria-label="@@friends.row.online"
          data-testid="online-dot"
          class="absolute -right-0.5 -bottom-0.5 size-3.5 rounded-full border-2 border-white bg-emerald-500 dark:border-zinc-900"
        ></span>
      }
    </div>
    <button
      type="button"
      aria-haspopup="dialog"
      class="min-w-0 flex-1 cursor-pointer rounded-md text-left focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
      (click)="opened.emit()"
    >
      <span class="block truncate text-sm font-medium text-zinc-900 dark:text-zinc-100">{{ user().displayName }}</span>
      <span class="block truncate text-xs text-zinc-500 dark:text-zinc-400" data-testid="person-detail">{{
        detail() || '@' + user().username
      }}</span>
    </button>
    <div class="flex shrink-0 items-center gap-1"><ng-content /></div>
  `,
  host: { class: 'flex items-center gap-3', '[attr.data-person-id]': 'user().id' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PersonRow {
  readonly user = input.required<PublicUser>();
  readonly online = input(false);
  /** Shown under the name instead of @username (e.g. "last seen 5 min ago"). */
  readonly detail = input('');
  readonly opened = output();
}
