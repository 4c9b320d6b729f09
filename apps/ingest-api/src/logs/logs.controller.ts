import { LogQueue } from '@logad/queue';
import { RateLimitedProblem, TokenBucketLimiter } from '@logad/server';
import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IngestConfig } from '../config/ingest.config';
import { INGEST_CONFIG } from '../tokens';
import { IngestMetrics } from '../metrics/ingest.metrics';
import { Backpressure } from './backpressure';
import { acceptLogs } from './log-acceptor';
import { acceptedBody } from './accepted-body';

@Controller('api/v1/logs')
export class LogsController {
  private readonly backpressure: Backpressure;
  private readonly limiter?: TokenBucketLimiter;

  constructor(
    @Inject(INGEST_CONFIG) private readonly config: IngestConfig,
    private readonly queue: LogQueue,
    private readonly metrics: IngestMetrics,
  ) {
    this.backpressure = new Backpressure(queue, config.queueHighWater);
    if (config.rateLimitPerKey > 0) this.limiter = new TokenBucketLimiter(config.rateLimitPerKey, 2 * config.rateLimitPerKey);
  }

  /** Validates every log, enqueues them all, and only then answers 202 with their ids. */
  @Post()
  @HttpCode(202)
  async ingest(@Body() body: unknown, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const logs = acceptLogs(body, this.config.limits, req.id);
    this.metrics.received.inc(logs.length);
    if (this.limiter) {
      const keyId = (req as FastifyRequest & { logadKeyId?: string }).logadKeyId ?? req.ip;
      const r = this.limiter.take(keyId, logs.length);
      if (!r.ok) throw new RateLimitedProblem(r.retryAfterSeconds, this.limiter.ratePerSecond);
    }
    await this.backpressure.check();
    await this.queue.enqueue(logs);
    this.metrics.accepted.inc(logs.length);
    this.metrics.requests.inc({ outcome: 'accepted' });
    void reply.type('application/json');
    return acceptedBody(logs);
  }
}

