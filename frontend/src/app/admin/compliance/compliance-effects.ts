import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, exhaustMap, map, mergeMap, of, switchMap, tap } from 'rxjs';

import { toApiError } from '../../core/api/api-error';
import { saveFile } from '../../core/api/save-file';
import { ComplianceApiActions, CompliancePageActions } from './compliance-actions';
import { ComplianceApi } from './compliance-api';

// switchMap: opening the page again makes an older answer irrelevant.
export const loadHolds$ = createEffect(
  (actions$ = inject(Actions), api = inject(ComplianceApi)) => {
    return actions$.pipe(
      ofType(CompliancePageActions.opened),
      switchMap(() =>
        api.holds().pipe(
          map((holds) => ComplianceApiActions.holdsLoaded({ holds })),
          catchError((error: unknown) => of(ComplianceApiActions.holdsLoadFailed({ error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);

// exhaustMap: a double submit places nothing twice (the server would return the same hold anyway).
export const placeHold$ = createEffect(
  (actions$ = inject(Actions), api = inject(ComplianceApi)) => {
    return actions$.pipe(
      ofType(CompliancePageActions.holdSubmitted),
      exhaustMap(({ hold }) =>
        api.place(hold).pipe(
          map((placed) => ComplianceApiActions.holdPlaced({ hold: placed })),
          catchError((error: unknown) => of(ComplianceApiActions.holdFailed({ error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);

// mergeMap: releases of different holds are independent.
export const releaseHold$ = createEffect(
  (actions$ = inject(Actions), api = inject(ComplianceApi)) => {
    return actions$.pipe(
      ofType(CompliancePageActions.releaseConfirmed),
      mergeMap(({ hold }) =>
        api.release(hold.id).pipe(
          map(() => ComplianceApiActions.releaseSucceeded({ hold })),
          catchError((error: unknown) => of(ComplianceApiActions.releaseFailed({ hold, error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);

// exhaustMap: one export at a time; pressing again while it downloads starts none.
export const runExport$ = createEffect(
  (actions$ = inject(Actions), api = inject(ComplianceApi)) => {
    return actions$.pipe(
      ofType(CompliancePageActions.exportSubmitted),
      exhaustMap(({ request }) =>
        api.export(request).pipe(
          tap((file) => saveFile(file, `compliance-export-${request.from}-${request.to}.jsonl`)),
          map(() => ComplianceApiActions.exportDownloaded()),
          catchError((error: unknown) => of(ComplianceApiActions.exportFailed({ error: toApiError(error) }))),
        ),
      ),
    );
  },
  { functional: true },
);
