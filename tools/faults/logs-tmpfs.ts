import { execFile } from 'node:child_process';
import { FileHandle, mkdir, mkdtemp, open, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const FILLER = '.faults-filler';

/**
 * A small tmpfs mounted as LOGS_DIR, so that the disk under the stores can be made full (a filler
 * file) and free again. Mounting needs root (CAP_SYS_ADMIN); {@link tmpfsUnavailable} says why not.
 */
export class LogsTmpfs {
  private filler?: FileHandle;
  private topUp?: Promise<void>;
  private filling = false;
  /** Bytes the filler held when the disk was last made full. */
  fillerBytes = 0;

  private constructor(readonly dir: string) {}

  static async mount(dir: string, sizeMb: number): Promise<LogsTmpfs> {
    await mkdir(dir, { recursive: true });
    await run('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m,mode=0755`, 'tmpfs', dir]);
    return new LogsTmpfs(dir);
  }

  /**
   * Writes a filler file until the file system answers ENOSPC, then keeps topping it up (every few
   * ms) so that the pages writers free (a lock file unlinked, a torn append) are taken back at once.
   */
  async fill(): Promise<number> {
    this.filler = await open(join(this.dir, FILLER), 'w');
    this.filling = true;
    await this.topUpOnce();
    this.topUp = (async () => {
      while (this.filling) {
        await new Promise((r) => setTimeout(r, 5));
        await this.topUpOnce();
      }
    })();
    return this.fillerBytes;
  }

  /** Deletes the filler: the space is back. */
  async free(): Promise<void> {
    this.filling = false;
    await this.topUp;
    await this.filler?.close();
    this.filler = undefined;
    await unlink(join(this.dir, FILLER)).catch(() => undefined);
  }

  /** Unmounts (lazily when something still holds a file open, so that clean-up never hangs). */
  async unmount(): Promise<void> {
    await this.free().catch(() => undefined);
    try {
      await run('umount', [this.dir]);
    } catch {
      await run('umount', ['-l', this.dir]).catch(() => undefined);
    }
  }

  private async topUpOnce(): Promise<void> {
    const f = this.filler;
    if (!f) return;
    for (const size of [1 << 20, 4096]) {
      const buf = Buffer.alloc(size);
      for (;;) {
        try {
          const { bytesWritten } = await f.write(buf, 0, size, this.fillerBytes);
          this.fillerBytes += bytesWritten;
          if (bytesWritten < size) break;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw err;
        }
      }
    }
  }
}

/** Why a tmpfs cannot be mounted here (not root, no CAP_SYS_ADMIN in a container…), or undefined when it can. */
export async function tmpfsUnavailable(): Promise<string | undefined> {
  if (process.getuid?.() !== 0) return `mounting a tmpfs needs root (running as uid ${process.getuid?.()})`;
  const dir = await mkdtemp(join(tmpdir(), 'logad-faults-probe-'));
  try {
    await run('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]);
    await run('umount', [dir]);
    return undefined;
  } catch (err) {
    return `mount -t tmpfs failed: ${(err as Error).message.trim()}`;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
