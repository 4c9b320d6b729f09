import { StorageInvalidQueryError } from '../errors/storage-invalid-query.error';
import { SortKey } from './sort-key';

/**
 * Opaque keyset cursor: the sort key of the last item of a page, as base64url JSON. Both adapters
 * use this format, so a cursor stays valid across a switch of adapter with the same data.
 */
export function encodeCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify([key.ms, key.id]), 'utf8').toString('base64url');
}

/** The key a cursor stands for; throws `StorageInvalidQueryError` for anything this store did not issue. */
export function decodeCursor(cursor: string, fn: string): SortKey {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (!Array.isArray(value) || value.length !== 2 || !Number.isSafeInteger(value[0]) || typeof value[1] !== 'string') {
    throw new StorageInvalidQueryError(`${fn}: cursor is not one this store issued`);
  }
  return { ms: value[0] as number, id: value[1] as string };
}
