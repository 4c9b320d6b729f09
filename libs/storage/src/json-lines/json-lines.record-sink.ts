import { ScoredRecord, SessionRecord } from '@logad/contracts';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { StorageInvalidOptionsError } from '../errors/storage-invalid-options.error';
import { StorageNotOpenError } from '../errors/storage-not-open.error';
import { StorageOpenError } from '../errors/storage-open.error';
import { StorageWriteError } from '../errors/storage-write.error';
import { RecordSink, WriteResult } from '../ports/record-sink';
import { FileLock } from './file-lock';
import { ResolvedJsonLinesOptions } from './json-lines-store.options';
import { JsonLinesFile } from './json-lines-file';
import { LineBuffer } from './line-buffer';
import { SEGMENT_NAME, listStoreFiles, segmentFile } from './list-store-files';
import { RecentIdSet } from './recent-id-set';
import { serializeRecord } from './serialize-record';

/**
 * Appends scored records as JSON Lines to `normal_logs.jsonl` and `anomalous_logs.jsonl` (sessions
 * to `anomalous_sessions.jsonl`), in the order they come: a file's line order is the arrival order.
 * Several processes may share the files: before each write, under the directory's lock, the lines
 * others appended are read to learn their ids, so a redelivered record is not written twice. With
 * a `segment`, this process writes files of its own instead (no lock, nobody else's appends read);
 * it then drops only the duplicates it can see (its own files, and every file's tail at open), and
 * readers drop the rest (docs/guarantees.md).
 */
const MAX_AUTO_SEGMENTS = 256;

export class JsonLinesRecordSink extends RecordSink {
  private normal?: JsonLinesFile;
  private anomalous?: JsonLinesFile;
  private sessions?: JsonLinesFile;
  private readonly seenSessions = new RecentIdSet(100_000);
  private readonly seen: RecentIdSet;
  // Writes run one after another so that catch-up and append see a consistent file.
  private tail: Promise<unknown> = Promise.resolve();
  /** Writes asked for while another runs: the next one writes them all at once. */
  private waiting?: WriteGroup;
  private readonly normalLines = new LineBuffer();
  private readonly anomalousLines = new LineBuffer();
  private readonly lock: FileLock;
  /** This process's segment once open ('' for the shared files) and the lock that holds it. */
  private segmentName = '';
  private segmentLock?: FileLock;
  /** Torn lines found and closed when the files were opened. */
  repairedTornLines = 0;
  /** Files this instance moved aside, oldest first. */
  readonly rotated: string[] = [];

  constructor(private readonly opts: ResolvedJsonLinesOptions) {
    super();
    this.seen = new RecentIdSet(this.opts.dedupeWindow);
    this.lock = new FileLock(join(this.opts.dir, '.logad-write.lock'));
    const seg = this.opts.segment;
    if (seg !== '' && seg !== 'auto' && !SEGMENT_NAME.test(seg)) {
      throw new StorageInvalidOptionsError(`segment must be 'auto' or 1–32 letters, digits, '_' or '-' (got ${JSON.stringify(seg)})`);
    }
  }

  /** The segment this sink writes ('' for the shared files); known once open. */
  get segment(): string {
    return this.segmentName;
  }

  get normalPath(): string {
    return join(this.opts.dir, segmentFile(this.opts.normalFile, this.segmentName));
  }

  get anomalousPath(): string {
    return join(this.opts.dir, segmentFile(this.opts.anomalousFile, this.segmentName));
  }

  get sessionsPath(): string {
    return join(this.opts.dir, segmentFile(this.opts.sessionsFile, this.segmentName));
  }

  async open(): Promise<void> {
    await mkdir(this.opts.dir, { recursive: true });
    if (this.opts.segment) await this.takeSegment();
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
    const seen = (id: string) => this.seen.add(id);
    await this.indexOthers(this.opts.normalFile, this.normalPath, seen);
    await this.indexOthers(this.opts.anomalousFile, this.anomalousPath, seen);
    await this.indexOthers(this.opts.sessionsFile, this.sessionsPath, (id) => this.seenSessions.add(id));
  }

  /**
   * The given name, or for 'auto' the first free `w<n>`, held through a lock file with our pid for
   * as long as the sink is open; a holder that died is taken over, so a restarted worker usually
   * gets its old segment (and its own recent ids) back.
   */
  private async takeSegment(): Promise<void> {
    const names = this.opts.segment === 'auto' ? Array.from({ length: MAX_AUTO_SEGMENTS }, (_, i) => `w${i + 1}`) : [this.opts.segment];
    for (const name of names) {
      const lock = new FileLock(join(this.opts.dir, `.logad-segment.${name}.lock`));
      if (await lock.tryAcquire()) {
        this.segmentName = name;
        this.segmentLock = lock;
        return;
      }
      if (names.length === 1) throw new StorageOpenError(`segment ${name} of ${this.opts.dir} is held by ${await lock.holder()}`);
    }
    throw new StorageOpenError(`no free segment in ${this.opts.dir} (w1…w${MAX_AUTO_SEGMENTS} are held)`);
  }

  /**
   * The tails of the store's other files count too, newest first: files moved aside by rotation (a
   * job whose records landed in a file that was then rotated, and whose worker died before
   * completing it, comes back to a fresh worker) and other segments (a dead worker's job taken by
   * this fresh one). One tail budget per writer (the shared files, each segment).
   */
  private async indexOthers(live: string, mine: string, onId: (id: string) => void): Promise<void> {
    const others = (await listStoreFiles(this.opts.dir, live)).filter((p) => p !== mine).reverse();
    let budget = this.opts.indexTailBytes * (1 + others.filter((p) => !/\.\d{4}-\d\d-\d\dT[^/]*$/.test(p)).length);
    for (const path of others) {
      if (budget <= 0) break;
      const size = (await stat(path).catch(() => ({ size: 0 }))).size;
      await JsonLinesFile.readTailIds(path, Math.min(budget, this.opts.indexTailBytes), onId);
      budget -= size;
    }
  }

  /**
   * Writes that arrive while one runs (a worker's concurrent jobs) wait and are then written
   * together: one lock, one catch-up, one append and one fsync per file for all of them (a group
   * commit). Each still resolves with its own counts once its records are durable; if the write
   * fails, each of them fails, and its retry finds the records already held dropped as duplicates.
   */
  write(records: readonly ScoredRecord[]): Promise<WriteResult> {
    let group = this.waiting;
    if (!group) {
      const parts: Array<readonly ScoredRecord[]> = [];
      // Across processes, "read what others appended, then append" must not interleave (the lock);
      // within this process, writes queue up (the promise chain). A segment is ours alone: no lock.
      const done = this.tail.then(() => {
        if (this.waiting?.parts === parts) this.waiting = undefined; // later writes form the next group
        return this.segmentName ? this.writeNow(parts) : this.lock.withLock(() => this.writeNow(parts));
      });
      this.tail = done.catch(() => undefined);
      group = this.waiting = { parts, done };
    }
    const index = group.parts.push(records) - 1;
    return group.done.then((results) => {
      const r = results[index];
      if (r instanceof StorageWriteError) throw r;
      return r;
    });
  }

  async close(): Promise<void> {
    await this.tail;
    await this.normal?.close();
    await this.anomalous?.close();
    await this.sessions?.close();
    this.normal = this.anomalous = this.sessions = undefined;
    await this.segmentLock?.release();
    this.segmentLock = undefined;
  }

  writeSessions(records: readonly SessionRecord[]): Promise<WriteResult> {
    const locked = <T>(fn: () => Promise<T>) => (this.segmentName ? fn() : this.lock.withLock(fn));
    const run = this.tail.then(() =>
      locked(async () => {
        const file = this.sessions;
        if (!file) throw new StorageNotOpenError();
        try {
          if (!this.segmentName) await file.readNewIds((id) => this.seenSessions.add(id));
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

  private async writeNow(parts: ReadonlyArray<readonly ScoredRecord[]>): Promise<Array<WriteResult | StorageWriteError>> {
    const normal = this.normal;
    const anomalous = this.anomalous;
    if (!normal || !anomalous) throw new StorageNotOpenError();
    const normalLines = this.normalLines;
    const anomalousLines = this.anomalousLines;
    normalLines.clear();
    anomalousLines.clear();
    try {
      if (!this.segmentName) await this.catchUp();
      // Ids count as held from here on (a copy later in the group is a duplicate), and are
      // forgotten again if the write fails, so that its retry writes them.
      this.seen.mark();
      // A group larger than the window could evict its own first ids: then a set catches its copies.
      const total = parts.reduce((n, p) => n + p.length, 0);
      const inGroup = total > this.seen.capacity ? new Set<string>() : undefined;
      const results = parts.map((records) => this.serializePart(records, inGroup));
      if (!normalLines.isEmpty) await normal.append(normalLines);
      if (!anomalousLines.isEmpty) await anomalous.append(anomalousLines);
      if (this.opts.fsync === 'always') {
        if (!normalLines.isEmpty) await normal.sync();
        if (!anomalousLines.isEmpty) await anomalous.sync();
      }
      this.seen.commit();
      if (this.opts.rotateBytes > 0) {
        for (const f of [normal, anomalous]) if ((await f.size()) >= this.opts.rotateBytes) this.rotated.push(await f.rotate());
      }
      return results;
    } catch (err) {
      this.seen.rollback();
      throw new StorageWriteError(`could not append to ${this.opts.dir}: ${(err as Error).message}`, { cause: err });
    }
  }

  /**
   * One write's records into the line buffers. A record that cannot be serialised fails only its
   * own write (its lines and ids are taken back), not the others of the group.
   */
  private serializePart(records: readonly ScoredRecord[], inGroup?: Set<string>): WriteResult | StorageWriteError {
    const normalMark = this.normalLines.length;
    const anomalousMark = this.anomalousLines.length;
    const idsMark = this.seen.marked;
    let written = 0;
    try {
      for (const r of records) {
        if (inGroup?.has(r.id) || !this.seen.tryAdd(r.id)) continue;
        inGroup?.add(r.id);
        written++;
        (r.is_anomaly ? this.anomalousLines : this.normalLines).push(serializeRecord(r));
      }
      return { written, duplicates: records.length - written };
    } catch (err) {
      this.normalLines.truncate(normalMark);
      this.anomalousLines.truncate(anomalousMark);
      this.seen.undo(this.seen.marked - idsMark);
      return new StorageWriteError(`could not serialise a record for ${this.opts.dir}: ${(err as Error).message}`, { cause: err });
    }
  }
}

/** Writes waiting to be written together, and the promise of their counts (in order). */
interface WriteGroup {
  readonly parts: Array<readonly ScoredRecord[]>;
  readonly done: Promise<Array<WriteResult | StorageWriteError>>;
}
