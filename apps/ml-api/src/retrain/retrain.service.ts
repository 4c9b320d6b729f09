import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { Logger } from 'pino';
import { MlApiConfig } from '../config/ml-api.config';
import { sessionSettingsOf } from '../model/model-bundle';
import { ModelService } from '../model/model.service';
import { type TrainResult, runTrain } from '../train/run-train';
import { TooFewLinesError, parseTrainArgs } from '../train/train-args';
import { ML_API_CONFIG, ML_API_LOGGER } from '../tokens';

/**
 * Retrains the line and session models from the store on a schedule — recent normal records plus
 * those of muted templates, as `train --from-store` does — and publishes the result through the
 * model store, which every replica then picks up: no operator command. With the Redis model store
 * one replica trains per round (a lock in Redis); training runs in this process and holds its event
 * loop for the fit (seconds for the default 200,000 lines), which is why the default interval is long.
 */
@Injectable()
export class RetrainService implements OnModuleInit, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private running?: Promise<TrainResult | null>;
  private redis?: Redis;

  constructor(
    @Inject(ML_API_CONFIG) private readonly config: MlApiConfig,
    @Inject(ML_API_LOGGER) private readonly logger: Logger,
    private readonly models: ModelService,
  ) {}

  onModuleInit(): void {
    if (this.config.retrainEveryMs <= 0) return;
    this.timer = setInterval(() => void this.retrain(), this.config.retrainEveryMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
    this.redis?.disconnect();
  }

  /** One round: trains and publishes, or says why not (too few lines yet, another replica's turn). */
  retrain(): Promise<TrainResult | null> {
    this.running ??= this.retrainNow().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async retrainNow(): Promise<TrainResult | null> {
    const c = this.config;
    try {
      if (!(await this.takeTurn())) return null;
      const argv = ['--from-store', '--since', `${Math.max(1, Math.round(c.retrainWindowMs / 1000))}s`, '--model-dir', c.modelDir];
      const sessions = this.models.loaded ? sessionSettingsOf(this.models.loaded) : null;
      if (sessions?.key_pattern) argv.push('--session-key', sessions.key_pattern, '--session-idle-ms', String(sessions.idle_timeout_ms));
      if (sessions?.end_pattern) argv.push('--session-end', sessions.end_pattern);
      const env = {
        MODEL_DIR: c.modelDir,
        MODEL_STORE: c.modelStore,
        REDIS_URL: c.redisUrl,
        MODEL_KEY_PREFIX: c.modelKeyPrefix,
        MODEL_KEEP_VERSIONS: String(c.modelKeepVersions),
        LOGS_DIR: c.logsDir,
        ...(c.storageUrl ? { STORAGE_URL: c.storageUrl } : {}),
      };
      const result = await runTrain(parseTrainArgs(argv, env), env, this.logger);
      this.logger.info({ version: result.version, lines: result.lines, store: result.store }, 'model retrained from the store');
      await this.models.reload();
      return result;
    } catch (err) {
      if (err instanceof TooFewLinesError) this.logger.info({ reason: err.message }, 'retraining skipped: the store holds too few lines yet');
      else this.logger.error({ err: (err as Error).message }, 'retraining failed; the served model stays');
      return null;
    }
  }

  /** With the Redis model store, one replica per round (the lock lasts one interval); else always. */
  private async takeTurn(): Promise<boolean> {
    if (this.config.modelStore !== 'redis') return true;
    this.redis ??= new Redis(this.config.redisUrl, { maxRetriesPerRequest: 1 });
    const ok = await this.redis.set(`${this.config.modelKeyPrefix}retrain-lock`, String(process.pid), 'PX', Math.max(1000, this.config.retrainEveryMs - 1000), 'NX');
    return ok === 'OK';
  }
}
