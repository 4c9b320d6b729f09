import { QueuedLog } from '@logad/contracts';
import { LogQueue } from '@logad/queue';
import { AuthenticatedRequest, RateLimitedProblem, TokenBucketLimiter } from '@logad/server';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { IngestConfig } from '../config/ingest.config';
import { IngestMetrics } from '../metrics/ingest.metrics';
import { INGEST_CONFIG } from '../tokens';
import { Backpressure } from './backpressure';
import { DecodeContext, RequestHeaders } from './formats/decode-context';

/** Who sent a batch, for the rate limit: an HTTP request (its key, else its address), or a syslog peer. */
export type IntakeClient = Pick<FastifyRequest, 'ip'> & AuthenticatedRequest;

/** A format's decoder: a pure function from a parsed body and its headers to logs, or a typed error. */
export type Decoder<B = unknown> = (body: B, headers: RequestHeaders, ctx: DecodeContext) => QueuedLog[];

/**
 * The one intake path every format takes once decoded: rate limit (per key, else per address) →
 * back-pressure → enqueue → metrics. Auth is a route hook that ran before the body was read.
 */
@Injectable()
export class IntakeService {
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

  /** What a decoder needs from this request. */
  contextOf(req: FastifyRequest): DecodeContext {
    return { limits: this.config.limits, receivedAt: Date.now(), requestId: req.id, newId: randomUUID };
  }

  /** Decodes the body with `decode` and takes the logs in; resolves once they are all in the queue. */
  async decodeAndSubmit<B>(decode: Decoder<B>, body: B, req: FastifyRequest): Promise<QueuedLog[]> {
    const logs = decode(body, req.headers, this.contextOf(req));
    await this.submit(logs, req);
    return logs;
  }

  /** Rate limit → back-pressure → enqueue → metrics; throws the typed problem that stopped them. */
  async submit(logs: readonly QueuedLog[], from: IntakeClient): Promise<void> {
    this.metrics.received.inc(logs.length);
    if (this.limiter && logs.length > 0) {
      const keyId = from.logadKeyId ?? from.ip;
      const r = this.limiter.take(keyId, logs.length);
      if (!r.ok) throw new RateLimitedProblem(r.retryAfterSeconds, this.limiter.ratePerSecond);
    }
    if (logs.length > 0) {
      await this.backpressure.check();
      await this.queue.enqueue([...logs]);
    }
    this.metrics.accepted.inc(logs.length);
    this.metrics.requests.inc({ outcome: 'accepted' });
  }
}
