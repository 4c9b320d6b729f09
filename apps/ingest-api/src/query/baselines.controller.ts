import { BaselinesInfo } from '@logad/contracts';
import { Controller, Get } from '@nestjs/common';
import { MlApiBaselines } from './ml-api-baselines';

/**
 * ml-api's per-source baselines, passed on so that the dashboard (which talks to ingest-api only,
 * under its API key and CSP) can say which sources are still learning. 503
 * `query:ml-api-unavailable` while ml-api cannot tell.
 */
@Controller('api/v1/baselines')
export class BaselinesController {
  constructor(private readonly ml: MlApiBaselines) {}

  @Get()
  async baselines(): Promise<BaselinesInfo> {
    return this.ml.fetch();
  }
}
