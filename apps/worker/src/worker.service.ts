import { LogQueue } from '@logad/queue';
import { Storage } from '@logad/storage';
import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Logger } from 'pino';
import { AlertSink } from './alerts/alert-sink';
import { WorkerConfig } from './config/worker.config';
import { MlClient } from './ml/ml-client';
import { LogJobProcessor } from './processing/log-job.processor';
import { WORKER_CONFIG, WORKER_LOGGER } from './tokens';

/** Opens storage, then consumes the queue; on shutdown lets running jobs finish before closing. */
@Injectable()
export class WorkerService implements OnModuleInit, OnApplicationShutdown {
  readonly alerts: AlertSink;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(WORKER_LOGGER) private readonly logger: Logger,
    private readonly queue: LogQueue,
    private readonly storage: Storage,
  ) {
    this.alerts = new AlertSink(logger, config.alertWebhookUrl, config.alertWebhookTimeoutMs);
  }

  async onModuleInit(): Promise<void> {
    await this.storage.open();
    const processor = new LogJobProcessor(
      new MlClient(this.config.mlApiUrl, this.config.mlApiTimeoutMs, this.config.mlApiToken),
      this.storage,
      this.alerts,
      this.logger,
      this.config.mlBatchSize,
    );
    await this.queue.consume(processor.handle, { concurrency: this.config.concurrency });
    this.logger.info(
      { queue: this.config.queueName, driver: this.config.queueDriver, concurrency: this.config.concurrency, logsDir: this.config.logsDir },
      'worker consuming',
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
    await this.alerts.drain(5_000);
    await this.storage.close();
  }
}
