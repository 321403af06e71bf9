import { ChangeDetectionStrategy, Component, computed, inject, input, LOCALE_ID } from '@angular/core';
import type { AdminStats } from '@contracts/users';

import { FormAlert } from '../../shared/ui/form-alert';
import { formatBytes } from '../format';
import { MessagesChart } from './messages-chart';

/** The headline numbers and the messages-per-day chart. */
@Component({
  selector: 'app-stats-panel',
  imports: [FormAlert, MessagesChart],
  template: `
    <app-form-alert [message]="error()" />
    <dl class="grid grid-cols-2 gap-3 lg:grid-cols-4" [attr.aria-busy]="!stats() || null">
      @for (tile of tiles(); track tile.label) {
        <div class="rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
          <dt class="text-sm text-zinc-600 dark:text-zinc-400">{{ tile.label }}</dt>
          <dd class="mt-1 text-2xl font-semibold tracking-tight text-zinc-900 tabular-nums dark:text-white">
            {{ tile.value }}
          </dd>
          @if (tile.note) {
            <dd class="text-xs text-zinc-500 dark:text-zinc-400">{{ tile.note }}</dd>
          }
        </div>
      }
    </dl>
    @if (stats(); as stats) {
      <figure class="mt-3 rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
        <figcaption class="mb-3 flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
          <span class="font-medium text-zinc-900 dark:text-white" i18n="@@admin.stats.perDay">Messages per day</span>
          <span class="text-zinc-500 dark:text-zinc-400" i18n="@@admin.stats.lastDays"
            >last {{ stats.messagesPerDay.length }} days (UTC)</span
          >
        </figcaption>
        <app-messages-chart [days]="stats.messagesPerDay" />
        <details class="mt-2 text-sm">
          <summary
            class="cursor-pointer rounded text-zinc-600 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:text-zinc-400 dark:hover:text-white"
            i18n="@@admin.stats.showNumbers"
          >
            Show the numbers
          </summary>
          <table class="mt-2 w-full max-w-xs text-left tabular-nums">
            <thead class="text-zinc-500 dark:text-zinc-400">
              <tr>
                <th scope="col" class="py-1 font-medium" i18n="@@admin.stats.day">Day</th>
                <th scope="col" class="py-1 text-right font-medium" i18n="@@admin.stats.messages">Messages</th>
              </tr>
            </thead>
            <tbody>
              @for (day of stats.messagesPerDay; track day.day) {
                <tr>
                  <td class="py-0.5">{{ day.day }}</td>
                  <td class="py-0.5 text-right">{{ day.count }}</td>
                </tr>
              }
            </tbody>
          </table>
        </details>
      </figure>
    }
  `,
  host: { class: 'block' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatsPanel {
  readonly stats = input<AdminStats | null>(null);
  readonly error = input<string | null>(null);
  private readonly locale = inject(LOCALE_ID);

  protected readonly tiles = computed(() => {
    const stats = this.stats();
    const n = (value: number | undefined) => (value === undefined ? '—' : value.toLocaleString(this.locale));
    const files = (count: number) =>
      count === 1 ? $localize`:@@admin.stats.oneFile:1 file` : $localize`:@@admin.stats.files:${n(count)}:count: files`;
    return [
      { label: $localize`:@@admin.stats.users:Users`, value: n(stats?.users), note: '' },
      { label: $localize`:@@admin.stats.onlineNow:Online now`, value: n(stats?.onlineNow), note: '' },
      {
        label: $localize`:@@admin.stats.messagesToday:Messages today`,
        value: n(stats?.messagesToday),
        note: $localize`:@@admin.stats.sinceMidnight:since midnight UTC`,
      },
      {
        label: $localize`:@@admin.stats.media:Media stored`,
        value: stats ? formatBytes(stats.media.bytes, this.locale) : '—',
        note: stats ? files(stats.media.count) : '',
      },
    ];
  });
}
