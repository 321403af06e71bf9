import { type ArgumentMetadata, BadRequestException, type ValidationError, ValidationPipe } from '@nestjs/common';

/** Field errors of a DTO as {field: [messages]}, nested fields joined with dots. */
export function fieldErrors(errors: ValidationError[], parent = ''): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) result[path] = Object.values(error.constraints);
    Object.assign(result, fieldErrors(error.children ?? [], path));
  }
  return result;
}

/**
 * Control characters other than tab and line breaks (vertical tab and form feed count as line breaks: pasted text
 * carries them), and UTF-16 surrogates without their pair. No field means anything by them; MongoDB refuses NUL
 * in a pattern, and the e-mail validator throws on a lone surrogate.
 */
const MALFORMED_TEXT =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * No request means anything by deeper input; refusing it early also keeps the recursive walks below (and
 * class-transformer's) from overflowing the stack on a few kilobytes of `[[[[…`.
 */
const MAX_DEPTH = 16;

interface Malformed {
  path: string;
  problem: string;
}

/** The first string (value or key) in parsed input that holds malformed text, or input nested too deeply. */
function malformedAt(value: unknown, path: string, depth = 0): Malformed | null {
  if (typeof value === 'string') {
    return MALFORMED_TEXT.test(value)
      ? { path, problem: 'must not contain control characters or unpaired surrogates' }
      : null;
  }
  if (!isPlainData(value)) return null;
  if (depth >= MAX_DEPTH) return { path, problem: `must not be nested more than ${MAX_DEPTH} levels deep` };
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (MALFORMED_TEXT.test(key)) {
      return { path: childPath, problem: 'must not contain control characters or unpaired surrogates' };
    }
    const found = malformedAt(child, childPath, depth + 1);
    if (found) return found;
  }
  return null;
}

/** Arrays and objects as JSON and query parsers make them; not the socket or other objects handed to a handler. */
function isPlainData(value: unknown): value is object {
  if (Array.isArray(value)) return true;
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * Validates bodies, queries and params against their DTO (unknown properties are refused) and, for every
 * request whatever its DTO, refuses text with control characters or unpaired surrogates, and input nested deeper
 * than any DTO, before it goes anywhere.
 */
class RequestValidationPipe extends ValidationPipe {
  constructor(private readonly toException: (errors: ValidationError[]) => unknown) {
    super({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: toException });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const malformed = malformedAt(value, '');
      if (malformed) {
        const property = malformed.path || metadata.data || 'input';
        const message = `${property} ${malformed.problem}`;
        throw this.toException([{ property, constraints: { wellFormedInput: message }, children: [] }]);
      }
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(toException: (errors: ValidationError[]) => unknown = validationException) {
  return new RequestValidationPipe(toException);
}

function validationException(errors: ValidationError[]): BadRequestException {
  const byField = fieldErrors(errors);
  return new BadRequestException({
    message: Object.values(byField).flat(),
    code: 'validation_failed',
    errors: byField,
  });
}
