import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Logger } from 'pino';
import { ML_API_CONFIG, ML_API_LOGGER } from '../tokens';
import { MlApiConfig } from '../config/ml-api.config';
import { ModelNotLoadedProblem } from './model-not-loaded.problem';
import { ModelStore } from './model-store';
import { ModelBundle } from './model-bundle';

/**
 * Holds the model being served and swaps in a newer one when `current.json` changes, without
 * downtime. A model that fails to load is refused and the previous one keeps serving.
 */
@Injectable()
export class ModelService implements OnModuleInit, OnModuleDestroy {
  private detector: ModelBundle | null = null;
  private timer?: NodeJS.Timeout;
  private readonly store: ModelStore;
  private lastFailedVersion: string | null = null;

  constructor(
    @Inject(ML_API_CONFIG) private readonly config: MlApiConfig,
    @Inject(ML_API_LOGGER) private readonly logger: Logger,
  ) {
    this.store = new ModelStore(config.modelDir);
  }

  async onModuleInit(): Promise<void> {
    await this.reload();
    if (!this.detector) this.logger.warn({ modelDir: this.config.modelDir }, 'no model loaded: train one with `npx nx run ml-api:train`');
    if (this.config.modelReloadMs > 0) {
      this.timer = setInterval(() => void this.reload(), this.config.modelReloadMs);
      this.timer.unref();
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Loads the model `current.json` names when it differs from the one served. */
  async reload(): Promise<boolean> {
    try {
      const pointer = await this.store.current();
      if (!pointer || pointer.version === this.detector?.version || pointer.version === this.lastFailedVersion) return false;
      const next = await this.store.load(pointer);
      this.detector = next;
      this.lastFailedVersion = null;
      this.logger.info({ version: next.version }, 'model loaded');
      return true;
    } catch (err) {
      const version = (await this.store.current().catch(() => null))?.version ?? null;
      this.lastFailedVersion = version;
      this.logger.error({ err: (err as Error).message, servingVersion: this.detector?.version ?? null }, 'model refused; the previous model keeps serving');
      return false;
    }
  }

  get loaded(): ModelBundle | null {
    return this.detector;
  }

  /** The served model, or a 503 saying how to train one. */
  require(): ModelBundle {
    if (!this.detector) throw new ModelNotLoadedProblem(this.config.modelDir);
    return this.detector;
  }
}
