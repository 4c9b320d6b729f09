import { createValidationPipe } from '@logad/server';

/** class-validator for query strings, path parameters and bodies: 400 `http:validation-failed` naming each field. */
export const validate = createValidationPipe();
