import { SessionRecord } from '@logad/contracts';
import { StorageInvalidRecordError } from '../errors/storage-invalid-record.error';
import { pgTimestamp } from './pg-timestamp';

/** Where each field of a session lives; a field added to `SessionRecord` fails compilation here. */
export const SESSION_FIELD_COLUMNS: Readonly<Record<keyof SessionRecord, string>> = {
  id: 'id',
  key: 'key',
  line_ids: 'line_ids',
  line_count: 'line_count',
  started_at: 'started_at',
  ended_at: 'ended_at',
  closed_by: 'closed_by',
  is_anomaly: 'is_anomaly',
  anomaly_score: 'anomaly_score',
  score: 'score',
  reason: 'reason',
  unseen_templates: 'unseen_templates',
  model_version: 'model_version',
  stored_at: 'stored_at',
};

const SESSION_COLUMNS = [
  ['id', 'text'],
  ['key', 'text'],
  ['line_ids', 'text[]'],
  ['line_count', 'int4'],
  ['started_at', 'timestamptz'],
  ['ended_at', 'timestamptz'],
  ['closed_by', 'text'],
  ['is_anomaly', 'bool'],
  ['anomaly_score', 'float8'],
  ['score', 'float8'],
  ['reason', 'text'],
  ['unseen_templates', 'text[]'],
  ['model_version', 'text'],
  ['stored_at', 'int8'],
] as const;

/**
 * One multi-row INSERT for `n` sessions (sessions carry arrays, which `unnest` would flatten).
 * 14 parameters a row: keep `n` under 4,000 (PostgreSQL takes at most 65,535 parameters).
 */
export function insertSessionsSql(n: number): string {
  const w = SESSION_COLUMNS.length;
  const rows = Array.from({ length: n }, (_, r) => `(${SESSION_COLUMNS.map(([, t], c) => `$${r * w + c + 1}::${t}`).join(', ')})`);
  return `INSERT INTO logad_sessions (${SESSION_COLUMNS.map(([c]) => c).join(', ')}) VALUES ${rows.join(',\n')} ON CONFLICT (id) DO NOTHING`;
}

export const SESSION_SELECT = `id, key, line_ids, line_count, (extract(epoch FROM started_at) * 1000)::int8 AS started_ms,
(extract(epoch FROM ended_at) * 1000)::int8 AS ended_ms, closed_by, is_anomaly, anomaly_score, score, reason, unseen_templates,
model_version, stored_at`;

export interface SessionRow {
  id: string;
  key: string;
  line_ids: string[];
  line_count: number;
  started_ms: string;
  ended_ms: string;
  closed_by: SessionRecord['closed_by'];
  is_anomaly: boolean;
  anomaly_score: number;
  score: number;
  reason: string;
  unseen_templates: string[];
  model_version: string;
  stored_at: string;
}

function instant(s: SessionRecord, field: 'started_at' | 'ended_at'): string {
  const ms = Date.parse(s[field]);
  if (Number.isNaN(ms)) throw new StorageInvalidRecordError(`writeSessions: session ${s.id} has a ${field} that does not parse: ${JSON.stringify(s[field])}`);
  return pgTimestamp(ms);
}

/** Parameters for {@link insertSessionsSql}, row after row; throws `StorageInvalidRecordError` for what PostgreSQL cannot hold. */
export function sessionParams(sessions: readonly SessionRecord[]): unknown[] {
  const out: unknown[] = [];
  for (const s of sessions) {
    const texts = [s.id, s.key, s.reason, s.model_version, ...s.line_ids, ...s.unseen_templates];
    if (texts.some((t) => typeof t === 'string' && t.includes('\u0000'))) {
      throw new StorageInvalidRecordError(`writeSessions: session ${JSON.stringify(s.id)} has a NUL character, which PostgreSQL text cannot hold`);
    }
    out.push(
      s.id,
      s.key,
      s.line_ids,
      s.line_count,
      instant(s, 'started_at'),
      instant(s, 'ended_at'),
      s.closed_by,
      s.is_anomaly,
      s.anomaly_score,
      s.score,
      s.reason,
      s.unseen_templates,
      s.model_version,
      s.stored_at,
    );
  }
  return out;
}

export function rowToSession(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    key: row.key,
    line_ids: row.line_ids,
    line_count: row.line_count,
    started_at: new Date(Number(row.started_ms)).toISOString(),
    ended_at: new Date(Number(row.ended_ms)).toISOString(),
    closed_by: row.closed_by,
    is_anomaly: row.is_anomaly,
    anomaly_score: row.anomaly_score,
    score: row.score,
    reason: row.reason,
    unseen_templates: row.unseen_templates,
    model_version: row.model_version,
    stored_at: Number(row.stored_at),
  };
}
