import { FeedbackVerdict, Mute, Page, RecordQuery, ScoredRecord, SessionQuery, SessionRecord, TemplateQuery, TemplateStat, TimeBucket, TimeSeriesQuery, TemplateFeedback } from '@logad/contracts';

/** What one `write` did. */
export interface WriteResult {
  /** Records appended. */
  readonly written: number;
  /** Records skipped because a record with the same id is already stored. */
  readonly duplicates: number;
}

/**
 * Port for scored log records. Adapters must make `write` idempotent by record id and must
 * not resolve before the records are durably handed to the store: the worker completes a
 * queue job only after `write` resolves.
 *
 * Queries order by `(timestamp desc, id desc)` (sessions: `(ended_at desc, id desc)`), filter
 * time on half-open windows `[since, until)`, and page with opaque keyset cursors that both
 * adapters encode the same way. Bad arguments reject with `StorageInvalidQueryError`, a store
 * that cannot answer with `StorageQueryError`.
 */
export abstract class Storage {
  abstract open(): Promise<void>;
  abstract write(records: readonly ScoredRecord[]): Promise<WriteResult>;
  /** Stores anomalous sessions, idempotent by session record id. */
  abstract writeSessions(sessions: readonly SessionRecord[]): Promise<WriteResult>;
  /** Records matching `q`, newest first by `(timestamp desc, id desc)`. */
  abstract queryRecords(q: RecordQuery): Promise<Page<ScoredRecord>>;
  /** Stored sessions matching `q`, newest first by `(ended_at desc, id desc)`. */
  abstract querySessions(q: SessionQuery): Promise<Page<SessionRecord>>;
  /** Per-template counts over records that have a `template_id`, by count desc then template id. */
  abstract templateStats(q: TemplateQuery): Promise<TemplateStat[]>;
  /**
   * The record with this id and up to `before`/`after` records of the same source (null source
   * included) just before and after it by `(timestamp, id)`, from both stores, oldest first.
   * Empty when no record has this id.
   */
  abstract around(id: string, before: number, after: number): Promise<ScoredRecord[]>;
  /**
   * Records and anomalies per bucket of `bucketSeconds` over `[since, until)`, every bucket listed
   * (empty ones with zeros), oldest first. Counts by record `timestamp`.
   */
  abstract timeSeries(q: TimeSeriesQuery): Promise<TimeBucket[]>;
  /**
   * Records an operator's verdict on a template: `mute` (a false positive: no alert) or `confirm`
   * (a real incident: stored as an anomaly, alerts, never trained on as normal). A template has one
   * verdict: a new one replaces the old (its text, note and time too). Resolves once durable;
   * rejects with `StorageInvalidQueryError` for bad arguments, `StorageWriteError` when the store refuses.
   */
  abstract giveFeedback(verdict: FeedbackVerdict, templateId: number, template: string, note?: string | null): Promise<TemplateFeedback>;
  /** Withdraws a verdict; `true` when the template had this verdict, `false` otherwise (another verdict stays). */
  abstract withdrawFeedback(verdict: FeedbackVerdict, templateId: number): Promise<boolean>;
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

  abstract close(): Promise<void>;
}

const toMute = (f: TemplateFeedback): Mute => ({ template_id: f.template_id, template: f.template, note: f.note, muted_at: f.at });
