import { LogEvent } from '@logad/detector';
import { MAX_QUERY_LIMIT, RecordQuery, ScoredRecord } from '@logad/contracts';
import { Store } from '@logad/storage';

/** What {@link readStoreCorpus} found. */
export interface StoreCorpus {
  /** Training lines, newest first: normal records, then those of muted templates. */
  readonly events: LogEvent[];
  readonly normal: number;
  /** Records of muted templates (flagged, then judged false positives by an operator). */
  readonly muted: number;
  readonly mutedTemplates: number;
  /** Normal records left out because their template was confirmed as an incident. */
  readonly confirmedLeftOut: number;
}

/**
 * The training corpus a store holds since `since` (ISO-8601): its normal records and the records
 * of muted templates, newest first, at most `maxLines` in all (the newest are kept). Records of
 * templates an operator confirmed as incidents are never taken, even those stored as normal
 * before the confirmation: the model must not learn an incident as everyday traffic.
 */
export async function readStoreCorpus(storage: Pick<Store, 'queries' | 'feedback'>, since: string, maxLines: number): Promise<StoreCorpus> {
  const events: LogEvent[] = [];
  const feedback = await storage.feedback.listFeedback();
  const confirmed = new Set(feedback.filter((f) => f.verdict === 'confirm').map((f) => f.template_id));
  const mutes = feedback.filter((f) => f.verdict === 'mute');
  let confirmedLeftOut = 0;
  const take = async (q: RecordQuery): Promise<number> => {
    let n = 0;
    let cursor: string | undefined;
    do {
      const page = await storage.queries.queryRecords({ ...q, since, limit: MAX_QUERY_LIMIT, cursor });
      for (const r of page.items) {
        if (events.length >= maxLines) return n;
        if (r.template_id !== undefined && confirmed.has(r.template_id)) {
          confirmedLeftOut++;
          continue;
        }
        events.push(toEvent(r));
        n++;
      }
      cursor = page.next_cursor ?? undefined;
    } while (cursor && events.length < maxLines);
    return n;
  };
  const normal = await take({ kind: 'normal' });
  let muted = 0;
  for (const m of mutes) muted += await take({ kind: 'anomalous', templateId: m.template_id });
  return { events, normal, muted, mutedTemplates: mutes.length, confirmedLeftOut };
}

function toEvent(r: ScoredRecord): LogEvent {
  return { message: r.message, level: r.level, source: r.source };
}
