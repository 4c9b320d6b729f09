import { LogJob, QueuedLog } from '@logad/contracts';

/** What a handler learns about the job it runs. */
export interface JobInfo {
  readonly id: string;
  /** 1 on the first run, 2 on the first retry, … */
  readonly attempt: number;
}

/**
 * Processes one job. Resolving completes it. Throwing `UnrecoverableError` (re-exported from
 * this lib) fails it for good; any other error retries it after a back-off, without limit.
 */
export type JobHandler = (job: LogJob, info: JobInfo) => Promise<void>;

/** Options of `consume`. */
export interface ConsumeOptions {
  /**
   * Jobs run at once by this consumer.
   * @defaultValue 4
   */
  readonly concurrency?: number;
}

/** Counts of jobs in the queue. */
export interface QueueCounts {
  readonly waiting: number;
  readonly active: number;
  readonly delayed: number;
  readonly failed: number;
}

/**
 * Port for the queue between ingest and workers. `enqueue` resolves only once the records are
 * durably queued, so that ingest can answer 202 with a clear conscience.
 */
export abstract class LogQueue {
  abstract enqueue(records: readonly QueuedLog[]): Promise<void>;
  abstract consume(handler: JobHandler, options?: ConsumeOptions): Promise<void>;
  abstract counts(): Promise<QueueCounts>;
  /** Rejects when the queue's backend is unreachable. */
  abstract ping(): Promise<void>;
  /** Stops consuming (letting running jobs finish) and releases connections. */
  abstract close(): Promise<void>;
}
