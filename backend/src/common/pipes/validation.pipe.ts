import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

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

export function createValidationPipe(toException: (errors: ValidationError[]) => unknown = validationException) {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: toException,
  });
}

function validationException(errors: ValidationError[]): BadRequestException {
  const byField = fieldErrors(errors);
  return new BadRequestException({
    message: Object.values(byField).flat(),
    code: 'validation_failed',
    errors: byField,
  });
}
