import { ANOMALY_KINDS, LOG_LEVELS, ScoredRecord, SessionRecord, TemplateStat } from '@logad/contracts';
import { SortKey, compareKeys } from '../query/sort-key';

/** A small seeded generator (mulberry32), so the contract's data set is the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const T0 = Date.parse('2024-03-10T12:00:00.000Z');
export const SOURCES = ['api', 'db', null, 'ünïcødé-svc'] as const;

/** A scored record with every field set; `over` replaces some. */
export function makeRecord(id: string, ms: number, over: Partial<ScoredRecord> = {}): ScoredRecord {
  const isAnomaly = over.is_anomaly ?? false;
  return {
    id,
    timestamp: new Date(ms).toISOString(),
    source: 'api',
    level: 'INFO',
    message: `message of ${id}`,
    anomaly_score: isAnomaly ? -0.12 : 0.08,
    is_anomaly: isAnomaly,
    prediction: isAnomaly ? -1 : 1,
    model_version: 'v1',
    score: isAnomaly ? 81.5 : 12.25,
    received_at: ms + 5,
    stored_at: ms + 9,
    ...over,
  };
}

/**
 * `n` records over 40 distinct seconds (so several share a timestamp and the id breaks the tie),
 * four sources (one null, one non-ASCII), every level and null, five templates whose text changes
 * over time, a seventh without template, about a third anomalous. Returned in a shuffled order.
 */
export function dataset(n: number, seed = 7): ScoredRecord[] {
  const rnd = seeded(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const out: ScoredRecord[] = [];
  for (let i = 0; i < n; i++) {
    const sec = Math.floor(rnd() * 40);
    const ms = T0 + sec * 1000;
    const isAnomaly = rnd() < 0.33;
    const tid = i % 7 === 6 ? undefined : 1 + Math.floor(rnd() * 5);
    const { score, ...base } = makeRecord(`r-${String(i).padStart(4, '0')}`, ms, {
      source: pick(SOURCES),
      level: pick([...LOG_LEVELS, null]),
      is_anomaly: isAnomaly,
      prediction: isAnomaly ? -1 : 1,
      anomaly_score: Math.round((isAnomaly ? -rnd() : rnd()) * 1e6) / 1e6,
    });
    out.push({
      ...base,
      ...(i % 11 === 0 ? {} : { score }),
      // Most anomalies say their kind (records stored before kinds existed do not).
      ...(isAnomaly && i % 5 !== 0 ? { kind: ANOMALY_KINDS[i % ANOMALY_KINDS.length] } : {}),
      ...(tid === undefined ? {} : { template_id: tid, template: `template ${tid} <*> as of ${sec < 20 ? 'early' : 'late'}` }),
    });
  }
  // Fisher–Yates: storage order is not time order.
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Records written in this order as `around` must list them under `order`
 * (`StoreCapabilities.arrivalOrder`): by event time, then as written ('exact'), or then by
 * `stored_at` and normal before anomalous, as written within each ('per-file').
 */
export function arrivalReference(written: readonly ScoredRecord[], order: 'exact' | 'per-file'): ScoredRecord[] {
  const at = (r: ScoredRecord) => Date.parse(r.timestamp);
  // Array#sort is stable: ties keep the write order.
  return [...written].sort((a, b) => at(a) - at(b) || (order === 'exact' ? 0 : a.stored_at - b.stored_at || Number(a.is_anomaly) - Number(b.is_anomaly)));
}

export const keyOf = (r: ScoredRecord): SortKey => ({ ms: Date.parse(r.timestamp), id: r.id });
export const newestFirst = (a: ScoredRecord, b: ScoredRecord) => compareKeys(keyOf(b), keyOf(a));

/** What `templateStats` must answer, computed the obvious way. */
export function referenceTemplateStats(records: readonly ScoredRecord[], sinceMs = -Infinity, untilMs = Infinity): TemplateStat[] {
  const groups = new Map<number, ScoredRecord[]>();
  for (const r of records) {
    const ms = Date.parse(r.timestamp);
    if (r.template_id === undefined || ms < sinceMs || ms >= untilMs) continue;
    groups.set(r.template_id, [...(groups.get(r.template_id) ?? []), r]);
  }
  return [...groups]
    .map(([template_id, rs]) => {
      const sorted = [...rs].sort(newestFirst);
      const ms = rs.map((r) => Date.parse(r.timestamp));
      return {
        template_id,
        template: sorted.find((r) => r.template !== undefined)?.template ?? '',
        count: rs.length,
        anomalies: rs.filter((r) => r.is_anomaly).length,
        first_seen: new Date(Math.min(...ms)).toISOString(),
        last_seen: new Date(Math.max(...ms)).toISOString(),
      };
    })
    .sort((a, b) => b.count - a.count || a.template_id - b.template_id);
}

export function makeSession(id: string, endedMs: number, over: Partial<SessionRecord> = {}): SessionRecord {
  return {
    id,
    key: id.split('@')[0],
    line_ids: [`${id}-1`, `${id}-2`],
    line_count: 2,
    started_at: new Date(endedMs - 60_000).toISOString(),
    ended_at: new Date(endedMs).toISOString(),
    closed_by: 'idle',
    is_anomaly: true,
    anomaly_score: -0.2,
    score: 70,
    reason: 'unseen transition "A → B"',
    unseen_templates: ['E5 <*>'],
    model_version: 'v1',
    stored_at: endedMs + 1,
    ...over,
  };
}
