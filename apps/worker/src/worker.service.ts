import { LogQueue } from '@logad/queue';
import { SessionStore } from '@logad/sessions';
import { Storage } from '@logad/storage';
import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Logger } from 'pino';
import { AlertSink } from './alerts/alert-sink';
import { WorkerConfig } from './config/worker.config';
import { MlClient } from './ml/ml-client';
import { LogJobProcessor } from './processing/log-job.processor';
import { SessionTracker } from './sessions/session-tracker';
import { WORKER_CONFIG, WORKER_LOGGER } from './tokens';

/** Opens storage, then consumes the queue and sweeps sessions; on shutdown lets running jobs finish before closing. */
@Injectable()
export class WorkerService implements OnModuleInit, OnApplicationShutdown {
  readonly alerts: AlertSink;
  readonly sessions: SessionTracker;
  private readonly ml: MlClient;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(WORKER_LOGGER) private readonly logger: Logger,
    private readonly queue: LogQueue,
    private readonly storage: Storage,
    private readonly sessionStore: SessionStore,
  ) {
    this.alerts = new AlertSink(logger, {
      webhookUrl: config.alertWebhookUrl,
      format: config.alertWebhookFormat,
      timeoutMs: config.alertWebhookTimeoutMs,
      groupWindowMs: config.alertGroupWindowMs,
    });
    this.ml = new MlClient(config.mlApiUrl, config.mlApiTimeoutMs, config.mlApiToken);
    this.sessions = new SessionTracker(sessionStore, this.ml, storage, this.alerts, logger, {
      keyField: config.sessionKeyField,
      sweepMs: config.sessionSweepMs,
      settingsRefreshMs: 5_000,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.storage.open();
    await this.sessions.start();
    const processor = new LogJobProcessor(this.ml, this.storage, this.alerts, this.logger, this.config.mlBatchSize, this.sessions);
    await this.queue.consume(processor.handle, { concurrency: this.config.concurrency });
    const { queueName, queueDriver, concurrency, logsDir } = this.config;
    this.logger.info({ queue: queueName, driver: queueDriver, concurrency, logsDir }, 'worker consuming');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
    await this.sessions.stop();
    await this.alerts.drain(5_000);
    await this.sessionStore.close();
    await this.storage.close();
  }
}
