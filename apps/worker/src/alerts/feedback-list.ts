import { FeedbackVerdict, ScoredRecord, TemplateFeedback } from '@logad/contracts';
import { FeedbackStore } from '@logad/storage';
import { Logger } from 'pino';

/** The `reason` a confirmed template's line is stored with. */
export function confirmedReason(f: Pick<TemplateFeedback, 'note'>): string {
  return `An operator confirmed this template as an incident${f.note ? ` (${f.note})` : ''}.`;
}

/**
 * The operators' verdicts per template id, read from storage (where the dashboard and the API
 * write them) and refreshed every few seconds, so that a mute or a confirmation takes effect on
 * every worker without a restart. While storage cannot be read, the last known list stays in force.
 */
export class FeedbackList {
  private verdicts = new Map<number, TemplateFeedback>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly storage: FeedbackStore,
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

  verdict(templateId: number | undefined): FeedbackVerdict | undefined {
    return templateId === undefined ? undefined : this.verdicts.get(templateId)?.verdict;
  }

  /** Whether the template is muted (kept for callers of the former MuteList). */
  has(templateId: number | undefined): boolean {
    return this.verdict(templateId) === 'mute';
  }

  /**
   * The record as the verdict on its template makes it: muted lines are flagged `muted` (stored and
   * flagged as the model said, no alert); confirmed lines are anomalies whatever the model said, with
   * a reason saying so (they alert, through the usual grouping); others are left as they are.
   */
  apply(r: ScoredRecord): ScoredRecord {
    const f = r.template_id === undefined ? undefined : this.verdicts.get(r.template_id);
    if (f?.verdict === 'mute') return { ...r, muted: true };
    if (f?.verdict === 'confirm') return { ...r, is_anomaly: true, prediction: -1, reason: confirmedReason(f) };
    return r;
  }

  async refresh(): Promise<void> {
    try {
      const feedback = await this.storage.listFeedback();
      this.verdicts = new Map(feedback.map((f) => [f.template_id, f]));
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'could not read template feedback; keeping the last known list');
    }
  }
}
