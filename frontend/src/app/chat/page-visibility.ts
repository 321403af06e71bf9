import { DOCUMENT, inject, Injectable } from '@angular/core';
import { distinctUntilChanged, fromEvent, map, type Observable, shareReplay, startWith } from 'rxjs';

/** Whether this tab is on screen: a message counts as read only when the person can see it. */
@Injectable({ providedIn: 'root' })
export class PageVisibility {
  private readonly document = inject(DOCUMENT);

  readonly visible$: Observable<boolean> = fromEvent(this.document, 'visibilitychange').pipe(
    startWith(null),
    map(() => this.isVisible()),
    distinctUntilChanged(),
    shareReplay({ bufferSize: 1, refCount: true }),
  );

  isVisible(): boolean {
    return this.document.visibilityState !== 'hidden';
  }
}
