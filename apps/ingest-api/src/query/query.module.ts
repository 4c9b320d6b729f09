import { Store, createStore } from '@logad/storage';
import { DynamicModule, Module } from '@nestjs/common';
import { IngestConfig } from '../config/ingest.config';
import { BaselinesController } from './baselines.controller';
import { FeedbackController } from './feedback.controller';
import { MlApiBaselines } from './ml-api-baselines';
import { RecordsController } from './records.controller';
import { SessionsController } from './sessions.controller';
import { StatsController } from './stats.controller';
import { StorageConnection } from './storage-connection';
import { TemplatesController } from './templates.controller';

/**
 * The query API (`/api/v1/anomalies`, `records`, `templates`, `mutes`, `feedback`, `sessions`, `stats`) over the workers' store,
 * and `baselines` from ml-api.
 */
@Module({})
export class QueryModule {
  static forRoot(config: IngestConfig): DynamicModule {
    return {
      module: QueryModule,
      controllers: [RecordsController, TemplatesController, FeedbackController, SessionsController, StatsController, BaselinesController],
      providers: [
        { provide: Store, useFactory: () => createStore(config.storageUrl, { jsonLines: { dir: config.logsDir } }) },
        StorageConnection,
        { provide: MlApiBaselines, useFactory: () => new MlApiBaselines(config.mlApiUrl, config.mlApiToken) },
      ],
    };
  }
}
