import { ScoredRecord, SessionRecord } from '@logad/contracts';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { StorageNotOpenError } from '../errors/storage-not-open.error';
import { StorageWriteError } from '../errors/storage-write.error';
import { RecordSink, WriteResult } from '../ports/record-sink';
import { FileLock } from './file-lock';
import { ResolvedJsonLinesOptions } from './json-lines-store.options';
import { JsonLinesFile } from './json-lines-file';
import { listStoreFiles } from './list-store-files';
import { RecentIdSet } from './recent-id-set';
import { serializeRecord } from './serialize-record';

/**
 * Appends scored records as JSON Lines to `normal_logs.jsonl` and `anomalous_logs.jsonl` (sessions
 * to `anomalous_sessions.jsonl`), in the order they come: a file's line order is the arrival order.
 * Several processes may share the directory: before each write, the lines others appended are
 * read to learn their ids, so a redelivered record is not written twice.
 */
export class JsonLinesRecordSink extends RecordSink {
  private normal?: JsonLinesFile;
  private anomalous?: JsonLinesFile;
  private sessions?: JsonLinesFile;
  private readonly seenSessions = new RecentIdSet(100_000);
  private readonly seen: RecentIdSet;
  // Writes run one after another so that catch-up and append see a consistent file.
  private tail: Promise<unknown> = Promise.resolve();
  private readonly lock: FileLock;
  /** Torn lines found and closed when the files were opened. */
  repairedTornLines = 0;
  /** Files this instance moved aside, oldest first. */
  readonly rotated: string[] = [];

  constructor(private readonly opts: ResolvedJsonLinesOptions) {
    super();
    this.seen = new RecentIdSet(this.opts.dedupeWindow);
    this.lock = new FileLock(join(this.opts.dir, '.logad-write.lock'));
  }

  get normalPath(): string {
    return join(this.opts.dir, this.opts.normalFile);
  }

  get anomalousPath(): string {
    return join(this.opts.dir, this.opts.anomalousFile);
  }

  get sessionsPath(): string {
    return join(this.opts.dir, this.opts.sessionsFile);
  }

  async open(): Promise<void> {
    await mkdir(this.opts.dir, { recursive: true });
    const normal = await JsonLinesFile.open(this.normalPath);
    const anomalous = await JsonLinesFile.open(this.anomalousPath);
    this.repairedTornLines = Number(normal.repairedTornLine) + Number(anomalous.repairedTornLine);
    const sessions = await JsonLinesFile.open(this.sessionsPath);
    this.repairedTornLines += Number(sessions.repairedTornLine);
    this.normal = normal.file;
    this.anomalous = anomalous.file;
    this.sessions = sessions.file;
    await this.sessions.readNewIds((id) => this.seenSessions.add(id), this.opts.indexTailBytes);
    await this.catchUp(this.opts.indexTailBytes);
    await this.indexRotated();
  }

  /**
   * Ids in files moved aside by rotation count too: a job whose records landed in a file that was
   * then rotated, and whose worker died before completing it, comes back to a fresh worker.
   */
  private async indexRotated(): Promise<void> {
    for (const live of [this.opts.normalFile, this.opts.anomalousFile]) {
      let budget = this.opts.indexTailBytes;
      const rotated = (await listStoreFiles(this.opts.dir, live)).filter((p) => !p.endsWith(`/${live}`)).reverse();
      for (const path of rotated) {
        if (budget <= 0) break;
        const size = (await stat(path).catch(() => ({ size: 0 }))).size;
        await JsonLinesFile.readTailIds(path, budget, (id) => this.seen.add(id));
        budget -= size;
      }
    }
  }

  write(records: readonly ScoredRecord[]): Promise<WriteResult> {
    // Across processes, "read what others appended, then append" must not interleave (the lock);
    // within this process, writes queue up (the promise chain).
    const run = this.tail.then(() => this.lock.withLock(() => this.writeNow(records)));
    this.tail = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    await this.tail;
    await this.normal?.close();
    await this.anomalous?.close();
    await this.sessions?.close();
    this.normal = this.anomalous = this.sessions = undefined;
  }

  writeSessions(records: readonly SessionRecord[]): Promise<WriteResult> {
    const run = this.tail.then(() =>
      this.lock.withLock(async () => {
        const file = this.sessions;
        if (!file) throw new StorageNotOpenError();
        try {
          await file.readNewIds((id) => this.seenSessions.add(id));
          const inBatch = new Set<string>();
          const fresh = records.filter((r) => {
            if (this.seenSessions.has(r.id) || inBatch.has(r.id)) return false;
            inBatch.add(r.id);
            return true;
          });
          if (fresh.length > 0) {
            await file.append(fresh.map((r) => JSON.stringify(r)).join('\n') + '\n');
            if (this.opts.fsync === 'always') await file.sync();
          }
          for (const r of fresh) this.seenSessions.add(r.id);
          return { written: fresh.length, duplicates: records.length - fresh.length };
        } catch (err) {
          throw new StorageWriteError(`could not append sessions to ${this.opts.dir}: ${(err as Error).message}`, { cause: err });
        }
      }),
    );
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async catchUp(tailBytes = Infinity): Promise<void> {
    const add = (id: string) => this.seen.add(id);
    for (const f of [this.normal!, this.anomalous!]) await f.readNewIdsFollowing(add, tailBytes);
  }

  private async writeNow(records: readonly ScoredRecord[]): Promise<WriteResult> {
    const normal = this.normal;
    const anomalous = this.anomalous;
    if (!normal || !anomalous) throw new StorageNotOpenError();
    try {
      await this.catchUp();
      let normalText = '';
      let anomalousText = '';
      const batchIds = new Set<string>();
      let duplicates = 0;
      for (const r of records) {
        if (this.seen.has(r.id) || batchIds.has(r.id)) {
          duplicates++;
          continue;
        }
        batchIds.add(r.id);
        if (r.is_anomaly) anomalousText += serializeRecord(r) + '\n';
        else normalText += serializeRecord(r) + '\n';
      }
      if (normalText) await normal.append(normalText);
      if (anomalousText) await anomalous.append(anomalousText);
      if (this.opts.fsync === 'always') {
        if (normalText) await normal.sync();
        if (anomalousText) await anomalous.sync();
      }
      for (const id of batchIds) this.seen.add(id);
      if (this.opts.rotateBytes > 0) {
        for (const f of [normal, anomalous]) if ((await f.size()) >= this.opts.rotateBytes) this.rotated.push(await f.rotate());
      }
      return { written: batchIds.size, duplicates };
    } catch (err) {
      throw new StorageWriteError(`could not append to ${this.opts.dir}: ${(err as Error).message}`, { cause: err });
    }
  }
}
