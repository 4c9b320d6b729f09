export { LogQueue } from './log-queue';
export type { JobHandler, JobInfo, ConsumeOptions, QueueCounts } from './log-queue';
export { DEFAULT_QUEUE_OPTIONS } from './log-queue.options';
export type { LogQueueOptions } from './log-queue.options';
export { BullMqLogQueue, redactUrl } from './bullmq.log-queue';
export type { BullMqLogQueueOptions } from './bullmq.log-queue';
export { InProcessLogQueue } from './in-process.log-queue';
export { retryDelay } from './retry-delay';
export { QueueUnavailableError } from './errors/queue-unavailable.error';
export { QueueClosedError } from './errors/queue-closed.error';
export { QUEUE_ERROR_CODES } from './errors/error-codes';
// Handlers throw this for a job that can never succeed; both adapters honour it.
export { UnrecoverableError } from 'bullmq';
export { createRedisConnection, parseSentinelList, sentinelSetting } from './redis-connection';
export type { RedisSentinelOptions } from './redis-connection';
export { createLogQueue } from './create-log-queue';
export type { QueueDriver, CreateLogQueueOptions } from './create-log-queue';
