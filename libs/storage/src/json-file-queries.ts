import { Page, RecordQuery, ScoredRecord, SessionQuery, SessionRecord, TemplateQuery, TemplateStat, TimeBucket, TimeSeriesQuery } from '@logad/contracts';
import { StorageInvalidQueryError } from './errors/storage-invalid-query.error';
import { StorageQueryError } from './errors/storage-query.error';
import { idOfLine } from './json-lines-file';
import { listStoreFiles } from './list-store-files';
import { aroundParams } from './query/around-params';
import { encodeCursor } from './query/cursor';
import { recordQueryParams } from './query/record-query-params';
import { sessionQueryParams } from './query/session-query-params';
import { SortKey, compareKeys } from './query/sort-key';
import { templateQueryParams } from './query/template-query-params';
import { emptyBuckets, timeSeriesParams } from './query/time-series-params';
import { TopK } from './query/top-k';
import { scanLines } from './scan-lines';
import { timestampOfLine } from './timestamp-of-line';

/** The files {@link JsonFileQueries} reads. */
export interface JsonStoreFiles {
  readonly dir: string;
  readonly normalFile: string;
  readonly anomalousFile: string;
  readonly sessionsFile: string;
}

interface Hit<T> extends SortKey {
  readonly item: T;
}

interface TemplateAcc {
  template: string;
  templateKey?: SortKey;
  count: number;
  anomalies: number;
  first: number;
  last: number;
}

const hitKey = (h: SortKey) => `${h.ms} ${h.id}`;
const byKeyDesc = (a: SortKey, b: SortKey) => compareKeys(b, a);

/**
 * The query API over JSON Lines stores: every query streams the files of the stores it needs,
 * rotated ones included, and keeps only the best `limit` matches in a heap. Cost is a full read of
 * those files per query (no index); memory is one page (templateStats: one entry per template).
 */
export class JsonFileQueries {
  constructor(private readonly files: JsonStoreFiles) {}

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
      for (const file of await this.recordFiles('all')) {
        await scanLines(file, (line) => {
          if (!line.includes('"template_id":')) return;
          const r = parseLine<ScoredRecord>(line);
          if (!r || typeof r.template_id !== 'number' || typeof r.timestamp !== 'string') return;
          const ms = Date.parse(r.timestamp);
          if (Number.isNaN(ms)) return;
          if (p.sinceMs !== undefined && ms < p.sinceMs) return;
          if (p.untilMs !== undefined && ms >= p.untilMs) return;
          if (p.source !== undefined && r.source !== p.source) return;
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

  async around(id: string, before: number, after: number): Promise<ScoredRecord[]> {
    const p = aroundParams(id, before, after);
    return this.guard('around', async () => {
      const target = await this.find(p.id);
      if (!target) return [];
      const at = { ms: Date.parse(target.timestamp), id: target.id };
      if (Number.isNaN(at.ms)) return [target];
      const source = target.source ?? null;
      // No prefilter for a null source: a line may also leave the key out.
      const needle = source === null ? undefined : `"source":${JSON.stringify(source)}`;
      const earlier = new TopK<Hit<ScoredRecord>>(p.before, compareKeys, hitKey);
      const later = new TopK<Hit<ScoredRecord>>(p.after, byKeyDesc, hitKey);
      for (const file of await this.recordFiles('all')) {
        await scanLines(file, (line) => {
          if (needle !== undefined && !line.includes(needle)) return;
          const r = parseLine<ScoredRecord>(line);
          if (!r || (r.source ?? null) !== source || typeof r.timestamp !== 'string') return;
          const hit = { ms: Date.parse(r.timestamp), id: r.id, item: r };
          if (Number.isNaN(hit.ms)) return;
          const c = compareKeys(hit, at);
          if (c < 0) earlier.offer(hit);
          else if (c > 0) later.offer(hit);
        });
      }
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
      for (const file of await this.recordFiles('all')) {
        await scanLines(file, (line) => {
          const quick = timestampOfLine(line);
          if (quick !== undefined && !(quick >= p.sinceMs && quick < p.untilMs)) return;
          const r = parseLine<ScoredRecord>(line);
          if (!r || typeof r.timestamp !== 'string') return;
          const ms = Date.parse(r.timestamp);
          if (!(ms >= p.sinceMs && ms < p.untilMs)) return;
          if (p.source !== undefined && r.source !== p.source) return;
          const b = buckets[Math.floor((ms - p.sinceMs) / p.bucketMs)];
          b.logs++;
          if (r.is_anomaly === true) b.anomalies++;
        });
      }
      return buckets;
    });
  }

  /** The record with this id; anomalous files first (a click is on an anomaly), newest files first. */
  private async find(id: string): Promise<ScoredRecord | undefined> {
    let found: ScoredRecord | undefined;
    for (const name of [this.files.anomalousFile, this.files.normalFile]) {
      for (const file of (await listStoreFiles(this.files.dir, name)).reverse()) {
        await scanLines(file, (line) => {
          if (idOfLine(line) !== id) return;
          found = parseLine<ScoredRecord>(line);
          return found === undefined;
        });
        if (found) return found;
      }
    }
    return undefined;
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
