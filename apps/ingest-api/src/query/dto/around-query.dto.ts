import { MAX_QUERY_LIMIT } from '@logad/contracts';
import { OptionalInt } from './query-params';

/** `GET /api/v1/records/:id/around`: how many lines of the same source on each side. */
export class AroundQueryDto {
  @OptionalInt('before', 0, MAX_QUERY_LIMIT)
  before?: number;

  @OptionalInt('after', 0, MAX_QUERY_LIMIT)
  after?: number;
}
