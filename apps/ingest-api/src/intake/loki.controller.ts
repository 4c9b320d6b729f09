import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { IngestConfig } from '../config/ingest.config';
import { INGEST_CONFIG } from '../tokens';
import { decodeLokiPush } from './formats/loki-push';
import { LokiEntriesRefusedProblem } from './formats/loki.problems';
import { IntakeService } from './intake.service';
import { intakeRoute } from './intake-route';

/** Loki's push content types: protobuf in a snappy block (the clients' default) or JSON. */
export const LOKI_TYPES = ['application/x-protobuf', 'application/json'] as const;

/** Loki's push API, for Promtail, Grafana Alloy, Vector, Fluent Bit, winston-loki and pino-loki. */
@Controller('loki/api/v1/push')
export class LokiController {
  constructor(
    private readonly intake: IntakeService,
    @Inject(INGEST_CONFIG) private readonly config: IngestConfig,
  ) {}

  /** 204 once every entry is in the queue; 400 in plain text naming the entries refused (the others were taken). */
  @Post()
  @HttpCode(204)
  @RouteConfig({ ...intakeRoute(LOKI_TYPES, 'loki'), errorFormat: 'loki' })
  async push(@Body() body: unknown, @Req() req: FastifyRequest): Promise<void> {
    const r = decodeLokiPush(body, req.headers, this.intake.contextOf(req), this.config.maxBodyBytes);
    this.intake.countRefused('loki', r.refusedBy);
    await this.intake.submit(r.logs, req);
    if (r.refused.length > 0) throw new LokiEntriesRefusedProblem(r.refused, r.total - r.logs.length, r.total);
  }
}
