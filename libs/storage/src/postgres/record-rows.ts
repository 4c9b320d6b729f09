import { ScoredRecord } from '@logad/contracts';
import { StorageInvalidRecordError } from '../errors/storage-invalid-record.error';
import { pgTimestamp } from './pg-timestamp';

/**
 * Where each field of a record lives. Typed over every key of `ScoredRecord`: a field added to
 * the contract fails compilation here until it has a column (and a migration).
 */
export const RECORD_FIELD_COLUMNS: Readonly<Record<keyof ScoredRecord, string>> = {
  id: 'id',
  timestamp: 'timestamp',
  source: 'source',
  level: 'level',
  message: 'message',
  anomaly_score: 'anomaly_score',
  is_anomaly: 'is_anomaly',
  prediction: 'prediction',
  model_version: 'model_version',
  score: 'score',
  template: 'template',
  template_id: 'template_id',
  attributes: 'attributes',
  request_id: 'request_id',
  received_at: 'received_at',
  stored_at: 'stored_at',
  muted: 'muted',
  kind: 'kind',
  reason: 'reason',
};

/** The columns of `logad_records` in insert order; {@link recordColumns} fills one array each. */
export const RECORD_COLUMNS = [
  ['id', 'text'],
  ['"timestamp"', 'timestamptz'],
  ['source', 'text'],
  ['level', 'text'],
  ['message', 'text'],
  ['anomaly_score', 'float8'],
  ['is_anomaly', 'bool'],
  ['prediction', 'int2'],
  ['model_version', 'text'],
  ['score', 'float8'],
  ['template', 'text'],
  ['template_id', 'int4'],
  ['attributes', 'jsonb'],
  ['attributes_text', 'text'],
  ['request_id', 'text'],
  ['received_at', 'int8'],
  ['stored_at', 'int8'],
  ['muted', 'bool'],
  ['kind', 'text'],
  ['reason', 'text'],
] as const;

const COLUMN_LIST = RECORD_COLUMNS.map(([c]) => c).join(', ');

/**
 * One statement per batch: arrays unnested server-side, so 1000 rows are one round trip and one
 * parameter per column. The ids go to `logad_record_ids` first; only those new there go on to the
 * partitioned `logad_records`, in the batch's order (which numbers their `arrival`). One statement
 * is one transaction: a failure stores neither.
 */
export const INSERT_RECORDS_SQL = `WITH input AS (
  SELECT * FROM unnest(${RECORD_COLUMNS.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ')}) WITH ORDINALITY AS u(${COLUMN_LIST}, ord)
), fresh AS (
  INSERT INTO logad_record_ids (id, "timestamp") SELECT id, "timestamp" FROM input
  ON CONFLICT (id) DO NOTHING RETURNING id
)
INSERT INTO logad_records (${COLUMN_LIST})
SELECT ${COLUMN_LIST} FROM input WHERE id COLLATE "C" IN (SELECT id FROM fresh) ORDER BY ord`;

/** The UTC days (days since 1970-01-01) of the records' timestamps, as {@link recordColumns} checked them. */
export function recordDays(records: readonly ScoredRecord[]): Set<number> {
  return new Set(records.map((r) => Math.floor(Date.parse(r.timestamp) / 86_400_000)));
}

/** What queries select: the timestamp as exact epoch ms, attributes as JSON text from either column. */
export const RECORD_SELECT = `id, (extract(epoch FROM "timestamp") * 1000)::int8 AS ts_ms, source, level, message, anomaly_score,
is_anomaly, prediction, model_version, score, template, template_id, coalesce(attributes::text, attributes_text) AS attributes_json,
request_id, received_at, stored_at, muted, kind, reason`;

/** A row as {@link RECORD_SELECT} returns it (int8 comes back as a string). */
export interface RecordRow {
  id: string;
  ts_ms: string;
  source: string | null;
  level: ScoredRecord['level'];
  message: string;
  anomaly_score: number;
  is_anomaly: boolean;
  prediction: -1 | 1;
  model_version: string;
  score: number | null;
  template: string | null;
  template_id: number | null;
  attributes_json: string | null;
  request_id: string | null;
  received_at: string;
  stored_at: string;
  muted: boolean | null;
  kind: ScoredRecord['kind'] | null;
  reason: string | null;
}

// jsonb refuses \u0000 and unpaired surrogates; JSON.stringify writes only those (and a literal
// backslash before "u0000"/"ud8.."), as escapes: such attributes go to the text column instead.
const JSONB_UNSAFE = /\\u(?:0000|d[89a-f])/i;

/** Column arrays for {@link INSERT_RECORDS_SQL}; throws `StorageInvalidRecordError` for a record PostgreSQL cannot hold. */
export function recordColumns(records: readonly ScoredRecord[]): unknown[][] {
  const cols: unknown[][] = RECORD_COLUMNS.map(() => new Array(records.length));
  records.forEach((r, i) => {
    const ms = Date.parse(r.timestamp);
    if (Number.isNaN(ms)) throw new StorageInvalidRecordError(`write: record ${r.id} has a timestamp that does not parse: ${JSON.stringify(r.timestamp)}`);
    for (const [field, value] of [
      ['id', r.id],
      ['source', r.source],
      ['message', r.message],
      ['model_version', r.model_version],
      ['template', r.template],
      ['request_id', r.request_id],
      ['reason', r.reason],
    ] as const) {
      if (typeof value === 'string' && value.includes('\u0000')) {
        throw new StorageInvalidRecordError(`write: record ${r.id} has a NUL character in ${field}, which PostgreSQL text cannot hold`);
      }
    }
    const attrs = r.attributes == null ? null : JSON.stringify(r.attributes);
    const safe = attrs !== null && !JSONB_UNSAFE.test(attrs);
    const values = [
      r.id,
      pgTimestamp(ms),
      r.source ?? null,
      r.level ?? null,
      r.message,
      r.anomaly_score,
      r.is_anomaly,
      r.prediction,
      r.model_version,
      r.score ?? null,
      r.template ?? null,
      r.template_id ?? null,
      safe ? attrs : null,
      safe ? null : attrs,
      r.request_id ?? null,
      r.received_at,
      r.stored_at,
      r.muted ?? null,
      r.kind ?? null,
      r.reason ?? null,
    ];
    for (let c = 0; c < values.length; c++) cols[c][i] = values[c];
  });
  return cols;
}

/** A selected row back as the record it was written from (absent optional fields stay absent). */
export function rowToRecord(row: RecordRow): ScoredRecord {
  return {
    id: row.id,
    timestamp: new Date(Number(row.ts_ms)).toISOString(),
    source: row.source,
    level: row.level,
    message: row.message,
    anomaly_score: row.anomaly_score,
    is_anomaly: row.is_anomaly,
    prediction: row.prediction,
    model_version: row.model_version,
    ...(row.score === null ? {} : { score: row.score }),
    ...(row.template === null ? {} : { template: row.template }),
    ...(row.template_id === null ? {} : { template_id: row.template_id }),
    ...(row.attributes_json === null ? {} : { attributes: JSON.parse(row.attributes_json) as Record<string, unknown> }),
    ...(row.request_id === null ? {} : { request_id: row.request_id }),
    received_at: Number(row.received_at),
    stored_at: Number(row.stored_at),
    ...(row.muted ? { muted: true } : {}),
    ...(row.kind == null ? {} : { kind: row.kind }),
    ...(row.reason == null ? {} : { reason: row.reason }),
  };
}
