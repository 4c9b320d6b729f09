/** One problem with one field of a request, e.g. `{ field: '[2].level', message: 'must be one of …' }`. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}
