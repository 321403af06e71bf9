import { HttpErrorResponse } from '@angular/common/http';
import type { ApiErrorBody } from '@contracts/errors';

import { errorText, fieldErrorTexts } from './error-text';

/** A failed request, reduced to what a page shows: one general message and the messages per field. */
export interface ApiError {
  /** HTTP status; 0 when the server could not be reached. */
  status: number;
  code: string | null;
  message: string;
  fieldErrors: Record<string, string[]>;
}

const UNREACHABLE = $localize`:@@api.unreachable:Cannot reach the server. Check your connection and try again.`;
const UNKNOWN = $localize`:@@api.unknown:Something went wrong. Please try again.`;

export function toApiError(error: unknown): ApiError {
  if (!(error instanceof HttpErrorResponse)) return { status: 0, code: null, message: UNKNOWN, fieldErrors: {} };
  if (error.status === 0) return { status: 0, code: null, message: UNREACHABLE, fieldErrors: {} };
  const body = isApiErrorBody(error.error) ? error.error : null;
  const message = Array.isArray(body?.message) ? body.message.join('. ') : body?.message;
  const code = body?.code ?? null;
  return {
    status: error.status,
    code,
    message: errorText(code, message || (error.status >= 500 ? UNKNOWN : error.statusText || UNKNOWN)),
    fieldErrors: fieldErrorTexts(code, body?.errors ?? {}),
  };
}

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  return typeof value === 'object' && value !== null && 'statusCode' in value && 'message' in value;
}
