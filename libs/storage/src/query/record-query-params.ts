import { ANOMALY_KINDS, AnomalyKind, LOG_LEVELS, LogLevel, RecordKind, RecordQuery } from '@logad/contracts';
import { StorageInvalidQueryError } from '../errors/storage-invalid-query.error';
import { decodeCursor } from './cursor';
import { queryInstant, queryLimit } from './query-args';
import { SortKey } from './sort-key';

/** A checked {@link RecordQuery}: defaults applied, instants in epoch ms, cursor decoded. */
export interface RecordQueryParams {
  readonly kind: RecordKind;
  readonly sinceMs?: number;
  readonly untilMs?: number;
  readonly source?: string;
  readonly level?: LogLevel;
  readonly templateId?: number;
  readonly anomalyKind?: AnomalyKind;
  readonly limit: number;
  /** Only records strictly before this key (the previous page's last). */
  readonly after?: SortKey;
}

const KINDS: readonly RecordKind[] = ['anomalous', 'normal', 'all'];

/** Checks a record query; throws `StorageInvalidQueryError` naming the broken argument. */
export function recordQueryParams(q: RecordQuery | undefined): RecordQueryParams {
  const fn = 'queryRecords';
  const query = q ?? {};
  const kind = query.kind ?? 'anomalous';
  if (!KINDS.includes(kind)) throw new StorageInvalidQueryError(`${fn}: kind must be one of ${KINDS.join(', ')}, got ${String(kind)}`);
  if (query.source != null && typeof query.source !== 'string') throw new StorageInvalidQueryError(`${fn}: source must be a string`);
  if (query.level != null && !LOG_LEVELS.includes(query.level)) {
    throw new StorageInvalidQueryError(`${fn}: level must be one of ${LOG_LEVELS.join(', ')}, got ${String(query.level)}`);
  }
  if (query.templateId != null && !(Number.isInteger(query.templateId) && Math.abs(query.templateId) <= 2 ** 31 - 1)) {
    throw new StorageInvalidQueryError(`${fn}: templateId must be a 32-bit integer, got ${String(query.templateId)}`);
  }
  if (query.anomalyKind != null && !ANOMALY_KINDS.includes(query.anomalyKind)) {
    throw new StorageInvalidQueryError(`${fn}: anomalyKind must be one of ${ANOMALY_KINDS.join(', ')}, got ${String(query.anomalyKind)}`);
  }
  if (query.cursor != null && typeof query.cursor !== 'string') throw new StorageInvalidQueryError(`${fn}: cursor must be a string`);
  return {
    kind,
    sinceMs: queryInstant(query.since, fn, 'since'),
    untilMs: queryInstant(query.until, fn, 'until'),
    source: query.source ?? undefined,
    level: query.level ?? undefined,
    templateId: query.templateId ?? undefined,
    anomalyKind: query.anomalyKind ?? undefined,
    limit: queryLimit(query.limit, fn),
    after: query.cursor == null ? undefined : decodeCursor(query.cursor, fn),
  };
}
