import { StreamDetector } from '@logad/detector';
import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Logger } from 'pino';
import { MlApiConfig } from '../config/ml-api.config';
import { ModelService } from '../model/model.service';
import { ML_API_CONFIG, ML_API_LOGGER } from '../tokens';
import { BaselineStore, FileBaselineStore, RedisBaselineStore } from './baseline-store';

/**
 * The online per-source baselines this replica scores with: restored at boot from the baseline
 * store (else started from the served model's trained baselines, else empty), saved every
 * `baselineSaveMs` and at shutdown. Replicas sharing a store exchange sources at each save: a
 * source this replica has not seen is adopted from the store, so a restart or a new replica does
 * not send every known source back into its learning period.
 */
@Injectable()
export class BaselineService implements OnModuleInit, OnModuleDestroy {
  private stream: StreamDetector | null = null;
  private readonly store: BaselineStore;
  private timer?: NodeJS.Timeout;
  private saving?: Promise<void>;

  constructor(
    @Inject(ML_API_CONFIG) private readonly config: MlApiConfig,
    @Inject(ML_API_LOGGER) private readonly logger: Logger,
    private readonly models: ModelService,
  ) {
    this.store = config.modelStore === 'redis' ? new RedisBaselineStore(config.redisUrl, `${config.modelKeyPrefix}baselines`) : new FileBaselineStore(config.modelDir);
  }

  async onModuleInit(): Promise<void> {
    try {
      const text = await this.store.load();
      if (text !== null) {
        this.stream = StreamDetector.fromJSON(JSON.parse(text));
        this.logger.info({ from: this.store.location, sources: this.stream.sourceCount }, 'baselines restored');
      }
    } catch (err) {
      this.logger.error({ err: (err as Error).message, from: this.store.location }, 'baselines could not be restored; sources learn again');
    }
    if (this.config.baselineSaveMs > 0) {
      this.timer = setInterval(() => void this.save(), this.config.baselineSaveMs);
      this.timer.unref();
    }
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.save();
    await this.store.close();
  }

  /** The baselines to score with (created from the served model's trained baselines on first use). */
  require(): StreamDetector {
    if (this.stream === null) {
      const trained = this.models.loaded?.stream;
      // a private copy: the model's own baselines stay as trained
      this.stream = trained
        ? StreamDetector.fromJSON({ ...trained.toJSON(), options: { ...trained.options, ...this.config.streamOptions } })
        : StreamDetector.create(this.config.streamOptions);
    }
    return this.stream;
  }

  /** Saves the baselines (one save at a time); a failure is logged and retried at the next tick. */
  save(): Promise<void> {
    this.saving ??= this.saveNow().finally(() => {
      this.saving = undefined;
    });
    return this.saving;
  }

  private async saveNow(): Promise<void> {
    if (this.stream === null) return;
    try {
      const stored = await this.store.load();
      if (stored !== null) this.stream.adoptUnknownSources(StreamDetector.fromJSON(JSON.parse(stored)));
      await this.store.save(JSON.stringify(this.stream.toJSON()));
    } catch (err) {
      this.logger.warn({ err: (err as Error).message, to: this.store.location }, 'baselines not saved; retrying at the next tick');
    }
  }
}
