import { formatDate } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, ElementRef, input, signal, viewChild } from '@angular/core';
import { inject, LOCALE_ID } from '@angular/core';
import type { ConversationView } from '@contracts/messages';
import { Store } from '@ngrx/store';

import { Button } from '../shared/ui/button';
import { Icon } from '../shared/ui/icon';
import { MuteMenuActions } from './notification-actions';
import { isMuted } from './quiet';

const HOUR_MS = 3_600_000;

/** The bell in the conversation header: mute for a while or until unmuted, or unmute. */
@Component({
  selector: 'app-mute-menu',
  imports: [Button, Icon],
  template: `
    <button
      #trigger
      appButton
      type="button"
      variant="quiet"
      size="icon"
      class="size-9"
      [attr.aria-expanded]="open()"
      aria-controls="mute-menu"
      [attr.aria-label]="muted() ? mutedLabel() : muteLabel"
      [attr.title]="muted() ? mutedLabel() : muteLabel"
      (click)="toggle()"
      data-testid="mute-button"
    >
      <svg [appIcon]="muted() ? 'bell-off' : 'bell'" class="size-5"></svg>
    </button>
    @if (open()) {
      <div
        id="mute-menu"
        class="absolute top-full right-0 z-20 mt-1 w-60 rounded-xl border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
      >
        @if (muted()) {
          <p class="px-3 py-2 text-xs text-zinc-600 dark:text-zinc-400">{{ mutedLabel() }}</p>
          <button #first type="button" [class]="item" (click)="unmute()" i18n="@@notifications.mute.unmute">
            Unmute
          </button>
        } @else {
          <button #first type="button" [class]="item" (click)="mute(1)" i18n="@@notifications.mute.forHour">
            Mute for 1 hour
          </button>
          <button type="button" [class]="item" (click)="mute(8)" i18n="@@notifications.mute.forEightHours">
            Mute for 8 hours
          </button>
          <button
            type="button"
            [class]="item"
            (click)="mute(null)"
            data-testid="mute-forever"
            i18n="@@notifications.mute.untilUnmuted"
          >
            Mute until I unmute
          </button>
        }
      </div>
    }
  `,
  host: { class: 'relative', '(focusout)': 'leave($event)', '(keydown.escape)': 'open() && close()' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MuteMenu {
  private readonly store = inject(Store);
  private readonly locale = inject(LOCALE_ID);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  readonly conversation = input.required<ConversationView>();

  protected readonly open = signal(false);
  private readonly trigger = viewChild.required('trigger', { read: ElementRef<HTMLButtonElement> });
  private readonly first = viewChild<ElementRef<HTMLButtonElement>>('first');
  protected readonly item =
    'block w-full rounded-lg px-3 py-2 text-left text-sm text-zinc-800 hover:bg-zinc-100 focus-visible:outline-2 ' +
    'focus-visible:outline-indigo-500 dark:text-zinc-100 dark:hover:bg-zinc-800';
  protected readonly muteLabel = $localize`:@@notifications.mute.button:Mute notifications`;
  protected readonly muted = computed(() => isMuted(this.conversation(), new Date()));
  protected readonly mutedLabel = computed(() => {
    const until = this.conversation().mutedUntil;
    if (!until) return $localize`:@@notifications.mute.mutedForever:Muted until you unmute`;
    const time = formatDate(until, 'short', this.locale);
    return $localize`:@@notifications.mute.mutedUntil:Muted until ${time}:time:`;
  });

  protected toggle(): void {
    this.open.update((open) => !open);
    if (this.open()) queueMicrotask(() => this.first()?.nativeElement.focus());
  }

  protected mute(hours: number | null): void {
    const until = hours === null ? null : new Date(Date.now() + hours * HOUR_MS).toISOString();
    this.store.dispatch(MuteMenuActions.muteChosen({ conversationId: this.conversation().id, until }));
    this.close();
  }

  protected unmute(): void {
    this.store.dispatch(MuteMenuActions.unmuteChosen({ conversationId: this.conversation().id }));
    this.close();
  }

  protected close(): void {
    this.open.set(false);
    this.trigger().nativeElement.focus();
  }

  /** Tabbing or clicking away closes the menu. */
  protected leave(event: FocusEvent): void {
    if (!this.host.nativeElement.contains(event.relatedTarget as Node | null)) this.open.set(false);
  }
}
