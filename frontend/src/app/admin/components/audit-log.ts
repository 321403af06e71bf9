import { ChangeDetectionStrategy, Component, inject, input, LOCALE_ID } from '@angular/core';
import type { AuditEntryView } from '@contracts/users';

import { describeAuditEntry, timeAgo } from '../format';

const DOTS: Record<AuditEntryView['action'], string> = {
  'user.invited': 'bg-sky-500',
  'user.banned': 'bg-red-500',
  'user.unbanned': 'bg-emerald-500',
  'user.roles_changed': 'bg-indigo-500',
  'user.provisioned': 'bg-sky-500',
  'user.updated': 'bg-zinc-400',
  'user.erased': 'bg-zinc-500',
  'token.created': 'bg-amber-500',
  'token.revoked': 'bg-red-500',
  'webhook.created': 'bg-sky-500',
  'webhook.deleted': 'bg-zinc-500',
  'webhook.paused': 'bg-amber-500',
  'webhook.resumed': 'bg-emerald-500',
  'hold.placed': 'bg-violet-500',
  'hold.released': 'bg-zinc-400',
  'retention.ran': 'bg-zinc-500',
  'export.downloaded': 'bg-violet-500',
};

/** Admin actions, newest first: "Ada banned Bob · 2 min ago". */
@Component({
  selector: 'app-audit-log',
  template: `
    <ol
      class="divide-y divide-zinc-100 dark:divide-zinc-800"
      aria-label="Admin actions, newest first"
      i18n-aria-label="@@admin.audit.list"
    >
      @for (entry of entries(); track entry.id) {
        <li class="flex items-baseline gap-3 py-2.5 text-sm" data-testid="audit-entry">
          <span
            class="size-2 shrink-0 translate-y-[-1px] rounded-full {{ dots[entry.action] }}"
            aria-hidden="true"
          ></span>
          <span class="min-w-0 flex-1 text-zinc-800 dark:text-zinc-200">
            {{ describe(entry) }}
            <span class="text-zinc-500 dark:text-zinc-400">
              ·
              <time [attr.datetime]="entry.at" [title]="fullDate(entry.at)">{{ ago(entry.at) }}</time>
            </span>
          </span>
        </li>
      }
    </ol>
  `,
  host: { class: 'block' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditLog {
  readonly entries = input.required<AuditEntryView[]>();
  readonly now = input.required<number>();
  private readonly locale = inject(LOCALE_ID);
  protected readonly dots = DOTS;
  protected readonly describe = describeAuditEntry;

  protected ago(iso: string): string {
    return timeAgo(iso, this.now(), this.locale);
  }

  protected fullDate(iso: string): string {
    return new Date(iso).toLocaleString(this.locale);
  }
}
