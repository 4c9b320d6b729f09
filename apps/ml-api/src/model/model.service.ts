import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Logger } from 'pino';
import { ML_API_CONFIG, ML_API_LOGGER } from '../tokens';
import { MlApiConfig } from '../config/ml-api.config';
import { createModelRegistry } from './create-model-registry';
import { InvalidModelFileError } from './invalid-model-file.error';
import { ModelNotLoadedProblem } from './model-not-loaded.problem';
import { ModelBundle } from './model-bundle';
import { ModelRegistry } from './model-registry';

/**
 * Holds the model being served and swaps in a newer one when the store's `current` pointer
 * changes (a directory, or Redis shared by every replica), without downtime: requests keep
 * being answered by the old model until the new one is fully loaded. A model that fails to
 * load is refused and the previous one keeps serving.
 */
@Injectable()
export class ModelService implements OnModuleInit, OnModuleDestroy {
  private detector: ModelBundle | null = null;
  private timer?: NodeJS.Timeout;
  private readonly store: ModelRegistry;
  private lastFailedVersion: string | null = null;
  private reloading?: Promise<boolean>;

  constructor(
    @Inject(ML_API_CONFIG) private readonly config: MlApiConfig,
    @Inject(ML_API_LOGGER) private readonly logger: Logger,
  ) {
    this.store = createModelRegistry(config);
  }

  async onModuleInit(): Promise<void> {
    await this.reload();
    if (!this.detector) this.logger.warn({ modelStore: this.store.location }, 'no model loaded: train one with `npx nx run ml-api:train`');
    if (this.config.modelReloadMs > 0) {
      this.timer = setInterval(() => void this.reload(), this.config.modelReloadMs);
      this.timer.unref();
    }
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.reloading?.catch(() => undefined);
    await this.store.close();
  }

  /** Loads the model `current` names when it differs from the one served; one load at a time. */
  reload(): Promise<boolean> {
    this.reloading ??= this.reloadNow().finally(() => {
      this.reloading = undefined;
    });
    return this.reloading;
  }

  private async reloadNow(): Promise<boolean> {
    let pointerVersion: string | null = null;
    try {
      const pointer = await this.store.current();
      pointerVersion = pointer?.version ?? null;
      if (!pointer || pointer.version === this.detector?.version || pointer.version === this.lastFailedVersion) return false;
      const next = await this.store.load(pointer);
      this.detector = next;
      this.lastFailedVersion = null;
      this.logger.info({ version: next.version, from: this.store.location }, 'model loaded');
      return true;
    } catch (err) {
      // A store that does not answer is retried at the next tick; a bad model only once it changes.
      if (err instanceof InvalidModelFileError && pointerVersion !== null) this.lastFailedVersion = pointerVersion;
      this.logger.error({ err: (err as Error).message, servingVersion: this.detector?.version ?? null }, 'model refused; the previous model keeps serving');
      return false;
    }
  }

  get loaded(): ModelBundle | null {
    return this.detector;
  }

  /** The served model, or a 503 saying how to train one. */
  require(): ModelBundle {
    if (!this.detector) throw new ModelNotLoadedProblem(this.store.location);
    return this.detector;
  }
}
