import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROTOBUF_TYPES } from '../body/register-body-parsers';
import { decodeOtlpLogs } from './formats/otlp-logs';
import { IntakeService } from './intake.service';
import { intakeRoute } from './intake-route';
import { exportLogsResponse, isProtobufRequest } from './otlp-answer';

/** OTLP/HTTP takes protobuf and OTLP/JSON. */
export const OTLP_TYPES = [...PROTOBUF_TYPES, 'application/json'] as const;

@Controller('v1/logs')
export class OtlpLogsController {
  constructor(private readonly intake: IntakeService) {}

  /**
   * OTLP/HTTP logs export: enqueues every record logad can hold, then answers 200 with an
   * `ExportLogsServiceResponse` in the request's encoding (`partial_success` counts the others).
   */
  @Post()
  @HttpCode(200)
  @RouteConfig({ ...intakeRoute(OTLP_TYPES, 'otlp'), errorFormat: 'otlp' })
  async export(@Body() body: unknown, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string | Buffer> {
    const decoded = decodeOtlpLogs(body, req.headers, this.intake.contextOf(req));
    this.intake.countRefused('otlp', decoded.refused);
    await this.intake.submit(decoded.logs, req);
    const answer = exportLogsResponse(decoded, isProtobufRequest(req));
    void reply.type(answer.contentType);
    return answer.data;
  }
}
