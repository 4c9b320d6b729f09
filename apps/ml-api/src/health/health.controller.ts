import { Readiness, checkReadiness } from '@logad/server';
import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
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

  /** Readiness: 200 once a model is loaded, 503 before (@nestjs/terminus' body shape). */
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<Readiness> {
    const m = this.models.loaded;
    const r = await checkReadiness({
      model: async () => (m ? { status: 'up', version: m.version } : { status: 'down', message: 'no model loaded: run `nx run ml-api:train`' }),
    });
    if (r.status !== 'ok') void reply.code(503);
    return r;
  }
}
