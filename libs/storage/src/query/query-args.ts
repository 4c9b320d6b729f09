import { DEFAULT_QUERY_LIMIT, MAX_QUERY_LIMIT, isValidIsoTimestamp } from '@logad/contracts';
import { StorageInvalidQueryError } from '../errors/storage-invalid-query.error';

/** A page size: absent gives the default; otherwise an integer in [min, MAX_QUERY_LIMIT]. */
export function queryLimit(value: unknown, fn: string, name = 'limit', fallback = DEFAULT_QUERY_LIMIT, min = 1): number {
  if (value == null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > MAX_QUERY_LIMIT) {
    throw new StorageInvalidQueryError(`${fn}: ${name} must be an integer from ${min} to ${MAX_QUERY_LIMIT}, got ${String(value)}`);
  }
  return value;
}

/** An ISO-8601 instant as epoch ms (parsed as ingest parses timestamps); absent stays undefined. */
export function queryInstant(value: unknown, fn: string, name: string): number | undefined {
  if (value == null) return undefined;
  if (typeof value !== 'string' || !isValidIsoTimestamp(value)) {
    throw new StorageInvalidQueryError(`${fn}: ${name} must be an ISO-8601 date-time, got ${JSON.stringify(value)}`);
  }
  return Date.parse(value);
}

/** An optional exact source filter. */
export function querySource(value: unknown, fn: string): string | undefined {
  if (value == null) return undefined;
  if (typeof value !== 'string') throw new StorageInvalidQueryError(`${fn}: source must be a string`);
  return value;
}
