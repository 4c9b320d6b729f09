import { JsonFileStorage, Storage, StorageNotOpenError } from '@logad/storage';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

/** How long after a failed `open()` the next attempt starts. */
const RETRY_MS = 5_000;

/**
 * The query API's store. ingest-api only reads records (and changes mutes), so ingestion never
 * waits on it: PostgreSQL is opened in the background after boot and retried every 5 s while it
 * does not answer, and queries meanwhile answer 503 `storage:not-open`. The JSON Lines store is
 * never opened here: its queries and mutes work by path, and `open()` would create and repair
 * the files the workers append to.
 */
@Injectable()
export class StorageConnection implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('query-api');
  private readonly needsOpen: boolean;
  private opened = false;
  private closed = false;
  private opening?: Promise<void>;
  private retry?: NodeJS.Timeout;
  private lastError = '';

  constructor(private readonly storage: Storage) {
    this.needsOpen = !(storage instanceof JsonFileStorage);
  }

  onApplicationBootstrap(): void {
    if (this.needsOpen) void this.connect();
  }

  /** The store, once it can answer; rejects with `storage:not-open` (503) while it cannot. */
  async ready(): Promise<Storage> {
    if (!this.needsOpen || this.opened) return this.storage;
    await this.opening;
    if (this.opened) return this.storage;
    throw new StorageNotOpenError(`the store of the query API is not reachable yet (retried every ${RETRY_MS / 1000} s): ${this.lastError}`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    await this.opening;
    if (this.opened || !this.needsOpen) await this.storage.close();
  }

  private connect(): Promise<void> {
    this.opening = this.storage.open().then(
      () => {
        this.opened = true;
        if (this.closed) return this.storage.close();
      },
      (err: Error) => {
        this.lastError = err.message;
        this.logger.warn(`query API store unavailable, retrying in ${RETRY_MS / 1000} s: ${err.message}`);
        if (!this.closed) this.retry = setTimeout(() => void this.connect(), RETRY_MS).unref();
      },
    );
    return this.opening;
  }
}
