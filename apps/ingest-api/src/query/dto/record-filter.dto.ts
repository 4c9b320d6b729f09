import { LOG_LEVELS, LogLevel, MAX_QUERY_LIMIT } from '@logad/contracts';
import { OptionalChoice, OptionalInstant, OptionalInt, OptionalText } from './query-params';

/** Filters shared by `GET /api/v1/anomalies` and `GET /api/v1/records`. */
export class RecordFilterDto {
  @OptionalInstant('since')
  since?: string;

  @OptionalInstant('until')
  until?: string;

  @OptionalText('source', 256)
  source?: string;

  @OptionalChoice('level', LOG_LEVELS, (v) => v.toUpperCase(), ' (any case)')
  level?: LogLevel;

  @OptionalInt('template_id', -(2 ** 31 - 1), 2 ** 31 - 1)
  template_id?: number;

  @OptionalInt('limit', 1, MAX_QUERY_LIMIT)
  limit?: number;

  @OptionalText('cursor', 512)
  cursor?: string;
}
