import { TemplatesError } from './templates.error';

/** `TemplateMiner.fromJSON` was given a state that is corrupt, truncated or of an unsupported format version. */
export class InvalidStateError extends TemplatesError {
  override readonly code = 'templates:invalid-state';
}
