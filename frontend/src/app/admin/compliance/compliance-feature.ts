import type { LegalHoldView } from '@contracts/compliance';
import { createFeature, createReducer, on } from '@ngrx/store';

import type { ApiError } from '../../core/api/api-error';
import { ComplianceApiActions, CompliancePageActions } from './compliance-actions';

export interface ComplianceState {
  holds: LegalHoldView[];
  loading: boolean;
  error: ApiError | null;
  place: { pending: boolean; error: ApiError | null };
  /** The hold placed last (the form empties when it changes). */
  placedId: string | null;
  /** Holds being released: their buttons wait meanwhile. */
  releasing: string[];
  released: { hold: LegalHoldView; error: ApiError | null } | null;
  export: { pending: boolean; error: ApiError | null; downloaded: boolean };
}

export const initialComplianceState: ComplianceState = {
  holds: [],
  loading: true,
  error: null,
  place: { pending: false, error: null },
  placedId: null,
  releasing: [],
  released: null,
  export: { pending: false, error: null, downloaded: false },
};

export const complianceFeature = createFeature({
  name: 'compliance',
  reducer: createReducer(
    initialComplianceState,
    on(CompliancePageActions.opened, (): ComplianceState => initialComplianceState),
    on(ComplianceApiActions.holdsLoaded, (state, { holds }): ComplianceState => ({
      ...state,
      holds,
      loading: false,
      error: null,
    })),
    on(ComplianceApiActions.holdsLoadFailed, (state, { error }): ComplianceState => ({
      ...state,
      loading: false,
      error,
    })),
    on(CompliancePageActions.holdSubmitted, (state): ComplianceState => ({
      ...state,
      place: { pending: true, error: null },
      released: null,
    })),
    on(ComplianceApiActions.holdPlaced, (state, { hold }): ComplianceState => ({
      ...state,
      holds: [hold, ...state.holds.filter((other) => other.id !== hold.id)],
      place: { pending: false, error: null },
      placedId: hold.id,
    })),
    on(ComplianceApiActions.holdFailed, (state, { error }): ComplianceState => ({
      ...state,
      place: { pending: false, error },
    })),
    on(CompliancePageActions.releaseConfirmed, (state, { hold }): ComplianceState => ({
      ...state,
      releasing: [...state.releasing, hold.id],
      released: null,
    })),
    on(ComplianceApiActions.releaseSucceeded, (state, { hold }): ComplianceState => ({
      ...state,
      holds: state.holds.filter((other) => other.id !== hold.id),
      releasing: state.releasing.filter((id) => id !== hold.id),
      released: { hold, error: null },
    })),
    on(ComplianceApiActions.releaseFailed, (state, { hold, error }): ComplianceState => ({
      ...state,
      releasing: state.releasing.filter((id) => id !== hold.id),
      released: { hold, error },
    })),
    on(CompliancePageActions.exportSubmitted, (state): ComplianceState => ({
      ...state,
      export: { pending: true, error: null, downloaded: false },
    })),
    on(ComplianceApiActions.exportDownloaded, (state): ComplianceState => ({
      ...state,
      export: { pending: false, error: null, downloaded: true },
    })),
    on(ComplianceApiActions.exportFailed, (state, { error }): ComplianceState => ({
      ...state,
      export: { pending: false, error, downloaded: false },
    })),
  ),
});
