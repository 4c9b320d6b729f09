import { Controller, Get } from '@nestjs/common';
import { ModelService } from '../model/model.service';

@Controller()
export class HealthController {
  constructor(private readonly models: ModelService) {}

  /** Liveness: the process answers; says whether a model is loaded. */
  @Get('health')
  health(): { status: 'ok'; model_loaded: boolean; model_version: string | null } {
    const m = this.models.loaded;
    return { status: 'ok', model_loaded: m !== null, model_version: m?.version ?? null };
  }
}
