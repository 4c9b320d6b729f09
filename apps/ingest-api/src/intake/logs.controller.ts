import { Body, Controller, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { acceptedBody } from './accepted-body';
import { decodeLogadJson } from './formats/logad-json';
import { IntakeService } from './intake.service';
import { INTAKE_ROUTE } from './intake-route';

@Controller('api/v1/logs')
export class LogsController {
  constructor(private readonly intake: IntakeService) {}

  /**
   * Validates every log, enqueues them all, and only then answers 202 with their ids (200 with
   * `?status=200`, for clients such as winston's `transports.Http` that take any other 2xx as failure).
   */
  @Post()
  @HttpCode(202)
  @RouteConfig(INTAKE_ROUTE)
  async ingest(
    @Body() body: unknown,
    @Query('status') status: string | undefined,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const logs = await this.intake.decodeAndSubmit(decodeLogadJson, body, req);
    if (status === '200') void reply.code(200);
    void reply.type('application/json');
    return acceptedBody(logs);
  }
}
