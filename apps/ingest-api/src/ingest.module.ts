import { LogQueue } from '@logad/queue';
import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { IngestConfig } from './config/ingest.config';
import { HealthController } from './health/health.controller';
import { IntakeService } from './intake/intake.service';
import { LogsController } from './intake/logs.controller';
import { LokiController } from './intake/loki.controller';
import { ElasticsearchController } from './intake/elasticsearch.controller';
import { ElasticsearchProbesController } from './intake/elasticsearch-probes.controller';
import { OtlpLogsController } from './intake/otlp-logs.controller';
import { IngestMetrics } from './metrics/ingest.metrics';
import { QueryModule } from './query/query.module';
import { INGEST_CONFIG } from './tokens';

@Module({})
export class IngestModule implements OnApplicationShutdown {
  constructor(@Inject(LogQueue) private readonly queue: LogQueue) {}

  static forRoot(config: IngestConfig, queue: LogQueue, metrics: IngestMetrics): DynamicModule {
    return {
      module: IngestModule,
      imports: [QueryModule.forRoot(config)],
      controllers: [LogsController, OtlpLogsController, HealthController, LokiController, ElasticsearchController, ElasticsearchProbesController],
      providers: [
        { provide: INGEST_CONFIG, useValue: config },
        { provide: LogQueue, useValue: queue },
        { provide: IngestMetrics, useValue: metrics },
        IntakeService,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
