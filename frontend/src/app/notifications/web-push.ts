import { HttpClient } from '@angular/common/http';
import { DOCUMENT, inject, Injectable } from '@angular/core';
import type { PushKeyView } from '@contracts/notifications';
import { firstValueFrom } from 'rxjs';

const WORKER = '/sw-push.js';

/**
 * Web Push, so this browser is notified while no tab is open (the server pushes only then). Best effort: a browser
 * without a push service (or a server without VAPID keys) simply gets no push.
 */
@Injectable({ providedIn: 'root' })
export class WebPush {
  private readonly http = inject(HttpClient);
  private readonly navigator = inject(DOCUMENT).defaultView?.navigator;

  async subscribe(): Promise<void> {
    if (!this.navigator?.serviceWorker || typeof PushManager === 'undefined') return;
    try {
      const { publicKey } = await firstValueFrom(this.http.get<PushKeyView>('/api/push/key'));
      if (!publicKey) return;
      const registration = await this.navigator.serviceWorker.register(WORKER);
      const subscription =
        (await registration.pushManager.getSubscription()) ??
        (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: publicKey }));
      await firstValueFrom(this.http.post('/api/push/subscriptions', subscription.toJSON()));
    } catch {
      // No push service reachable (or permission withdrawn): desktop notifications in open tabs still work.
    }
  }

  async unsubscribe(): Promise<void> {
    try {
      const registration = await this.navigator?.serviceWorker?.getRegistration(WORKER);
      const subscription = await registration?.pushManager.getSubscription();
      if (!subscription) return;
      await firstValueFrom(this.http.delete('/api/push/subscriptions', { body: { endpoint: subscription.endpoint } }));
      await subscription.unsubscribe();
    } catch {
      // Already gone.
    }
  }
}
