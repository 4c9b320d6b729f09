import { RecordRetention } from '@logad/storage';
import { Logger } from 'pino';

const DAY_MS = 86_400_000;

/**
 * Runs the store's retention at start and then every `everyMs` (hourly): records of the whole
 * UTC days older than `days` go. Every worker runs it; the store's lock lets one do the work.
 * A failed run is logged and left to the next one: retention never stops the processing.
 */
export class RetentionSchedule {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly retention: RecordRetention,
    private readonly days: number,
    private readonly logger: Logger,
    private readonly everyMs = 3_600_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The first run now (not awaited: a big first drop must not delay consuming), then one per period. */
  start(): void {
    this.kick();
    this.timer = setInterval(() => this.kick(), this.everyMs);
    this.timer.unref();
  }

  /** The run in progress, if any (tests and shutdown wait for it). */
  get idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.idle;
  }

  private kick(): void {
    // A run still going when the next is due (a huge day of ids): skip, do not pile up.
    if (this.running) return;
    this.running = this.runOnce().finally(() => {
      this.running = undefined;
    });
  }

  private async runOnce(): Promise<void> {
    const cutoffMs = this.now() - this.days * DAY_MS;
    try {
      const r = await this.retention.dropBefore(cutoffMs);
      const fields = { retentionDays: this.days, cutoff: new Date(cutoffMs).toISOString(), ...r };
      if (!r.ran) this.logger.debug(fields, 'retention: another worker holds the lock');
      else if (r.droppedDays.length > 0 || r.deletedSessions > 0) this.logger.info(fields, 'retention: dropped old records');
      else this.logger.debug(fields, 'retention: nothing to drop');
    } catch (err) {
      this.logger.warn({ err, retentionDays: this.days }, 'retention failed; the next run tries again');
    }
  }
}
