import { TemplatesError } from './templates.error';

/** A method argument is of the wrong type or shape (a non-string message, label arrays of different lengths). */
export class InvalidArgumentError extends TemplatesError {
  override readonly code = 'templates:invalid-argument';
}
