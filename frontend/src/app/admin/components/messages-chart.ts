import { ChangeDetectionStrategy, Component, computed, inject, input, LOCALE_ID } from '@angular/core';

import { formatDay } from '../format';

// About one SVG unit per CSS pixel on a phone, so the 10–11 px labels stay legible there; capped on wide screens.
const WIDTH = 336;
const HEIGHT = 160;
const TOP = 16;
const BOTTOM = 20;
const PLOT = HEIGHT - TOP - BOTTOM;

let nextId = 0;

/**
 * Messages per day as bars, oldest on the left, today highlighted. Sized so its labels stay readable on a phone;
 * screen readers get a summary (title + desc) and each bar's exact value in its own <title>.
 */
@Component({
  selector: 'app-messages-chart',
  template: `
    <svg
      [attr.viewBox]="'0 0 ' + width + ' ' + height"
      class="h-auto w-full max-w-md"
      role="img"
      [attr.aria-labelledby]="id + '-title ' + id + '-desc'"
    >
      <title [id]="id + '-title'">{{ title() }}</title>
      <desc [id]="id + '-desc'">{{ summary() }}</desc>
      <line
        x1="0"
        [attr.x2]="width"
        [attr.y1]="baseline"
        [attr.y2]="baseline"
        class="stroke-zinc-300 dark:stroke-zinc-700"
        stroke-width="1"
      />
      @if (empty()) {
        <text
          [attr.x]="width / 2"
          [attr.y]="(height - 20) / 2"
          text-anchor="middle"
          font-size="12"
          class="fill-zinc-500 dark:fill-zinc-400"
          aria-hidden="true"
        >
          {{ emptyText }}
        </text>
      }
      @for (bar of bars(); track bar.day) {
        <g>
          <rect
            [attr.x]="bar.x"
            [attr.y]="bar.y"
            [attr.width]="bar.width"
            [attr.height]="bar.height"
            rx="2"
            [class]="bar.today ? 'fill-indigo-600 dark:fill-indigo-400' : 'fill-indigo-300 dark:fill-indigo-500/60'"
          >
            <title>{{ bar.title }}</title>
          </rect>
          @if (bar.count > 0) {
            <text
              [attr.x]="bar.cx"
              [attr.y]="bar.y - 4"
              text-anchor="middle"
              font-size="10"
              class="fill-zinc-600 tabular-nums dark:fill-zinc-300"
              aria-hidden="true"
            >
              {{ bar.value }}
            </text>
          }
          <text
            [attr.x]="bar.cx"
            [attr.y]="height - 5"
            text-anchor="middle"
            font-size="11"
            [class]="bar.today ? 'fill-zinc-900 font-semibold dark:fill-white' : 'fill-zinc-500 dark:fill-zinc-400'"
            aria-hidden="true"
          >
            {{ bar.dayOfMonth }}
          </text>
        </g>
      }
    </svg>
  `,
  host: { class: 'block' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MessagesChart {
  readonly days = input.required<{ day: string; count: number }[]>();
  private readonly locale = inject(LOCALE_ID);
  private readonly compact = new Intl.NumberFormat(this.locale, { notation: 'compact' });

  protected readonly id = `messages-chart-${nextId++}`;
  protected readonly width = WIDTH;
  protected readonly height = HEIGHT;
  protected readonly baseline = HEIGHT - BOTTOM + 0.5;

  protected readonly bars = computed(() => {
    const locale = this.locale;
    const days = this.days();
    const max = Math.max(1, ...days.map((d) => d.count));
    const slot = WIDTH / Math.max(1, days.length);
    const width = Math.round(slot * 0.64);
    return days.map(({ day, count }, i) => {
      // A day with messages always shows a sliver, however busy the busiest day was.
      const height = count === 0 ? 0 : Math.max(2, (count / max) * PLOT);
      return {
        day,
        count,
        x: i * slot + (slot - width) / 2,
        cx: i * slot + slot / 2,
        y: HEIGHT - BOTTOM - height,
        width,
        height,
        today: i === days.length - 1,
        value: this.compact.format(count),
        dayOfMonth: Number(day.slice(8, 10)),
        title: barTitle(formatDay(day, locale, { weekday: 'short', month: 'short', day: 'numeric' }), count, locale),
      };
    });
  });

  // SVG text is set from here: Angular's i18n blocks with interpolations do not compile inside <svg>.
  protected readonly title = computed(
    () => $localize`:@@admin.chart.title:Messages per day, last ${this.days().length}:count: days`,
  );
  protected readonly emptyText = $localize`:@@admin.chart.empty:No messages in these days`;
  protected readonly summary = computed(() => summarize(this.days(), this.locale));
  protected readonly empty = computed(() => this.days().every((d) => d.count === 0));
}

/** "Mar 1 to Mar 14: 123 messages in all. Busiest day Mar 10 with 40. Today 5." */
export function summarize(days: { day: string; count: number }[], locale: string): string {
  if (days.length === 0) return $localize`:@@admin.chart.noData:No data.`;
  const total = days.reduce((sum, d) => sum + d.count, 0);
  const busiest = days.reduce((best, d) => (d.count > best.count ? d : best), days[0]);
  const today = days[days.length - 1];
  const [first, last] = [formatDay(days[0].day, locale), formatDay(today.day, locale)];
  if (total === 0) return $localize`:@@admin.chart.summaryEmpty:${first}:first: to ${last}:last:: no messages.`;
  const n = (value: number) => value.toLocaleString(locale);
  return $localize`:@@admin.chart.summary:${first}:first: to ${last}:last:: ${n(total)}:total: messages in all. Busiest day ${formatDay(busiest.day, locale)}:busiestDay: with ${n(busiest.count)}:busiestCount:. Today ${n(today.count)}:today:.`;
}

/** "Tue, Mar 3: 1 message". */
function barTitle(day: string, count: number, locale: string): string {
  return count === 1
    ? $localize`:@@admin.chart.barOne:${day}:day:: 1 message`
    : $localize`:@@admin.chart.bar:${day}:day:: ${count.toLocaleString(locale)}:count: messages`;
}
