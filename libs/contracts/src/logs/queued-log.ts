import { LogLevel } from './log-level';

/** A validated log as it travels through the queue. */
export interface QueuedLog {
  /** Record id: the client's idempotency key, or a UUID given at ingest. */
  readonly id: string;
  /** When the log happened (ISO-8601). */
  readonly timestamp: string;
  /** When ingest accepted it (epoch ms), for accepted-to-stored latency. */
  readonly receivedAt: number;
  readonly source: string | null;
  readonly level: LogLevel | null;
  readonly message: string;
  readonly attributes?: Record<string, unknown>;
  /** The id of the HTTP request that brought it (`X-Request-Id`), carried to storage. */
  readonly requestId?: string;
}

/** The payload of one queue job: many logs, so that the queue is not the bottleneck. */
export interface LogJob {
  readonly records: QueuedLog[];
}
