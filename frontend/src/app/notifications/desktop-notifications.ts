import { DOCUMENT, inject, Injectable, signal } from '@angular/core';

const STORAGE_KEY = 'chat.desktopNotifications';

export type DesktopPermission = NotificationPermission | 'unsupported';

export interface DesktopNotice {
  title: string;
  body: string;
  /** A newer notice with the same tag replaces the older one (one per conversation). */
  tag: string;
  onClick: () => void;
}

/**
 * Desktop notifications (the Notification API). The person turns them on in their profile: the browser only asks
 * for permission after that click, never on load. The choice is kept per device, since the permission is.
 */
@Injectable({ providedIn: 'root' })
export class DesktopNotifications {
  private readonly window = inject(DOCUMENT).defaultView;
  readonly permission = signal<DesktopPermission>(this.currentPermission());
  readonly enabled = signal(this.read() && this.permission() === 'granted');

  /** Call from a click: asks for permission if the browser has not been told yet. */
  async enable(): Promise<boolean> {
    if (this.permission() === 'unsupported') return false;
    const permission =
      Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission;
    this.permission.set(permission);
    this.write(permission === 'granted');
    this.enabled.set(permission === 'granted');
    return permission === 'granted';
  }

  disable(): void {
    this.write(false);
    this.enabled.set(false);
  }

  show(notice: DesktopNotice): void {
    if (!this.enabled() || Notification.permission !== 'granted') return;
    const notification = new Notification(notice.title, { body: notice.body, tag: notice.tag, icon: '/favicon.svg' });
    notification.onclick = () => {
      this.window?.focus();
      notice.onClick();
      notification.close();
    };
  }

  private currentPermission(): DesktopPermission {
    return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
  }

  private read(): boolean {
    try {
      return this.window?.localStorage.getItem(STORAGE_KEY) === 'on';
    } catch {
      return false;
    }
  }

  private write(on: boolean): void {
    try {
      if (on) this.window?.localStorage.setItem(STORAGE_KEY, 'on');
      else this.window?.localStorage.removeItem(STORAGE_KEY);
    } catch {
      // Storage blocked: the setting lasts until the tab closes.
    }
  }
}
