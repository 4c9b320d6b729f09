import { MAX_QUERY_LIMIT } from '@logad/contracts';
import { OptionalInstant, OptionalInt, OptionalText } from './query-params';

/** `GET /api/v1/sessions`: anomalous sessions by `ended_at`. */
export class SessionsQueryDto {
  @OptionalInstant('since')
  since?: string;

  @OptionalInstant('until')
  until?: string;

  @OptionalInt('limit', 1, MAX_QUERY_LIMIT)
  limit?: number;

  @OptionalText('cursor', 512)
  cursor?: string;
}
