import { open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';

/**
 * A lock shared by processes on one host, held as a file created with O_EXCL. Writers that share
 * the JSON Lines files take it around "read what others appended, then append", which is what makes
 * a record id written once even when two workers run the same ids at the same moment. A holder
 * killed with SIGKILL leaves the file behind: it is taken over once its pid is gone, or, when it
 * holds no pid (killed between creating and writing it), once it is older than `emptyStaleMs`.
 */
export class FileLock {
  private readonly owner = `${process.pid}@${hostname()}`;

  constructor(
    readonly path: string,
    private readonly retryMs = 2,
    private readonly timeoutMs = 30_000,
    private readonly emptyStaleMs = 5_000,
  ) {}

  async withLock<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      await this.release();
    }
  }

  /** Takes the lock now if it is free or abandoned, without waiting; held until {@link release}. */
  async tryAcquire(): Promise<boolean> {
    if (await this.create()) return true;
    await this.takeOverIfAbandoned();
    return this.create();
  }

  async release(): Promise<void> {
    await unlink(this.path).catch(() => undefined);
  }

  private async acquire(): Promise<void> {
    const end = Date.now() + this.timeoutMs;
    for (;;) {
      if (await this.create()) return;
      await this.takeOverIfAbandoned();
      if (Date.now() > end) throw new Error(`could not take the write lock ${this.path} within ${this.timeoutMs} ms (held by ${await this.holder()})`);
      await new Promise((r) => setTimeout(r, this.retryMs));
    }
  }

  /** Creates the lock file holding our pid: false when it exists. */
  private async create(): Promise<boolean> {
    try {
      const h = await open(this.path, 'wx');
      try {
        await h.writeFile(this.owner);
      } catch (err) {
        // A full disk (ENOSPC) creates the file but cannot write the pid: an empty lock nobody
        // could ever take over would stop every writer for good, so it goes.
        await h.close().catch(() => undefined);
        await unlink(this.path).catch(() => undefined);
        throw err;
      }
      await h.close();
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      return false;
    }
  }

  /** Who holds it (`pid@host`), for messages. */
  async holder(): Promise<string> {
    return readFile(this.path, 'utf8').catch(() => '?');
  }

  /** A lock whose holder (on this host) no longer runs is moved aside; the rename lets one taker win. */
  private async takeOverIfAbandoned(): Promise<void> {
    const held = await this.holder();
    const m = /^(\d+)@(.*)$/.exec(held);
    if (held === '') {
      const age = Date.now() - ((await stat(this.path).catch(() => undefined))?.mtimeMs ?? Date.now());
      if (age < this.emptyStaleMs) return; // its holder may be writing its pid right now
    } else if (!m || m[2] !== hostname()) return;
    else {
      try {
        process.kill(Number(m[1]), 0);
        return; // alive
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ESRCH') return;
      }
    }
    const aside = `${this.path}.abandoned.${process.pid}`;
    try {
      await rename(this.path, aside);
      // Someone may have replaced the stale lock between our read and the rename: put a live one back.
      const moved = await readFile(aside, 'utf8').catch(() => '');
      if (moved !== held) await rename(aside, this.path).catch(() => undefined);
      else await unlink(aside).catch(() => undefined);
    } catch {
      // another taker won
    }
  }
}
