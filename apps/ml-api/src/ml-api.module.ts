import { DynamicModule, Module } from '@nestjs/common';
import { Logger } from 'pino';
import { MlApiConfig } from './config/ml-api.config';
import { HealthController } from './health/health.controller';
import { ModelService } from './model/model.service';
import { BaselineService } from './baselines/baseline.service';
import { RetrainService } from './retrain/retrain.service';
import { MlApiMetrics } from './metrics/ml-api.metrics';
import { PredictController } from './predict/predict.controller';
import { ML_API_CONFIG, ML_API_LOGGER } from './tokens';

@Module({})
export class MlApiModule {
  static forRoot(config: MlApiConfig, logger: Logger, metrics: MlApiMetrics): DynamicModule {
    return {
      module: MlApiModule,
      controllers: [PredictController, HealthController],
      providers: [
        { provide: ML_API_CONFIG, useValue: config },
        { provide: ML_API_LOGGER, useValue: logger },
        { provide: MlApiMetrics, useValue: metrics },
        ModelService,
        BaselineService,
        RetrainService,
      ],
    };
  }
}
