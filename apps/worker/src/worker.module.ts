import { LogQueue, createLogQueue, createRedisConnection } from '@logad/queue';
import { Store, createStore } from '@logad/storage';
import { InMemorySessionStore, RedisSessionStore, SessionStore } from '@logad/sessions';
import { DynamicModule, Module } from '@nestjs/common';
import { Logger } from 'pino';
import { WorkerConfig } from './config/worker.config';
import { WORKER_CONFIG, WORKER_LOGGER } from './tokens';
import { WorkerService } from './worker.service';

@Module({})
export class WorkerModule {
  static forRoot(config: WorkerConfig, logger: Logger): DynamicModule {
    return {
      module: WorkerModule,
      providers: [
        { provide: WORKER_CONFIG, useValue: config },
        { provide: WORKER_LOGGER, useValue: logger },
        {
          provide: LogQueue,
          useFactory: () =>
            createLogQueue({
              driver: config.queueDriver,
              redisUrl: config.redisUrl,
              sentinel: config.redisSentinel,
              name: config.queueName,
              lockDurationMs: config.lockDurationMs,
              stalledIntervalMs: config.stalledIntervalMs,
            }),
        },
        {
          provide: Store,
          useFactory: () =>
            createStore(config.storageUrl, {
              jsonLines: { dir: config.logsDir, fsync: config.fsync, rotateBytes: config.rotateBytes, segment: config.storageSegment },
            }),
        },
        {
          provide: SessionStore,
          // Sessions must be shared by every worker replica, so they live where the queue lives.
          useFactory: () =>
            config.queueDriver === 'redis'
              ? new RedisSessionStore({
                  redisUrl: config.redisUrl,
                  connection: config.redisSentinel ? createRedisConnection(config.redisUrl, config.redisSentinel, { maxRetriesPerRequest: 3 }) : undefined,
                  prefix: `logad:sessions:${config.queueName}`,
                })
              : new InMemorySessionStore(),
        },
        WorkerService,
      ],
      exports: [WorkerService],
    };
  }
}
