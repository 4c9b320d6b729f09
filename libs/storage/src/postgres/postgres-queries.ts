import { Page, ScoredRecord, SessionRecord, TemplateStat, TimeBucket } from '@logad/contracts';
import { Pool } from 'pg';
import { AroundParams } from '../query/around-params';
import { encodeCursor } from '../query/cursor';
import { RecordQueryParams } from '../query/record-query-params';
import { SessionQueryParams } from '../query/session-query-params';
import { SortKey } from '../query/sort-key';
import { TemplateQueryParams } from '../query/template-query-params';
import { TimeSeriesParams, emptyBuckets } from '../query/time-series-params';
import { pgTimestamp } from './pg-timestamp';
import { RECORD_SELECT, RecordRow, rowToRecord } from './record-rows';
import { SESSION_SELECT, SessionRow, rowToSession } from './session-rows';

/** Collects SQL parameters and hands out their `$n` placeholders. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast = ''): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
  at(ms: number): string {
    return this.add(pgTimestamp(ms), '::timestamptz');
  }
}

function windowSql(p: Params, column: string, sinceMs: number | undefined, untilMs: number | undefined): string[] {
  const where: string[] = [];
  if (sinceMs !== undefined) where.push(`${column} >= ${p.at(sinceMs)}`);
  if (untilMs !== undefined) where.push(`${column} < ${p.at(untilMs)}`);
  return where;
}

const and = (where: string[]) => (where.length ? `WHERE ${where.join(' AND ')}` : '');

function toPage<T extends { id: string }>(items: T[], limit: number, keyOf: (t: T) => SortKey): Page<T> {
  const more = items.length > limit;
  const page = more ? items.slice(0, limit) : items;
  return { items: page, next_cursor: more ? encodeCursor(keyOf(page[page.length - 1])) : null };
}

const recordKey = (r: ScoredRecord): SortKey => ({ ms: Date.parse(r.timestamp), id: r.id });

/** Records newest first; keyset pagination on `("timestamp", id)`, which the indexes serve in order. */
export async function pgQueryRecords(pool: Pool, q: RecordQueryParams): Promise<Page<ScoredRecord>> {
  const p = new Params();
  const where = windowSql(p, '"timestamp"', q.sinceMs, q.untilMs);
  // A literal, not a parameter: the planner then picks the (is_anomaly, timestamp) index for sure.
  if (q.kind !== 'all') where.push(`is_anomaly = ${q.kind === 'anomalous'}`);
  if (q.source !== undefined) where.push(`source = ${p.add(q.source)}`);
  if (q.level !== undefined) where.push(`level = ${p.add(q.level)}`);
  if (q.templateId !== undefined) where.push(`template_id = ${p.add(q.templateId)}`);
  if (q.anomalyKind !== undefined) where.push(`kind = ${p.add(q.anomalyKind)}`);
  if (q.after) {
    // The plain bound is redundant but prunes: PostgreSQL does not prune partitions on a row comparison.
    const at = p.at(q.after.ms);
    where.push(`"timestamp" <= ${at}`, `("timestamp", id) < (${at}, ${p.add(q.after.id)})`);
  }
  const sql = `SELECT ${RECORD_SELECT} FROM logad_records ${and(where)} ORDER BY "timestamp" DESC, id DESC LIMIT ${p.add(q.limit + 1)}`;
  const { rows } = await pool.query<RecordRow>(sql, p.values);
  return toPage(rows.map(rowToRecord), q.limit, recordKey);
}

export async function pgQuerySessions(pool: Pool, q: SessionQueryParams): Promise<Page<SessionRecord>> {
  const p = new Params();
  const where = windowSql(p, 'ended_at', q.sinceMs, q.untilMs);
  if (q.after) where.push(`(ended_at, id) < (${p.at(q.after.ms)}, ${p.add(q.after.id)})`);
  const sql = `SELECT ${SESSION_SELECT} FROM logad_sessions ${and(where)} ORDER BY ended_at DESC, id DESC LIMIT ${p.add(q.limit + 1)}`;
  const { rows } = await pool.query<SessionRow>(sql, p.values);
  return toPage(rows.map(rowToSession), q.limit, (s) => ({ ms: Date.parse(s.ended_at), id: s.id }));
}

interface TemplateRow {
  template_id: number;
  template: string;
  count: string;
  anomalies: string;
  first_ms: string;
  last_ms: string;
}

/**
 * Counts per template in one GROUP BY; the text of each of the top `limit` templates is then the
 * latest one in the window, read through the (template_id, timestamp) index (templates generalise
 * as the miner sees more lines).
 */
export async function pgTemplateStats(pool: Pool, q: TemplateQueryParams): Promise<TemplateStat[]> {
  const p = new Params();
  const since = q.sinceMs === undefined ? undefined : p.at(q.sinceMs);
  const until = q.untilMs === undefined ? undefined : p.at(q.untilMs);
  const source = q.source === undefined ? undefined : p.add(q.source);
  const window = (alias: string) => [
    ...(since ? [`${alias}"timestamp" >= ${since}`] : []),
    ...(until ? [`${alias}"timestamp" < ${until}`] : []),
    ...(source ? [`${alias}source = ${source}`] : []),
  ];
  const having = q.newSinceMs === undefined ? '' : `HAVING min("timestamp") >= ${p.at(q.newSinceMs)}`;
  const sql = `WITH s AS (
  SELECT template_id, count(*) AS count, count(*) FILTER (WHERE is_anomaly) AS anomalies,
         min("timestamp") AS first_seen, max("timestamp") AS last_seen
  FROM logad_records ${and(['template_id IS NOT NULL', ...window('')])}
  GROUP BY template_id ${having}
  ORDER BY count DESC, template_id ASC
  LIMIT ${p.add(q.limit)}
)
SELECT s.template_id, coalesce(t.template, '') AS template, s.count, s.anomalies,
       (extract(epoch FROM s.first_seen) * 1000)::int8 AS first_ms, (extract(epoch FROM s.last_seen) * 1000)::int8 AS last_ms
FROM s LEFT JOIN LATERAL (
  SELECT r.template FROM logad_records r
  ${and(['r.template_id = s.template_id', 'r.template IS NOT NULL', ...window('r.')])}
  ORDER BY r."timestamp" DESC, r.id DESC LIMIT 1
) t ON true
ORDER BY s.count DESC, s.template_id ASC`;
  const { rows } = await pool.query<TemplateRow>(sql, p.values);
  return rows.map((r) => ({
    template_id: r.template_id,
    template: r.template,
    count: Number(r.count),
    anomalies: Number(r.anomalies),
    first_seen: new Date(Number(r.first_ms)).toISOString(),
    last_seen: new Date(Number(r.last_ms)).toISOString(),
  }));
}

/**
 * The record of an id: `logad_record_ids` gives its timestamp, which picks its partition (pruned
 * at run time) and, with the id, one entry of `logad_records_time`.
 */
const FIND_BY_ID_SQL = `SELECT ${RECORD_SELECT}, arrival FROM logad_records
  WHERE id = $1 AND "timestamp" = (SELECT "timestamp" FROM logad_record_ids WHERE id = $1)`;

/**
 * The record, then its neighbours of the same source in (event time, arrival) order, through the
 * (source, timestamp, arrival) index: one range scan each side, over the partitions on that side.
 */
export async function pgAround(pool: Pool, q: AroundParams): Promise<ScoredRecord[]> {
  const found = await pool.query<ArrivalRow>(FIND_BY_ID_SQL, [q.id]);
  if (found.rows.length === 0) return [];
  const target = found.rows[0];
  if (q.before === 0 && q.after === 0) return [rowToRecord(target)];
  const p = new Params();
  const source = target.source === null ? 'source IS NULL' : `source = ${p.add(target.source)}`;
  const ts = p.at(Number(target.ts_ms));
  const at = `(${ts}, ${p.add(target.arrival)}::int8)`;
  const sql = `(SELECT ${RECORD_SELECT}, arrival FROM logad_records WHERE ${source} AND "timestamp" <= ${ts} AND ("timestamp", arrival) < ${at}
  ORDER BY "timestamp" DESC, arrival DESC LIMIT ${p.add(q.before)})
UNION ALL
(SELECT ${RECORD_SELECT}, arrival FROM logad_records WHERE ${source} AND "timestamp" >= ${ts} AND ("timestamp", arrival) > ${at}
  ORDER BY "timestamp" ASC, arrival ASC LIMIT ${p.add(q.after)})`;
  const { rows } = await pool.query<ArrivalRow>(sql, p.values);
  // int8 comes back as text; arrival values stay far below 2^53.
  const byArrival = (a: ArrivalRow, b: ArrivalRow) => Number(a.ts_ms) - Number(b.ts_ms) || Number(a.arrival) - Number(b.arrival);
  return [...rows, target].sort(byArrival).map(rowToRecord);
}

/** A row with its arrival sequence. */
interface ArrivalRow extends RecordRow {
  arrival: string;
}

/** Counts per bucket in one GROUP BY over the window, which the ("timestamp", id) index bounds. */
export async function pgTimeSeries(pool: Pool, q: TimeSeriesParams): Promise<TimeBucket[]> {
  const p = new Params();
  const since = p.at(q.sinceMs);
  const until = p.at(q.untilMs);
  // Whole milliseconds, as the JSON adapter sees them: timestamptz keeps microseconds.
  const sql = `SELECT ((floor(extract(epoch FROM "timestamp") * 1000)::int8 - ${p.add(q.sinceMs)}::int8) / ${p.add(q.bucketMs)}::int8)::int AS bucket,
       count(*) AS logs, count(*) FILTER (WHERE is_anomaly) AS anomalies
FROM logad_records WHERE "timestamp" >= ${since} AND "timestamp" < ${until}${q.source === undefined ? '' : ` AND source = ${p.add(q.source)}`}
GROUP BY bucket`;
  const { rows } = await pool.query<{ bucket: number; logs: string; anomalies: string }>(sql, p.values);
  const buckets = emptyBuckets(q);
  for (const r of rows) {
    const b = buckets[r.bucket];
    if (!b) continue;
    b.logs = Number(r.logs);
    b.anomalies = Number(r.anomalies);
  }
  return buckets;
}
