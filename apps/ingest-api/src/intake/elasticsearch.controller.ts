import { Body, Controller, Header, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { BulkMalformedProblem } from './formats/elasticsearch.problems';
import { decodeBulk } from './formats/es-bulk';
import { bulkAnswerJson } from './formats/es-bulk-answer';
import { IntakeService } from './intake.service';
import { intakeRoute } from './intake-route';

/** What Elasticsearch clients send a bulk body as (v8+/v9 clients use the vendor types). */
export const BULK_TYPES = ['application/x-ndjson', 'application/json', 'application/vnd.elasticsearch+x-ndjson', 'application/vnd.elasticsearch+json'] as const;

const BULK_ROUTE = { ...intakeRoute(BULK_TYPES, 'elasticsearch'), errorFormat: 'elasticsearch', bodyAsText: true } as const;

/** Elasticsearch's `_bulk`, for `@elastic/elasticsearch`, pino-elasticsearch, winston-elasticsearch, Filebeat, Vector, Fluent Bit. */
@Controller()
export class ElasticsearchController {
  constructor(private readonly intake: IntakeService) {}

  @Post('_bulk')
  @HttpCode(200)
  @Header('content-type', 'application/json; charset=utf-8')
  @RouteConfig(BULK_ROUTE)
  bulk(@Body() body: unknown, @Req() req: FastifyRequest): Promise<string> {
    return this.take(body, undefined, req);
  }

  @Put('_bulk')
  @HttpCode(200)
  @Header('content-type', 'application/json; charset=utf-8')
  @RouteConfig(BULK_ROUTE)
  bulkPut(@Body() body: unknown, @Req() req: FastifyRequest): Promise<string> {
    return this.take(body, undefined, req);
  }

  @Post(':index/_bulk')
  @HttpCode(200)
  @Header('content-type', 'application/json; charset=utf-8')
  @RouteConfig(BULK_ROUTE)
  bulkInIndex(@Body() body: unknown, @Param('index') index: string, @Req() req: FastifyRequest): Promise<string> {
    return this.take(body, index, req);
  }

  @Put(':index/_bulk')
  @HttpCode(200)
  @Header('content-type', 'application/json; charset=utf-8')
  @RouteConfig(BULK_ROUTE)
  bulkInIndexPut(@Body() body: unknown, @Param('index') index: string, @Req() req: FastifyRequest): Promise<string> {
    return this.take(body, index, req);
  }

  /**
   * Every good document is enqueued before the answer; the answer has an item per action, in
   * order, as Elasticsearch gives it (`errors: true` when any item failed, each failure with its
   * own status and `error`). A refusal of the whole request (rate limit, back-pressure) is one error.
   */
  private async take(body: unknown, index: string | undefined, req: FastifyRequest): Promise<string> {
    const started = Date.now();
    if (typeof body !== 'string') throw new BulkMalformedProblem('request body is required: send NDJSON action and source lines');
    const r = decodeBulk(body, index, this.intake.contextOf(req));
    this.intake.countRefused('elasticsearch', r.refused);
    await this.intake.submit(r.logs, req);
    return bulkAnswerJson(r.items, Date.now() - started);
  }
}
