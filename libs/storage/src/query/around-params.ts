import { StorageInvalidQueryError } from '../errors/storage-invalid-query.error';
import { queryLimit } from './query-args';

/** Checked arguments of `around`. */
export interface AroundParams {
  readonly id: string;
  readonly before: number;
  readonly after: number;
}

/** Checks `around`'s arguments: a non-empty id, and 0 to MAX_QUERY_LIMIT lines each side. */
export function aroundParams(id: unknown, before: unknown, after: unknown): AroundParams {
  if (typeof id !== 'string' || id.length === 0) throw new StorageInvalidQueryError('around: id must be a non-empty string');
  return {
    id,
    before: queryLimit(before, 'around', 'before', 0, 0),
    after: queryLimit(after, 'around', 'after', 0, 0),
  };
}
