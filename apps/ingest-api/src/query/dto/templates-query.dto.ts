import { MAX_QUERY_LIMIT } from '@logad/contracts';
import { OptionalInstant, OptionalInt, OptionalText } from './query-params';

/** `GET /api/v1/templates`. */
export class TemplatesQueryDto {
  @OptionalInstant('since')
  since?: string;

  @OptionalInstant('until')
  until?: string;

  /** Only records of this source (exact match). */
  @OptionalText('source', 256)
  source?: string;

  @OptionalInt('limit', 1, MAX_QUERY_LIMIT)
  limit?: number;

  /** Only templates first seen at or after this instant (within the window). */
  @OptionalInstant('new_since')
  new_since?: string;
}
