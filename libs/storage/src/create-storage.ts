import { StorageInvalidOptionsError } from './errors/storage-invalid-options.error';
import { JsonFileStorage } from './json-file.storage';
import { JsonFileStorageOptions } from './json-file-storage.options';
import { PostgresStorage } from './postgres.storage';
import { PostgresStorageOptions } from './postgres-storage.options';
import { redactUrl } from './redact-url';
import { Storage } from './storage';

/**
 * The adapter `STORAGE_URL` names: `postgres://…` or `postgresql://…` gives {@link PostgresStorage};
 * unset or blank gives {@link JsonFileStorage} with `jsonOptions`. Any other value throws
 * `StorageInvalidOptionsError` rather than silently falling back to files (a typo would
 * otherwise send production data to the local disk).
 */
export function createStorage(
  url: string | undefined,
  jsonOptions: JsonFileStorageOptions,
  postgresOptions: Omit<PostgresStorageOptions, 'url'> = {},
): Storage {
  const u = url?.trim();
  if (!u) return new JsonFileStorage(jsonOptions);
  if (/^postgres(?:ql)?:\/\//i.test(u)) return new PostgresStorage({ ...postgresOptions, url: u });
  throw new StorageInvalidOptionsError(`STORAGE_URL must be unset (JSON Lines files) or a postgres:// / postgresql:// URL, got ${redactUrl(u)}`);
}
