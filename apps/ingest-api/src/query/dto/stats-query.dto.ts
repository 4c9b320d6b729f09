import { OptionalInstant, OptionalInt, OptionalText } from './query-params';

/** `GET /api/v1/stats`: the window (default: the last hour) and the bucket width in seconds. */
export class StatsQueryDto {
  @OptionalInstant('since')
  since?: string;

  @OptionalInstant('until')
  until?: string;

  /** Only records of this source (exact match). */
  @OptionalText('source', 256)
  source?: string;

  @OptionalInt('bucket', 1, 86_400)
  bucket?: number;
}
