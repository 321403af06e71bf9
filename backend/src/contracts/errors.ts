/**
 * Every error response has this body. `message` is a list of field messages for validation errors (400);
 * `errors` then maps each field to its messages so forms can show them next to the input. `code` is a short
 * machine-readable reason where the status alone is ambiguous (e.g. "username_taken").
 */
export class ApiErrorBody {
  /** @example 400 */
  declare statusCode: number;
  /** @example "Bad Request" */
  declare error: string;
  declare message: string | string[];
  /** @example "validation_failed" */
  declare code?: string;
  declare errors?: Record<string, string[]>;
}
