/**
 * Every error response has this body. `message` is a list of field messages for validation errors (400);
 * `errors` then maps each field to its messages so forms can show them next to the input. `code` is a short
 * machine-readable reason where the status alone is ambiguous (e.g. "username_taken").
 */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  code?: string;
  errors?: Record<string, string[]>;
}
