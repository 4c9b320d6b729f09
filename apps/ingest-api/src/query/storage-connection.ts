import { FeedbackStore, RecordQueries, Store, StorageNotOpenError } from '@logad/storage';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

/** How long after a failed `open()` the next attempt starts. */
const RETRY_MS = 5_000;

/**
 * The query API's store: its queries and feedback ports, never its sink. ingest-api only reads
 * records (and gives verdicts), so ingestion never waits on it: a store whose queries need a
 * connection (PostgreSQL) is connected in the background after boot and retried every 5 s while it
 * does not answer, and queries meanwhile answer 503 `storage:not-open`. A store that reads by path
 * (JSON Lines) answers at once.
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

  constructor(private readonly storage: Store) {
    this.needsOpen = storage.capabilities.queriesNeedConnect;
  }

  onApplicationBootstrap(): void {
    if (!this.storage.capabilities.sharedAcrossHosts) {
      this.logger.log(`the query API reads ${this.storage.location} on this host only: records workers write on other hosts are not seen`);
    }
    if (this.needsOpen) void this.connect();
  }

  /** The record queries, once they can answer; rejects with `storage:not-open` (503) while they cannot. */
  async queries(): Promise<RecordQueries> {
    return (await this.ready()).queries;
  }

  /** The operators' verdicts, once they can answer; rejects with `storage:not-open` (503) while they cannot. */
  async feedback(): Promise<FeedbackStore> {
    return (await this.ready()).feedback;
  }

  private async ready(): Promise<Store> {
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
    this.opening = this.storage.connect().then(
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
