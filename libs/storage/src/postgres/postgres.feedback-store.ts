import { FeedbackVerdict, TemplateFeedback } from '@logad/contracts';
import { FeedbackStore } from '../ports/feedback-store';
import { MuteParams } from '../query/mute-params';
import { PostgresConnection } from './postgres-connection';
import { pgGiveFeedback, pgListFeedback, pgWithdrawFeedback } from './postgres-feedback';

/** Verdicts in `logad_template_feedback`: one upsert or delete per call. */
export class PostgresFeedbackStore extends FeedbackStore {
  constructor(private readonly db: PostgresConnection) {
    super();
  }

  listFeedback(): Promise<TemplateFeedback[]> {
    return this.db.query('listFeedback', () => undefined, pgListFeedback);
  }

  protected give(verdict: FeedbackVerdict, p: MuteParams, fn: string): Promise<TemplateFeedback> {
    return this.db.change(fn, (pool) => pgGiveFeedback(pool, verdict, p, Date.now()));
  }

  protected withdraw(verdict: FeedbackVerdict, templateId: number, fn: string): Promise<boolean> {
    return this.db.change(fn, (pool) => pgWithdrawFeedback(pool, verdict, templateId));
  }
}
