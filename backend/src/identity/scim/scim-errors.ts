import { HttpException } from '@nestjs/common';

import type { ApiErrorBody } from '../../contracts/errors';
import { SCIM_PATH, URN } from './scim-schemas';

/** RFC 7644 §3.12: what kind of 400 (or 409) it is. */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

/** The error body of every SCIM answer, sent as application/scim+json. */
export interface ScimErrorBody {
  schemas: [typeof URN.error];
  /** The HTTP status, as a string. */
  status: string;
  scimType?: ScimType;
  detail: string;
}

/** The scimType of errors raised outside the SCIM code (validation, duplicates, the JSON parser), by their code. */
const SCIM_TYPE_BY_CODE: Record<string, ScimType> = {
  validation_failed: 'invalidValue',
  invalid_json: 'invalidSyntax',
  // Nest's answer to a body that is not JSON, or a path that is not valid percent-encoding.
  bad_request: 'invalidSyntax',
  username_taken: 'uniqueness',
  email_taken: 'uniqueness',
  scim_username_taken: 'uniqueness',
};

/** An error the SCIM routes raise: the common error body underneath, a scimType for the SCIM body. */
export function scimError(status: number, scimType: ScimType | null, detail: string): HttpException {
  return new HttpException({ message: detail, code: scimType ?? undefined, scimType }, status);
}

export function isScimRequest(path: string): boolean {
  return path === SCIM_PATH || path.startsWith(`${SCIM_PATH}/`);
}

/** The RFC 7644 form of an error whose common body is `body`. */
export function toScimErrorBody(body: ApiErrorBody, exception: unknown): ScimErrorBody {
  const raised =
    exception instanceof HttpException ? (exception.getResponse() as { scimType?: ScimType | null }) : undefined;
  const scimType = raised?.scimType !== undefined ? raised.scimType : SCIM_TYPE_BY_CODE[body.code];
  return {
    schemas: [URN.error],
    status: String(body.statusCode),
    ...(scimType ? { scimType } : {}),
    detail: Array.isArray(body.message) ? body.message.join('; ') : body.message,
  };
}
