import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  type ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { Store } from '@ngrx/store';

import { authFeature } from '../../core/auth/auth-feature';
import { Button } from '../../shared/ui/button';
import { ConfirmDialog } from '../../shared/ui/confirm-dialog';
import { FormAlert } from '../../shared/ui/form-alert';
import { Input } from '../../shared/ui/input';
import { AdminPageActions } from '../admin-actions';
import type { InviteRequest } from '../admin-api';
import { adminFeature } from '../admin-feature';
import { confirmationFor, failureMessage, successMessage } from '../changes';
import { AdminNav } from '../components/admin-nav';
import { AuditLog } from '../components/audit-log';
import { InviteForm } from '../components/invite-form';
import { StatsPanel } from '../components/stats-panel';
import { type ChangeRequest, UsersTable } from '../components/users-table';

/** "2 min ago" labels move on by themselves. */
const CLOCK_TICK_MS = 30_000;

/** /admin: stats, the accounts with role and ban controls, and the audit log. */
@Component({
  selector: 'app-admin-page',
  imports: [AdminNav, AuditLog, Button, ConfirmDialog, FormAlert, InviteForm, Input, StatsPanel, UsersTable],
  templateUrl: './admin-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminPage {
  private readonly store = inject(Store);

  protected readonly meId = computed(() => this.me()?.id ?? null);
  private readonly me = this.store.selectSignal(authFeature.selectUser);
  protected readonly users = this.store.selectSignal(adminFeature.selectUserList);
  protected readonly usersState = this.store.selectSignal(adminFeature.selectUsers);
  protected readonly busy = this.store.selectSignal(adminFeature.selectBusy);
  private readonly lastChange = this.store.selectSignal(adminFeature.selectLastChange);
  protected readonly audit = this.store.selectSignal(adminFeature.selectAuditEntries);
  protected readonly auditState = this.store.selectSignal(adminFeature.selectAudit);
  protected readonly stats = this.store.selectSignal(adminFeature.selectStats);
  private readonly statsLoadError = this.store.selectSignal(adminFeature.selectStatsError);
  protected readonly statsError = computed(() => this.statsLoadError()?.message ?? null);
  protected readonly now = signal(Date.now());
  protected readonly invite = this.store.selectSignal(adminFeature.selectInvite);

  /** The change waiting for confirmation in the dialog. */
  protected readonly pending = signal<ChangeRequest | null>(null);
  protected readonly confirmation = computed(() => {
    const pending = this.pending();
    return pending ? confirmationFor(pending.change, pending.user) : null;
  });

  protected readonly changeSucceeded = computed(() => {
    const last = this.lastChange();
    return last && !last.error ? successMessage(last.change, last.user) : null;
  });
  protected readonly changeFailed = computed(() => {
    const last = this.lastChange();
    return last?.error ? failureMessage(last.change, last.user, last.error.message) : null;
  });

  protected readonly usersStatus = computed(() => {
    const { loading, query, ids, error } = this.usersState();
    if (loading) return $localize`:@@admin.users.loading:Loading users…`;
    if (error) return '';
    if (ids.length === 0) {
      return query
        ? $localize`:@@admin.users.noMatch:No users match “${query}:query:”.`
        : $localize`:@@admin.users.none:No users yet.`;
    }
    const count = ids.length;
    const more = Boolean(this.usersState().nextCursor);
    // More pages mean more than one user.
    if (query) {
      if (more)
        return $localize`:@@admin.users.countMatchingSoFar:${count}:count: users so far matching “${query}:query:”.`;
      return count === 1
        ? $localize`:@@admin.users.oneMatching:1 user matching “${query}:query:”.`
        : $localize`:@@admin.users.countMatching:${count}:count: users matching “${query}:query:”.`;
    }
    if (more) return $localize`:@@admin.users.countSoFar:${count}:count: users so far.`;
    return count === 1 ? $localize`:@@admin.users.one:1 user.` : $localize`:@@admin.users.count:${count}:count: users.`;
  });
  protected readonly confirmFallback = $localize`:@@admin.confirm:Confirm`;

  private readonly usersHeading = viewChild.required<ElementRef<HTMLElement>>('usersHeading');

  constructor() {
    this.store.dispatch(AdminPageActions.opened());
    // The erased person's row, whose Erase button had focus, is gone: continue from the list's heading.
    effect(() => {
      const last = this.lastChange();
      if (last?.change === 'erase' && !last.error) this.usersHeading().nativeElement.focus();
    });
    const tick = setInterval(() => this.now.set(Date.now()), CLOCK_TICK_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(tick));
  }

  protected sendInvitation(invitation: InviteRequest): void {
    this.store.dispatch(AdminPageActions.inviteSubmitted({ invitation }));
  }

  protected search(query: string): void {
    this.store.dispatch(AdminPageActions.searchChanged({ query }));
  }

  protected moreUsers(): void {
    const { query, nextCursor, loading } = this.usersState();
    if (nextCursor && !loading) this.store.dispatch(AdminPageActions.moreUsersRequested({ query, cursor: nextCursor }));
  }

  protected moreAudit(): void {
    const { nextCursor, loading } = this.auditState();
    if (nextCursor && !loading) this.store.dispatch(AdminPageActions.moreAuditRequested({ cursor: nextCursor }));
  }

  protected confirm(): void {
    const pending = this.pending();
    this.pending.set(null);
    if (pending) this.store.dispatch(AdminPageActions.changeConfirmed(pending));
  }

  protected dismissChangeMessage(): void {
    this.store.dispatch(AdminPageActions.changeMessageDismissed());
  }
}
