import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input, LOCALE_ID, output } from '@angular/core';
import type { AdminUserView } from '@contracts/users';

import { Avatar } from '../../shared/ui/avatar';
import { Button } from '../../shared/ui/button';
import type { AdminChange } from '../admin-actions';
import { timeAgo } from '../format';
import { Badge } from './badge';

export interface ChangeRequest {
  user: AdminUserView;
  change: AdminChange;
}

/**
 * The accounts with their roles, status and presence, and the buttons to change them. A table from the `md`
 * breakpoint up, a list of cards below it (both rendered; CSS shows one, so only one is in the accessibility tree).
 */
@Component({
  selector: 'app-users-table',
  imports: [NgTemplateOutlet, Avatar, Badge, Button],
  templateUrl: './users-table.html',
  host: { class: 'block' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UsersTable {
  readonly users = input.required<AdminUserView[]>();
  /** Ids of users with a change in flight. */
  readonly busy = input<readonly string[]>([]);
  /** The signed-in admin: no buttons to ban or demote oneself (the server refuses anyway). */
  readonly meId = input<string | null>(null);
  readonly now = input.required<number>();
  private readonly locale = inject(LOCALE_ID);
  readonly changeRequested = output<ChangeRequest>();

  protected isAdmin(user: AdminUserView): boolean {
    return user.roles.includes('admin');
  }

  protected lastSeen(user: AdminUserView): string {
    if (user.online) return $localize`:@@admin.users.onlineNow:Online now`;
    return user.lastSeenAt ? timeAgo(user.lastSeenAt, this.now(), this.locale) : $localize`:@@admin.users.never:Never`;
  }

  // aria-disabled rather than disabled: the button keeps focus (it just had it, for the dialog) while busy.
  protected request(user: AdminUserView, change: AdminChange): void {
    if (!this.busy().includes(user.id)) this.changeRequested.emit({ user, change });
  }
}
