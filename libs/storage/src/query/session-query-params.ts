import { SessionQuery } from '@logad/contracts';
import { StorageInvalidQueryError } from '../errors/storage-invalid-query.error';
import { decodeCursor } from './cursor';
import { queryInstant, queryLimit } from './query-args';
import { SortKey } from './sort-key';

/** A checked {@link SessionQuery}; the window applies to `ended_at`. */
export interface SessionQueryParams {
  readonly sinceMs?: number;
  readonly untilMs?: number;
  readonly limit: number;
  readonly after?: SortKey;
}

/** Checks a session query; throws `StorageInvalidQueryError` naming the broken argument. */
export function sessionQueryParams(q: SessionQuery | undefined): SessionQueryParams {
  const fn = 'querySessions';
  const query = q ?? {};
  if (query.cursor != null && typeof query.cursor !== 'string') throw new StorageInvalidQueryError(`${fn}: cursor must be a string`);
  return {
    sinceMs: queryInstant(query.since, fn, 'since'),
    untilMs: queryInstant(query.until, fn, 'until'),
    limit: queryLimit(query.limit, fn),
    after: query.cursor == null ? undefined : decodeCursor(query.cursor, fn),
  };
}
