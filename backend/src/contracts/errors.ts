/**
 * Every error response has this body (socket acks too). `message` is a list of field messages for validation
 * errors (400); `errors` then maps each field to its messages so forms can show them next to the input. `code` is
 * a short machine-readable reason (e.g. "username_taken"; the status in snake case, e.g. "not_found", where
 * nothing more specific applies).
 */
export class ApiErrorBody {
  /** @example 400 */
  declare statusCode: number;
  /** @example "Bad Request" */
  declare error: string;
  declare message: string | string[];
  /** @example "validation_failed" */
  declare code: string;
  declare errors?: Record<string, string[]>;
  /** On 429: how long to wait before trying again (also in the `Retry-After` header, in seconds). */
  declare retryAfterMs?: number;
}
