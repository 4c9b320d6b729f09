import { BullMqLogQueue, BullMqLogQueueOptions } from './bullmq.log-queue';
import { InProcessLogQueue } from './in-process.log-queue';
import { LogQueue } from './log-queue';
import { LogQueueOptions } from './log-queue.options';

/** Which adapter carries the logs. */
export type QueueDriver = 'redis' | 'memory';

/** The adapter to use, the options every adapter takes, and BullMQ's lock settings (ignored in memory). */
export interface CreateLogQueueOptions
  extends LogQueueOptions, Pick<BullMqLogQueueOptions, 'lockDurationMs' | 'stalledIntervalMs' | 'sentinel' | 'waitReplicas' | 'waitTimeoutMs'> {
  readonly driver: QueueDriver;
  readonly redisUrl: string;
}

/** The queue the apps use: BullMQ on Redis, or the in-process queue when running as one process with no Redis. */
export function createLogQueue(o: CreateLogQueueOptions): LogQueue {
  const { driver, redisUrl, lockDurationMs, stalledIntervalMs, sentinel, waitReplicas, waitTimeoutMs, ...common } = o;
  return driver === 'memory'
    ? InProcessLogQueue.named(common)
    : new BullMqLogQueue({ ...common, redisUrl, lockDurationMs, stalledIntervalMs, sentinel, waitReplicas, waitTimeoutMs });
}
