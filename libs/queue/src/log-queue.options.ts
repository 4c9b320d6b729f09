/** Options shared by every {@link LogQueue} adapter. */
export interface LogQueueOptions {
  /**
   * Queue name; producers and consumers meet on it.
   * @defaultValue 'logad-logs'
   */
  readonly name?: string;
  /**
   * Logs carried by one job. Many logs per job keep the queue far from being the bottleneck
   * (one BullMQ job per log tops out near 12k logs/s); ids keep each record idempotent.
   * @defaultValue 500
   */
  readonly recordsPerJob?: number;
  /**
   * First retry delay in ms; doubles per attempt up to `maxBackoffMs`, with ±20 % jitter.
   * @defaultValue 500
   */
  readonly backoffMs?: number;
  /**
   * Longest retry delay in ms.
   * @defaultValue 30000
   */
  readonly maxBackoffMs?: number;
}

export const DEFAULT_QUEUE_OPTIONS: Required<LogQueueOptions> = {
  name: 'logad-logs',
  recordsPerJob: 500,
  backoffMs: 500,
  maxBackoffMs: 30_000,
};
