import { TemplatesError } from './templates.error';

/** A header format string has no `<Content>` field, a duplicate or unusable field name, or is not a valid regular expression. */
export class InvalidHeaderFormatError extends TemplatesError {
  override readonly code = 'templates:invalid-header-format';
}
