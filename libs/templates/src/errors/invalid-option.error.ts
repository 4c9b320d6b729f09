import { TemplatesError } from './templates.error';

/** A TemplateMinerOptions value is out of range or of the wrong type. */
export class InvalidOptionError extends TemplatesError {
  override readonly code = 'templates:invalid-option';
}
