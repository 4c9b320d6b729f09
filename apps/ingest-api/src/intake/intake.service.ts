import { QueuedLog } from '@logad/contracts';
import { LogQueue } from '@logad/queue';
import { AuthenticatedRequest, RateLimitedProblem, RateLimiter } from '@logad/server';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { IngestConfig } from '../config/ingest.config';
import { IngestMetrics } from '../metrics/ingest.metrics';
import { INGEST_CONFIG } from '../tokens';
import { Backpressure } from './backpressure';
import { createRateLimiter } from './create-rate-limiter';
import { DecodeContext, RequestHeaders } from './formats/decode-context';
import { IngestValidationProblem } from './ingest-validation.problem';
import { formatOf } from './intake-route';
import { IntakeFormat, RefusalReason, RefusalTally, reasonOfRefusedBody } from './refusal-reason';

/** Who sent a batch, for the rate limit: an HTTP request (its key, else its address), or a syslog peer. */
export type IntakeClient = Pick<FastifyRequest, 'ip'> & AuthenticatedRequest;

/** A format's decoder: a pure function from a parsed body and its headers to logs, or a typed error. */
export type Decoder<B = unknown> = (body: B, headers: RequestHeaders, ctx: DecodeContext) => QueuedLog[];

/**
 * The one intake path every format takes once decoded: rate limit (per key, else per address) →
 * back-pressure → enqueue → metrics. Auth is a route hook that ran before the body was read.
 */
@Injectable()
export class IntakeService implements OnApplicationShutdown {
  private readonly backpressure: Backpressure;
  private readonly limiter?: RateLimiter;

  constructor(
    @Inject(INGEST_CONFIG) private readonly config: IngestConfig,
    private readonly queue: LogQueue,
    private readonly metrics: IngestMetrics,
  ) {
    this.backpressure = new Backpressure(queue, { highWater: config.queueHighWater, slackJobs: config.queueHighWaterSlack });
    this.limiter = createRateLimiter(config);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.limiter?.close();
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

  /**
   * The one place refused records are counted (`logad_ingest_refused_records_total`): by the
   * routes and the syslog listener for records refused one by one, and by {@link countRefusedRequest}.
   */
  countRefused(format: IntakeFormat, refused: RefusalTally | RefusalReason, n = 1): void {
    if (typeof refused === 'string') return void (n > 0 && this.metrics.refusedRecords.inc({ format, reason: refused }, n));
    for (const [reason, count] of refused) this.metrics.refusedRecords.inc({ format, reason }, count);
  }

  /**
   * An intake request answered with an error: its refused records by reason when the decoder
   * named them, else the body once under the reason of its code (nothing for auth, rate limit,
   * back-pressure: no verdict on the content).
   */
  countRefusedRequest(req: FastifyRequest, err: unknown, code: string, status: number): void {
    const format = formatOf(req.routeOptions?.config);
    if (format === undefined) return;
    if (err instanceof IngestValidationProblem) return this.countRefused(format, err.refused);
    const reason = reasonOfRefusedBody(code, status);
    if (reason !== undefined) this.countRefused(format, reason);
  }

  /** The most logs one submit can carry and ever pass the rate limit (its burst); undefined without a limit. */
  get maxLogsPerSubmit(): number | undefined {
    return this.limiter?.burst;
  }

  /** Rate limit → back-pressure → enqueue → metrics; throws the typed problem that stopped them. */
  async submit(logs: readonly QueuedLog[], from: IntakeClient): Promise<void> {
    this.metrics.received.inc(logs.length);
    if (this.limiter && logs.length > 0) {
      const keyId = from.logadKeyId ?? from.ip;
      // One decision (one Redis round trip in cluster scope) for the whole batch.
      const r = await this.limiter.take(keyId, logs.length);
      if (!r.ok) throw new RateLimitedProblem(r.retryAfterSeconds, this.limiter.ratePerSecond, { size: logs.length, burst: this.limiter.burst });
    }
    if (logs.length > 0) {
      const jobs = Math.ceil(logs.length / this.config.recordsPerJob);
      await this.backpressure.admit(jobs, () => this.queue.enqueue([...logs]));
    }
    this.metrics.accepted.inc(logs.length);
    this.metrics.requests.inc({ outcome: 'accepted' });
  }
}
