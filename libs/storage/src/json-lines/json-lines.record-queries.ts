import { Page, RecordQuery, ScoredRecord, SessionQuery, SessionRecord, TemplateQuery, TemplateStat, TimeBucket, TimeSeriesQuery } from '@logad/contracts';
import { StorageInvalidQueryError } from '../errors/storage-invalid-query.error';
import { StorageQueryError } from '../errors/storage-query.error';
import { RecordQueries } from '../ports/record-queries';
import { aroundParams } from '../query/around-params';
import { encodeCursor } from '../query/cursor';
import { recordQueryParams } from '../query/record-query-params';
import { sessionQueryParams } from '../query/session-query-params';
import { SortKey, compareKeys } from '../query/sort-key';
import { templateQueryParams } from '../query/template-query-params';
import { emptyBuckets, timeSeriesParams } from '../query/time-series-params';
import { TopK } from '../query/top-k';
import { ArrivalKey, compareArrival } from './arrival-key';
import { idOfLine } from './json-lines-file';
import { isSegmentFile, listStoreFiles } from './list-store-files';
import { scanLines } from './scan-lines';
import { timestampOfLine } from './timestamp-of-line';

/** The files {@link JsonLinesRecordQueries} reads. */
export interface JsonStoreFiles {
  readonly dir: string;
  readonly normalFile: string;
  readonly anomalousFile: string;
  readonly sessionsFile: string;
}

/** The record files of a store, listed once per query: rotated ones oldest first, the live one last. */
interface RecordFiles {
  readonly normal: string[];
  readonly anomalous: string[];
}

interface Hit<T> extends SortKey {
  readonly item: T;
}

/** A record with where it happened, for `around`. */
interface Placed {
  readonly at: ArrivalKey;
  readonly item: ScoredRecord;
}

/** Where a line lies: its kind of file, the file's place in rotation order, its line number. */
interface LineWhere {
  readonly anomalous: boolean;
  readonly file: number;
  readonly line: number;
}

const arrivalKeyOf = (r: ScoredRecord, w: LineWhere): ArrivalKey => ({
  ms: Date.parse(r.timestamp),
  storedAt: typeof r.stored_at === 'number' ? r.stored_at : 0,
  anomalous: w.anomalous,
  file: w.file,
  line: w.line,
});

interface TemplateAcc {
  template: string;
  templateKey?: SortKey;
  count: number;
  anomalies: number;
  first: number;
  last: number;
}

const hitKey = (h: SortKey) => `${h.ms} ${h.id}`;

/**
 * The query API over JSON Lines stores: every query streams the files of the stores it needs,
 * rotated ones included, and keeps only the best `limit` matches in a heap. Cost is a full read of
 * those files per query (no index); memory is one page (templateStats: one entry per template).
 */
export class JsonLinesRecordQueries extends RecordQueries {
  constructor(private readonly files: JsonStoreFiles) {
    super();
  }

  async queryRecords(q: RecordQuery): Promise<Page<ScoredRecord>> {
    const p = recordQueryParams(q);
    return this.guard('queryRecords', async () => {
      // Fast rejects on the raw line: serializeRecord writes these fields exactly like this.
      const needles: string[] = [];
      if (p.source !== undefined) needles.push(`"source":${JSON.stringify(p.source)}`);
      if (p.level !== undefined) needles.push(`"level":"${p.level}"`);
      const top = new TopK<Hit<ScoredRecord>>(p.limit + 1, compareKeys, hitKey);
      for (const file of await this.recordFiles(p.kind)) {
        await scanLines(file, (line) => {
          for (const n of needles) if (!line.includes(n)) return;
          const r = parseLine<ScoredRecord>(line);
          if (!r || typeof r.timestamp !== 'string') return;
          const ms = Date.parse(r.timestamp);
          if (Number.isNaN(ms)) return;
          if (p.sinceMs !== undefined && ms < p.sinceMs) return;
          if (p.untilMs !== undefined && ms >= p.untilMs) return;
          if (p.source !== undefined && r.source !== p.source) return;
          if (p.level !== undefined && r.level !== p.level) return;
          if (p.templateId !== undefined && r.template_id !== p.templateId) return;
          if (p.anomalyKind !== undefined && r.kind !== p.anomalyKind) return;
          const hit = { ms, id: r.id, item: r };
          if (p.after && compareKeys(hit, p.after) >= 0) return;
          top.offer(hit);
        });
      }
      return page(top.sortedDesc(), p.limit);
    });
  }

  async querySessions(q: SessionQuery): Promise<Page<SessionRecord>> {
    const p = sessionQueryParams(q);
    return this.guard('querySessions', async () => {
      const top = new TopK<Hit<SessionRecord>>(p.limit + 1, compareKeys, hitKey);
      for (const file of await listStoreFiles(this.files.dir, this.files.sessionsFile)) {
        await scanLines(file, (line) => {
          const s = parseLine<SessionRecord>(line);
          if (!s || typeof s.ended_at !== 'string') return;
          const ms = Date.parse(s.ended_at);
          if (Number.isNaN(ms)) return;
          if (p.sinceMs !== undefined && ms < p.sinceMs) return;
          if (p.untilMs !== undefined && ms >= p.untilMs) return;
          const hit = { ms, id: s.id, item: s };
          if (p.after && compareKeys(hit, p.after) >= 0) return;
          top.offer(hit);
        });
      }
      return page(top.sortedDesc(), p.limit);
    });
  }

  async templateStats(q: TemplateQuery): Promise<TemplateStat[]> {
    const p = templateQueryParams(q);
    return this.guard('templateStats', async () => {
      const stats = new Map<number, TemplateAcc>();
      const files = await this.recordFiles('all');
      const first = this.firstCopy(files);
      for (const file of files) {
        await scanLines(file, (line) => {
          if (!line.includes('"template_id":')) return;
          const r = parseLine<ScoredRecord>(line);
          if (!r || typeof r.template_id !== 'number' || typeof r.timestamp !== 'string') return;
          const ms = Date.parse(r.timestamp);
          if (Number.isNaN(ms)) return;
          if (p.sinceMs !== undefined && ms < p.sinceMs) return;
          if (p.untilMs !== undefined && ms >= p.untilMs) return;
          if (p.source !== undefined && r.source !== p.source) return;
          if (!first(r.id)) return;
          let s = stats.get(r.template_id);
          if (!s) stats.set(r.template_id, (s = { template: '', count: 0, anomalies: 0, first: ms, last: ms }));
          s.count++;
          if (r.is_anomaly) s.anomalies++;
          if (ms < s.first) s.first = ms;
          if (ms > s.last) s.last = ms;
          const rk = { ms, id: r.id };
          if (typeof r.template === 'string' && (!s.templateKey || compareKeys(rk, s.templateKey) > 0)) {
            s.template = r.template;
            s.templateKey = rk;
          }
        });
      }
      return [...stats]
        .filter(([, s]) => p.newSinceMs === undefined || s.first >= p.newSinceMs)
        .sort(([ia, a], [ib, b]) => b.count - a.count || ia - ib)
        .slice(0, p.limit)
        .map(([template_id, s]) => ({
          template_id,
          template: s.template,
          count: s.count,
          anomalies: s.anomalies,
          first_seen: new Date(s.first).toISOString(),
          last_seen: new Date(s.last).toISOString(),
        }));
    });
  }

  /**
   * Two reads: the target (anomalous files first, newest first), then every record file for its
   * neighbours, each placed by its {@link ArrivalKey} (event time, then where it was written).
   */
  async around(id: string, before: number, after: number): Promise<ScoredRecord[]> {
    const p = aroundParams(id, before, after);
    return this.guard('around', async () => {
      const files = await this.listRecordFiles();
      const found = await this.find(files, p.id);
      if (!found) return [];
      const { record: target, at } = found;
      if (Number.isNaN(at.ms)) return [target];
      const source = target.source ?? null;
      // No prefilter for a null source: a line may also leave the key out.
      const needle = source === null ? undefined : `"source":${JSON.stringify(source)}`;
      const byId = (h: Placed) => h.item.id;
      const earlier = new TopK<Placed>(p.before, (a, b) => compareArrival(a.at, b.at), byId);
      const later = new TopK<Placed>(p.after, (a, b) => compareArrival(b.at, a.at), byId);
      await this.scanRecordFiles(files, (line, where) => {
        if (needle !== undefined && !line.includes(needle)) return;
        const r = parseLine<ScoredRecord>(line);
        if (!r || r.id === target.id || (r.source ?? null) !== source || typeof r.timestamp !== 'string') return;
        const hit = { at: arrivalKeyOf(r, where), item: r };
        if (Number.isNaN(hit.at.ms)) return;
        const c = compareArrival(hit.at, at);
        if (c < 0) earlier.offer(hit);
        else if (c > 0) later.offer(hit);
      });
      return [
        ...earlier
          .sortedDesc()
          .reverse()
          .map((h) => h.item),
        target,
        ...later.sortedDesc().map((h) => h.item),
      ];
    });
  }

  /**
   * Counts per bucket. Lines whose timestamp falls outside the window are skipped without a parse
   * (a window of an hour in a store of days reads fast); the others are parsed and checked.
   */
  async timeSeries(q: TimeSeriesQuery): Promise<TimeBucket[]> {
    const p = timeSeriesParams(q);
    return this.guard('timeSeries', async () => {
      const buckets = emptyBuckets(p);
      const files = await this.recordFiles('all');
      const first = this.firstCopy(files);
      for (const file of files) {
        await scanLines(file, (line) => {
          const quick = timestampOfLine(line);
          if (quick !== undefined && !(quick >= p.sinceMs && quick < p.untilMs)) return;
          const r = parseLine<ScoredRecord>(line);
          if (!r || typeof r.timestamp !== 'string') return;
          const ms = Date.parse(r.timestamp);
          if (!(ms >= p.sinceMs && ms < p.untilMs)) return;
          if (p.source !== undefined && r.source !== p.source) return;
          if (!first(r.id)) return;
          const b = buckets[Math.floor((ms - p.sinceMs) / p.bucketMs)];
          b.logs++;
          if (r.is_anomaly === true) b.anomalies++;
        });
      }
      return buckets;
    });
  }

  /** The record with this id and where it lies; anomalous files first (a click is on an anomaly), newest files first. */
  private async find(files: RecordFiles, id: string): Promise<{ record: ScoredRecord; at: ArrivalKey } | undefined> {
    for (const kind of ['anomalous', 'normal'] as const) {
      const list = files[kind];
      for (let file = list.length - 1; file >= 0; file--) {
        let found: ScoredRecord | undefined;
        let line = 0;
        await scanLines(list[file], (text) => {
          line++;
          if (idOfLine(text) !== id) return;
          found = parseLine<ScoredRecord>(text);
          return found === undefined;
        });
        if (found) return { record: found, at: arrivalKeyOf(found, { anomalous: kind === 'anomalous', file, line }) };
      }
    }
    return undefined;
  }

  private async listRecordFiles(): Promise<RecordFiles> {
    const { dir, normalFile, anomalousFile } = this.files;
    return { normal: await listStoreFiles(dir, normalFile), anomalous: await listStoreFiles(dir, anomalousFile) };
  }

  /** Every line of the record files with where it lies (line numbers count as {@link find} counts them). */
  private async scanRecordFiles(files: RecordFiles, visit: (line: string, where: LineWhere) => void): Promise<void> {
    for (const kind of ['anomalous', 'normal'] as const) {
      const list = files[kind];
      for (let file = 0; file < list.length; file++) {
        const where = { anomalous: kind === 'anomalous', file, line: 0 };
        await scanLines(list[file], (text) => {
          where.line++;
          visit(text, where);
        });
      }
    }
  }

  /**
   * For counts: whether this is the first copy of an id seen in this query. Only a store with
   * segments can hold one log twice (two writers' files, docs/guarantees.md); it costs a set of
   * the ids matched by the query. Pages need none: their heap keeps one copy per id and time.
   */
  private firstCopy(files: readonly string[]): (id: string) => boolean {
    const { normalFile, anomalousFile } = this.files;
    if (!files.some((f) => isSegmentFile(f, normalFile) || isSegmentFile(f, anomalousFile))) return () => true;
    const seen = new Set<string>();
    return (id) => {
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    };
  }

  private async recordFiles(kind: 'anomalous' | 'normal' | 'all'): Promise<string[]> {
    const { dir, normalFile, anomalousFile } = this.files;
    const out: string[] = [];
    if (kind !== 'normal') out.push(...(await listStoreFiles(dir, anomalousFile)));
    if (kind !== 'anomalous') out.push(...(await listStoreFiles(dir, normalFile)));
    return out;
  }

  private async guard<T>(fn: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof StorageInvalidQueryError) throw err;
      throw new StorageQueryError(`${fn}: could not read ${this.files.dir}: ${(err as Error).message}`, { cause: err });
    }
  }
}

function parseLine<T>(line: string): T | undefined {
  try {
    const v: unknown = JSON.parse(line);
    return typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string' ? (v as T) : undefined;
  } catch {
    return undefined; // torn or foreign line
  }
}

function page<T>(hits: Hit<T>[], limit: number): Page<T> {
  const more = hits.length > limit;
  const items = more ? hits.slice(0, limit) : hits;
  return { items: items.map((h) => h.item), next_cursor: more ? encodeCursor(items[items.length - 1]) : null };
}
