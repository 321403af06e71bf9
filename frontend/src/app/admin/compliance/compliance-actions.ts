import type { LegalHoldView } from '@contracts/compliance';
import { createActionGroup, emptyProps, props } from '@ngrx/store';

import type { ApiError } from '../../core/api/api-error';
import type { ExportRequest, NewHold } from './compliance-api';

export const CompliancePageActions = createActionGroup({
  source: 'Compliance Page',
  events: {
    Opened: emptyProps(),
    'Hold Submitted': props<{ hold: NewHold }>(),
    'Release Confirmed': props<{ hold: LegalHoldView }>(),
    'Export Submitted': props<{ request: ExportRequest }>(),
  },
});

export const ComplianceApiActions = createActionGroup({
  source: 'Compliance/API',
  events: {
    'Holds Loaded': props<{ holds: LegalHoldView[] }>(),
    'Holds Load Failed': props<{ error: ApiError }>(),
    'Hold Placed': props<{ hold: LegalHoldView }>(),
    'Hold Failed': props<{ error: ApiError }>(),
    'Release Succeeded': props<{ hold: LegalHoldView }>(),
    'Release Failed': props<{ hold: LegalHoldView; error: ApiError }>(),
    /** The file was handed to the browser to save. */
    'Export Downloaded': emptyProps(),
    'Export Failed': props<{ error: ApiError }>(),
  },
});
