import { BullMqLogQueue } from './bullmq.log-queue';
import type { BullMqLogQueueOptions as _BullMqLogQueueOptions } from './bullmq.log-queue';
import { InProcessLogQueue } from './in-process.log-queue';
import { LogQueue } from './log-queue';
import { LogQueueOptions } from './log-queue.options';

/** Which adapter carries the logs. */
export type QueueDriver = 'redis' | 'memory';

export interface CreateLogQueueOptions extends LogQueueOptions {
  readonly driver: QueueDriver;
  readonly redisUrl: string;
  /** BullMQ only: see {@link _BullMqLogQueueOptions.lockDurationMs}. */
  readonly lockDurationMs?: number;
  /** BullMQ only: see {@link _BullMqLogQueueOptions.stalledIntervalMs}. */
  readonly stalledIntervalMs?: number;
}

/** The queue the apps use: BullMQ on Redis, or the in-process queue when running as one process with no Redis. */
export function createLogQueue(o: CreateLogQueueOptions): LogQueue {
  const { driver, redisUrl, lockDurationMs, stalledIntervalMs, ...common } = o;
  return driver === 'memory' ? InProcessLogQueue.named(common) : new BullMqLogQueue({ ...common, redisUrl, lockDurationMs, stalledIntervalMs });
}
