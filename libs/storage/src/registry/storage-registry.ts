import { JsonLinesStore } from '../json-lines/json-lines.store';
import { JsonLinesStoreOptions } from '../json-lines/json-lines-store.options';
import { Store, StoreCapabilities } from '../ports/store';
import { PostgresStore } from '../postgres/postgres.store';
import { PostgresStoreOptions } from '../postgres/postgres-store.options';

/** What `createStore` passes every adapter besides the URL: each adapter takes its own part. */
export interface StoreOptions {
  /** The JSON Lines store; `dir` (LOGS_DIR) is where the files are when the URL names no directory. */
  readonly jsonLines: JsonLinesStoreOptions;
  /** The PostgreSQL store's pool and statements (the URL is `STORAGE_URL`). */
  readonly postgres?: Omit<PostgresStoreOptions, 'url'>;
}

/** One adapter of the registry. */
export interface StorageAdapter {
  /** The name a store reports as `Store.adapter`. */
  readonly name: string;
  /** The URL schemes it takes, with their colon as `URL#protocol` gives them (`'file:'`). */
  readonly schemes: readonly string[];
  readonly capabilities: StoreCapabilities;
  /** A store (not yet opened) for `url`; `undefined` when `STORAGE_URL` is unset or blank. */
  create(url: URL | undefined, raw: string | undefined, options: StoreOptions): Store;
}

/**
 * Every adapter, the default first: an unset `STORAGE_URL` takes the first one. To add an
 * adapter, give it a folder (`src/<name>/`) with a `Store` and a port class each for what it
 * holds, list it here, and run the contract suites on it (see docs/storage.md).
 */
export const STORAGE_ADAPTERS: readonly StorageAdapter[] = [
  {
    name: 'json-lines',
    schemes: ['file:'],
    capabilities: JsonLinesStore.capabilities,
    // `file:///var/lib/logad` names the directory; without a URL it is LOGS_DIR.
    create: (url, _raw, o) => new JsonLinesStore(url ? { ...o.jsonLines, dir: decodeURIComponent(url.pathname) } : o.jsonLines),
  },
  {
    name: 'postgres',
    schemes: ['postgres:', 'postgresql:'],
    capabilities: PostgresStore.capabilities,
    create: (_url, raw, o) => new PostgresStore({ ...o.postgres, url: raw! }),
  },
];

/** The schemes `STORAGE_URL` may have, for the apps' config checks. */
export const STORAGE_URL_SCHEMES: readonly string[] = STORAGE_ADAPTERS.flatMap((a) => a.schemes);
