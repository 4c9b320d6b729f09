import { StorageInvalidOptionsError } from '../errors/storage-invalid-options.error';
import { Store } from '../ports/store';
import { redactUrl } from '../redact-url';
import { STORAGE_ADAPTERS, STORAGE_URL_SCHEMES, StorageAdapter, StoreOptions } from './storage-registry';

/**
 * The store `STORAGE_URL` names, by its scheme, from {@link STORAGE_ADAPTERS}: `file:///dir` and
 * unset or blank give JSON Lines files (unset: in `options.jsonLines.dir`, LOGS_DIR),
 * `postgres://…` or `postgresql://…` PostgreSQL. Any other value throws
 * `StorageInvalidOptionsError` rather than silently falling back to files (a typo would
 * otherwise send production data to the local disk). The store is not opened.
 */
export function createStore(url: string | undefined, options: StoreOptions, adapters: readonly StorageAdapter[] = STORAGE_ADAPTERS): Store {
  const raw = url?.trim() || undefined;
  if (raw === undefined) return adapters[0].create(undefined, undefined, options);
  let parsed: URL | undefined;
  try {
    parsed = new URL(raw);
  } catch {
    parsed = undefined;
  }
  const adapter = parsed && adapters.find((a) => a.schemes.includes(parsed.protocol.toLowerCase()));
  if (!parsed || !adapter) {
    throw new StorageInvalidOptionsError(
      `STORAGE_URL must be unset (JSON Lines files in LOGS_DIR) or a ${STORAGE_URL_SCHEMES.join(' / ')} URL, got ${redactUrl(raw)}`,
    );
  }
  return adapter.create(parsed, raw, options);
}
