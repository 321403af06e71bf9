import { DOCUMENT, inject } from '@angular/core';
import { ClientEvent } from '@contracts/socket-events';
import { createEffect } from '@ngrx/effects';
import {
  concat,
  distinctUntilChanged,
  filter,
  fromEvent,
  map,
  merge,
  of,
  startWith,
  switchMap,
  tap,
  timer,
} from 'rxjs';

import { RealtimeSocket } from '../core/socket/realtime-socket';

/** After this long without input (or hidden), the tab is idle; friends see "Away" once every tab is. */
const IDLE_AFTER_MS = 10 * 60_000;
const INPUT_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'];

/** Tells the server when this tab goes idle and when it is used again (`presence:idle`). */
export const reportIdle$ = createEffect(
  (socket = inject(RealtimeSocket), document = inject(DOCUMENT)) => {
    const shown$ = fromEvent(document, 'visibilitychange').pipe(filter(() => document.visibilityState === 'visible'));
    const activity$ = merge(shown$, ...INPUT_EVENTS.map((name) => fromEvent(document, name, { passive: true })));
    return activity$.pipe(
      startWith(null),
      switchMap(() => concat(of(false), timer(IDLE_AFTER_MS).pipe(map(() => true)))),
      distinctUntilChanged(),
      tap((idle) => socket.notify(ClientEvent.PresenceIdle, { idle })),
    );
  },
  { functional: true, dispatch: false },
);
