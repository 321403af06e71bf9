import { formatDate } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, LOCALE_ID } from '@angular/core';
import { Store } from '@ngrx/store';

import { authFeature } from '../core/auth/auth-feature';
import { Button } from '../shared/ui/button';
import { DesktopNotifications } from './desktop-notifications';
import { NotificationSettingsActions } from './notification-actions';
import { inDoNotDisturb } from './quiet';

const HOUR_MS = 3_600_000;

/** The profile's "Notifications" section: desktop notifications on this device, e-mails, do-not-disturb. */
@Component({
  selector: 'app-notification-settings',
  imports: [Button],
  template: `
    <section
      aria-labelledby="notifications-heading"
      class="space-y-5 rounded-2xl border border-zinc-200 bg-white p-5 shadow-sm sm:p-6 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2
        id="notifications-heading"
        class="text-base font-semibold text-zinc-900 dark:text-white"
        i18n="@@notifications.settings.heading"
      >
        Notifications
      </h2>

      <div class="flex flex-wrap items-start justify-between gap-3">
        <div class="min-w-0 flex-1 basis-60 text-sm">
          <p class="font-medium text-zinc-800 dark:text-zinc-200" i18n="@@notifications.settings.desktop">
            Desktop notifications
          </p>
          <p class="text-zinc-600 dark:text-zinc-400" data-testid="desktop-status">
            @switch (desktopState()) {
              @case ('on') {
                <ng-container i18n="@@notifications.settings.desktopOn"
                  >On for this device: new messages show while this tab is in the background.</ng-container
                >
              }
              @case ('blocked') {
                <ng-container i18n="@@notifications.settings.desktopBlocked"
                  >Blocked in this browser. Allow notifications for this site in the browser's settings.</ng-container
                >
              }
              @case ('unsupported') {
                <ng-container i18n="@@notifications.settings.desktopUnsupported"
                  >This browser can't show notifications.</ng-container
                >
              }
              @default {
                <ng-container i18n="@@notifications.settings.desktopOff"
                  >Off. Your browser will ask for permission when you turn them on.</ng-container
                >
              }
            }
          </p>
        </div>
        @if (desktopState() === 'on') {
          <button
            appButton
            type="button"
            variant="secondary"
            size="sm"
            (click)="turnDesktopOff()"
            data-testid="desktop-toggle"
            i18n="@@notifications.settings.turnOff"
          >
            Turn off
          </button>
        } @else if (desktopState() === 'off') {
          <button
            appButton
            type="button"
            variant="secondary"
            size="sm"
            (click)="turnDesktopOn()"
            data-testid="desktop-toggle"
            i18n="@@notifications.settings.turnOn"
          >
            Turn on
          </button>
        }
      </div>

      <label class="flex cursor-pointer items-start gap-3">
        <input
          type="checkbox"
          [checked]="emailOn()"
          (change)="setEmail($any($event.target).checked)"
          class="mt-0.5 size-4 shrink-0 cursor-pointer rounded accent-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
          data-testid="email-notifications"
        />
        <span class="text-sm">
          <span class="block font-medium text-zinc-800 dark:text-zinc-200" i18n="@@notifications.settings.email"
            >E-mail about missed messages</span
          >
          <span class="block text-zinc-600 dark:text-zinc-400" i18n="@@notifications.settings.emailHint"
            >When a message stays unread while you are away: who wrote and how many, never what.</span
          >
        </span>
      </label>

      <div role="group" aria-labelledby="dnd-heading" aria-describedby="dnd-status" class="space-y-2 text-sm">
        <p id="dnd-heading" class="font-medium text-zinc-800 dark:text-zinc-200" i18n="@@notifications.settings.dnd">
          Do not disturb
        </p>
        <p id="dnd-status" class="text-zinc-600 dark:text-zinc-400" data-testid="dnd-status">
          @if (dndUntil(); as until) {
            <ng-container i18n="@@notifications.settings.dndActive"
              >No sounds, notifications or e-mails until {{ until }}.</ng-container
            >
          } @else {
            <ng-container i18n="@@notifications.settings.dndInactive">Off: you are notified as set above.</ng-container>
          }
        </p>
        <div class="flex flex-wrap gap-2">
          @for (hours of [1, 8, 24]; track hours) {
            <button appButton type="button" variant="secondary" size="sm" (click)="setDoNotDisturb(hours)">
              <ng-container i18n="@@notifications.settings.dndFor">{hours, plural,
                =1 {For 1 hour}
                other {For {{ hours }} hours}
              }</ng-container>
            </button>
          }
          @if (dndUntil()) {
            <button
              appButton
              type="button"
              variant="ghost"
              size="sm"
              (click)="setDoNotDisturb(null)"
              data-testid="dnd-off"
              i18n="@@notifications.settings.dndOff"
            >
              Turn off
            </button>
          }
        </div>
      </div>
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotificationSettings {
  private readonly store = inject(Store);
  private readonly desktop = inject(DesktopNotifications);
  private readonly locale = inject(LOCALE_ID);
  private readonly user = this.store.selectSignal(authFeature.selectUser);

  protected readonly desktopState = computed(() => {
    const permission = this.desktop.permission();
    if (permission === 'unsupported') return 'unsupported';
    if (permission === 'denied') return 'blocked';
    return this.desktop.enabled() ? 'on' : 'off';
  });
  protected readonly emailOn = computed(() => this.user()?.settings.emailNotifications ?? true);
  protected readonly dndUntil = computed(() => {
    const user = this.user();
    if (!user || !inDoNotDisturb(user, new Date())) return null;
    return formatDate(user.settings.doNotDisturbUntil!, 'short', this.locale);
  });

  protected async turnDesktopOn(): Promise<void> {
    if (await this.desktop.enable()) this.store.dispatch(NotificationSettingsActions.desktopTurnedOn());
  }

  protected turnDesktopOff(): void {
    this.desktop.disable();
    this.store.dispatch(NotificationSettingsActions.desktopTurnedOff());
  }

  protected setEmail(on: boolean): void {
    this.store.dispatch(NotificationSettingsActions.settingsChanged({ settings: { emailNotifications: on } }));
  }

  protected setDoNotDisturb(hours: number | null): void {
    const doNotDisturbUntil = hours === null ? null : new Date(Date.now() + hours * HOUR_MS).toISOString();
    this.store.dispatch(NotificationSettingsActions.settingsChanged({ settings: { doNotDisturbUntil } }));
  }
}
