import { TemplatesError } from './templates.error';

/** A TemplateMinerOptions value (or a mask rule) is out of range or of the wrong type. */
export class InvalidOptionError extends TemplatesError {
  override readonly code = 'templates:invalid-option';
}
