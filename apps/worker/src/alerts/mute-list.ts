import { Storage } from '@logad/storage';
import { Logger } from 'pino';

/**
 * The muted template ids, read from storage (where the dashboard and the API write them) and
 * refreshed every few seconds, so that a mute takes effect on every worker without a restart.
 * While storage cannot be read, the last known list stays in force.
 */
export class MuteList {
  private ids = new Set<number>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly storage: Storage,
    private readonly logger: Logger,
    private readonly refreshMs: number,
  ) {}

  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  has(templateId: number | undefined): boolean {
    return templateId !== undefined && this.ids.has(templateId);
  }

  async refresh(): Promise<void> {
    try {
      const mutes = await this.storage.listMutes();
      this.ids = new Set(mutes.map((m) => m.template_id));
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'could not read muted templates; keeping the last known list');
    }
  }
}
