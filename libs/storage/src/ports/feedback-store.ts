import { FeedbackVerdict, Mute, TemplateFeedback } from '@logad/contracts';
import { MuteParams, feedbackFn, muteParams, templateIdParam, verdictParam } from '../query/mute-params';

/**
 * The operators' port: verdicts on templates, given from the query API and the dashboard, read by
 * the worker (alerts) and by training. `mute` marks a false positive (no alert), `confirm` a real
 * incident (stored as an anomaly, alerts, never trained on as normal). A template has one verdict:
 * a new one replaces the old (its text, note and time too).
 *
 * The arguments are checked here, once for every adapter: bad ones reject with
 * `StorageInvalidQueryError` before the store is touched. Adapters implement the three
 * `protected` calls; a store that refuses a change rejects with `StorageWriteError`, one that
 * cannot be read with `StorageQueryError`.
 */
export abstract class FeedbackStore {
  /** Records a verdict; resolves once durable. */
  giveFeedback(verdict: FeedbackVerdict, templateId: number, template: string, note?: string | null): Promise<TemplateFeedback> {
    return this.check(() => {
      const v = verdictParam(verdict, 'giveFeedback');
      const fn = feedbackFn(v);
      return this.give(v, muteParams(templateId, template, note, fn), fn);
    });
  }

  /** Withdraws a verdict; `true` when the template had this verdict, `false` otherwise (another verdict stays). */
  withdrawFeedback(verdict: FeedbackVerdict, templateId: number): Promise<boolean> {
    return this.check(() => {
      const v = verdictParam(verdict, 'withdrawFeedback');
      const fn = feedbackFn(v, true);
      return this.withdraw(v, templateIdParam(templateId, fn), fn);
    });
  }

  /** Every template's verdict, most recent first (then by template id). */
  abstract listFeedback(): Promise<TemplateFeedback[]>;

  /** Marks a template as a false positive (its records raise no alert): `giveFeedback('mute', …)` in the original shape. */
  async muteTemplate(templateId: number, template: string, note?: string | null): Promise<Mute> {
    return toMute(await this.giveFeedback('mute', templateId, template, note));
  }

  /** Lifts a mute; resolves `true` when the template was muted, `false` when it was not. */
  unmuteTemplate(templateId: number): Promise<boolean> {
    return this.withdrawFeedback('mute', templateId);
  }

  /** Every muted template, most recently muted first (then by template id). */
  async listMutes(): Promise<Mute[]> {
    return (await this.listFeedback()).filter((f) => f.verdict === 'mute').map(toMute);
  }

  /** Stores a checked verdict; `fn` names the caller's call in errors. */
  protected abstract give(verdict: FeedbackVerdict, p: MuteParams, fn: string): Promise<TemplateFeedback>;
  /** Removes a checked verdict; `true` when the template had it. */
  protected abstract withdraw(verdict: FeedbackVerdict, templateId: number, fn: string): Promise<boolean>;

  // A check that throws becomes a rejection, as the callers await it.
  private async check<R>(run: () => Promise<R>): Promise<R> {
    return run();
  }
}

const toMute = (f: TemplateFeedback): Mute => ({ template_id: f.template_id, template: f.template, note: f.note, muted_at: f.at });
