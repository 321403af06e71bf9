import type { LegalHoldView } from '@contracts/compliance';
import type { Action } from '@ngrx/store';

import type { ApiError } from '../../core/api/api-error';
import { ComplianceApiActions, CompliancePageActions } from './compliance-actions';
import { complianceFeature, initialComplianceState } from './compliance-feature';

const { reducer } = complianceFeature;
const run = (...actions: Action[]) => actions.reduce((state, action) => reducer(state, action), initialComplianceState);
const hold = (id: string, label = `Person ${id}`): LegalHoldView => ({
  id,
  kind: 'user',
  targetId: `target-${id}`,
  label,
  reason: '',
  placedBy: null,
  placedAt: '2026-11-20T10:00:00.000Z',
});
const error: ApiError = { status: 404, code: 'user_not_found', message: 'User not found', fieldErrors: {} };

describe('compliance reducer', () => {
  it('lists the holds, puts a new one first (once, when placed again) and drops a released one', () => {
    let state = run(CompliancePageActions.opened(), ComplianceApiActions.holdsLoaded({ holds: [hold('1')] }));
    expect(state).toMatchObject({ loading: false, holds: [hold('1')] });
    state = reducer(state, CompliancePageActions.holdSubmitted({ hold: { kind: 'user', target: 'ada', reason: '' } }));
    expect(state.place.pending).toBe(true);
    state = reducer(state, ComplianceApiActions.holdPlaced({ hold: hold('2') }));
    state = reducer(state, ComplianceApiActions.holdPlaced({ hold: hold('2') }));
    expect(state.holds.map((h) => h.id)).toEqual(['2', '1']);
    expect(state).toMatchObject({ placedId: '2', place: { pending: false, error: null } });
    state = reducer(state, CompliancePageActions.releaseConfirmed({ hold: hold('1') }));
    expect(state.releasing).toEqual(['1']);
    state = reducer(state, ComplianceApiActions.releaseSucceeded({ hold: hold('1') }));
    expect(state).toMatchObject({ holds: [hold('2')], releasing: [], released: { hold: hold('1'), error: null } });
  });

  it('keeps a failed hold, release or export with its error, and the holds as they were', () => {
    let state = run(ComplianceApiActions.holdsLoaded({ holds: [hold('1')] }));
    state = reducer(state, ComplianceApiActions.holdFailed({ error }));
    expect(state.place).toEqual({ pending: false, error });
    state = reducer(state, CompliancePageActions.releaseConfirmed({ hold: hold('1') }));
    state = reducer(state, ComplianceApiActions.releaseFailed({ hold: hold('1'), error }));
    expect(state).toMatchObject({ holds: [hold('1')], releasing: [], released: { hold: hold('1'), error } });
    state = reducer(
      state,
      CompliancePageActions.exportSubmitted({ request: { from: '2026-01-01', to: '2026-02-01', people: ['ada'] } }),
    );
    expect(state.export).toEqual({ pending: true, error: null, downloaded: false });
    expect(reducer(state, ComplianceApiActions.exportFailed({ error })).export).toEqual({
      pending: false,
      error,
      downloaded: false,
    });
    expect(reducer(state, ComplianceApiActions.exportDownloaded()).export).toEqual({
      pending: false,
      error: null,
      downloaded: true,
    });
  });
});
