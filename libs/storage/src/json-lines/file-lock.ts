import { open, readFile, rename, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';

/**
 * A lock shared by processes on one host, held as a file created with O_EXCL. Writers that share
 * the JSON Lines files take it around "read what others appended, then append", which is what makes
 * a record id written once even when two workers run the same ids at the same moment. A holder
 * killed with SIGKILL leaves the file behind: it is taken over once its pid is gone.
 */
export class FileLock {
  private readonly owner = `${process.pid}@${hostname()}`;

  constructor(
    readonly path: string,
    private readonly retryMs = 2,
    private readonly timeoutMs = 30_000,
  ) {}

  async withLock<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      await unlink(this.path).catch(() => undefined);
    }
  }

  private async acquire(): Promise<void> {
    const end = Date.now() + this.timeoutMs;
    for (;;) {
      try {
        const h = await open(this.path, 'wx');
        await h.writeFile(this.owner);
        await h.close();
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      await this.takeOverIfAbandoned();
      if (Date.now() > end) throw new Error(`could not take the write lock ${this.path} within ${this.timeoutMs} ms (held by ${await this.holder()})`);
      await new Promise((r) => setTimeout(r, this.retryMs));
    }
  }

  private async holder(): Promise<string> {
    return readFile(this.path, 'utf8').catch(() => '?');
  }

  /** A lock whose holder (on this host) no longer runs is moved aside; the rename lets one taker win. */
  private async takeOverIfAbandoned(): Promise<void> {
    const held = await this.holder();
    const m = /^(\d+)@(.*)$/.exec(held);
    if (!m || m[2] !== hostname()) return;
    try {
      process.kill(Number(m[1]), 0);
      return; // alive
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ESRCH') return;
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
