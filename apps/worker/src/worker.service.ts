import { LogQueue } from '@logad/queue';
import { SessionStore } from '@logad/sessions';
import { ConfigError } from '@logad/server';
import { Store } from '@logad/storage';
import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Logger } from 'pino';
import { AlertSink } from './alerts/alert-sink';
import { FeedbackList } from './alerts/feedback-list';
import { WorkerConfig } from './config/worker.config';
import { EventBatcher } from './ml/event-batcher';
import { MlClient } from './ml/ml-client';
import { LogJobProcessor } from './processing/log-job.processor';
import { SessionTracker } from './sessions/session-tracker';
import { WORKER_CONFIG, WORKER_LOGGER } from './tokens';
import { WorkerMetrics } from './metrics/worker.metrics';
import { RetentionSchedule } from './retention/retention-schedule';
import { startWorkerHttp } from './metrics/worker-http';
import type { FastifyInstance } from 'fastify';

/** How long a job's events wait for another job's to share an ml-api call (ms). */
const ML_LINGER_MS = 2;

/** Opens the store, then consumes the queue and sweeps sessions; on shutdown lets running jobs finish before closing. */
@Injectable()
export class WorkerService implements OnModuleInit, OnApplicationShutdown {
  readonly alerts: AlertSink;
  readonly sessions: SessionTracker;
  private readonly ml: MlClient;
  readonly metrics = new WorkerMetrics();
  readonly feedback: FeedbackList;
  private http?: FastifyInstance;
  /** Set when STORAGE_RETENTION_DAYS is. */
  readonly retention?: RetentionSchedule;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(WORKER_LOGGER) private readonly logger: Logger,
    private readonly queue: LogQueue,
    private readonly storage: Store,
    private readonly sessionStore: SessionStore,
  ) {
    this.alerts = new AlertSink(logger, {
      webhookUrl: config.alertWebhookUrl,
      format: config.alertWebhookFormat,
      timeoutMs: config.alertWebhookTimeoutMs,
      groupWindowMs: config.alertGroupWindowMs,
      resolveAfterMs: config.alertResolveAfterMs,
      publicUrl: config.publicUrl,
    });
    this.ml = new MlClient(config.mlApiUrl, config.mlApiTimeoutMs, config.mlApiToken, config.mlApiEncoding);
    this.feedback = new FeedbackList(storage.feedback, logger, 5_000);
    if (config.retentionDays > 0) {
      if (!storage.retention) {
        throw new ConfigError([
          `STORAGE_RETENTION_DAYS=${config.retentionDays} needs a store that drops old records itself (STORAGE_URL=postgres://…); the ${storage.adapter} store keeps everything (delete rotated files by age instead)`,
        ]);
      }
      this.retention = new RetentionSchedule(storage.retention, config.retentionDays, logger);
    }
    this.sessions = new SessionTracker(sessionStore, this.ml, storage.sink, this.alerts, logger, {
      keyField: config.sessionKeyField,
      sweepMs: config.sessionSweepMs,
      settingsRefreshMs: 5_000,
    });
  }

  async onModuleInit(): Promise<void> {
    this.sessions.onScored = (scored, anomalous) => {
      this.metrics.sessionsScored.inc(scored);
      this.metrics.sessionAnomalies.inc(anomalous);
    };
    // The sink for the records; the connection for the verdicts the alerts read.
    await this.storage.sink.open();
    await this.storage.connect();
    this.retention?.start();
    await this.sessions.start();
    await this.feedback.start();
    const processor = new LogJobProcessor(
      new EventBatcher(this.ml, this.config.mlBatchSize, ML_LINGER_MS),
      this.storage.sink,
      this.alerts,
      this.logger,
      this.config.mlBatchSize,
      this.metrics,
      this.sessions,
      this.feedback,
    );
    await this.queue.consume(processor.handle, { concurrency: this.config.concurrency });
    this.http = await startWorkerHttp(this.config.host, this.config.port, this.queue, this.metrics, (port) =>
      this.logger.warn({ port }, 'WORKER_PORT is taken (another worker on this host?): serving /metrics on a free port instead'),
    );
    const { queueName, queueDriver, concurrency, logsDir, retentionDays } = this.config;
    this.logger.info({ queue: queueName, driver: queueDriver, concurrency, logsDir, retentionDays, http: this.httpUrl }, 'worker consuming');
  }

  /** Where /health, /ready and /metrics answer. */
  get httpUrl(): string | undefined {
    const a = this.http?.server.address();
    return a && typeof a === 'object' ? `http://${this.config.host}:${a.port}` : undefined;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.http?.close();
    await this.queue.close();
    await this.sessions.stop();
    this.ml.close();
    this.feedback.stop();
    await this.alerts.drain(5_000);
    await this.retention?.stop();
    await this.sessionStore.close();
    await this.storage.close();
    await this.storage.sink.close();
  }
}
