import { LogQueue } from '@logad/queue';
import { Readiness, checkReadiness } from '@logad/server';
import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';

@Controller()
export class HealthController {
  constructor(private readonly queue: LogQueue) {}

  /** Liveness, and whether the queue answers (ingest refuses logs with 503 while it does not). */
  @Get('health')
  @RouteConfig({ auth: 'public' })
  async health(): Promise<{ status: 'ok'; queue: 'up' | 'down' }> {
    const up = await this.queue.ping().then(
      () => true,
      () => false,
    );
    return { status: 'ok', queue: up ? 'up' : 'down' };
  }

  /** Readiness: 200 when Redis answers, 503 otherwise (@nestjs/terminus' body shape). */
  @Get('ready')
  @RouteConfig({ auth: 'public' })
  @HttpCode(200)
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<Readiness> {
    const r = await checkReadiness({ queue: async () => (await this.queue.ping(), { status: 'up' }) });
    if (r.status !== 'ok') void reply.code(503);
    return r;
  }
}
