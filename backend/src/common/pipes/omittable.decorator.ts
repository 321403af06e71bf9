import { ValidateIf } from 'class-validator';

/**
 * The property may be left out; when present it is validated, null included. (class-validator's IsOptional also
 * lets null through, which then reaches the service as if it were a value.)
 */
export const Omittable = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
