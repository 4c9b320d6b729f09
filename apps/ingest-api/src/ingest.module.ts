import { LogQueue, createLogQueue } from '@logad/queue';
import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { IngestConfig } from './config/ingest.config';
import { HealthController } from './health/health.controller';
import { LogsController } from './logs/logs.controller';
import { INGEST_CONFIG } from './tokens';

@Module({})
export class IngestModule implements OnApplicationShutdown {
  constructor(@Inject(LogQueue) private readonly queue: LogQueue) {}

  static forRoot(config: IngestConfig): DynamicModule {
    return {
      module: IngestModule,
      controllers: [LogsController, HealthController],
      providers: [
        { provide: INGEST_CONFIG, useValue: config },
        {
          provide: LogQueue,
          useFactory: () =>
            createLogQueue({ driver: config.queueDriver, redisUrl: config.redisUrl, name: config.queueName, recordsPerJob: config.recordsPerJob }),
        },
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
