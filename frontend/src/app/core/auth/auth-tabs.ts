import { Injectable, type OnDestroy } from '@angular/core';
import { EMPTY, filter, fromEvent, map, type Observable } from 'rxjs';

interface TabMessage {
  type: 'signed-out';
}

/** Tells the other tabs of this origin when the person signs out here, so they leave signed-in pages too. */
@Injectable({ providedIn: 'root' })
export class AuthTabs implements OnDestroy {
  private readonly channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('auth');

  readonly signedOut$: Observable<void> = this.channel
    ? fromEvent<MessageEvent<TabMessage>>(this.channel, 'message').pipe(
        filter((event) => event.data?.type === 'signed-out'),
        map(() => undefined),
      )
    : EMPTY;

  announceSignedOut(): void {
    this.channel?.postMessage({ type: 'signed-out' } satisfies TabMessage);
  }

  ngOnDestroy(): void {
    this.channel?.close();
  }
}
