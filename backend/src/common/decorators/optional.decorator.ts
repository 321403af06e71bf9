import { ValidateIf } from 'class-validator';

/**
 * The field may be left out. Unlike class-validator's IsOptional, null is not "left out": it is validated like
 * any other value, so `{"displayName": null}` is a 400, never a null that reaches the service.
 */
export const Optional = () => ValidateIf((_object, value) => value !== undefined);
