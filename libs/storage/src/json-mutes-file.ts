import { Mute } from '@logad/contracts';
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { StorageQueryError } from './errors/storage-query.error';
import { StorageWriteError } from './errors/storage-write.error';
import { MuteParams } from './query/mute-params';

/** The file's shape: versioned, so that a later format can tell an old file apart. */
interface MutesFileContent {
  readonly version: 1;
  readonly mutes: Mute[];
}

/** Most recently muted first, then by template id: the order `listMutes` promises. */
export const byMutedAtDesc = (a: Mute, b: Mute) => (a.muted_at < b.muted_at ? 1 : a.muted_at > b.muted_at ? -1 : a.template_id - b.template_id);

/**
 * Muted templates as one small JSON file (`muted_templates.json` beside the logs). Every change
 * rewrites the whole file through a temporary file and a rename, so a reader (a worker polling
 * the mutes) sees the old list or the new one, never half of one; with `fsync`, the new file is
 * flushed before the rename and the directory after it, so a resolved change survives a power cut.
 * Changes from this instance run one after another; two processes changing mutes at the same
 * instant may lose one change (the last rename wins): mutes come from people, one at a time.
 * Works without `open()`, like the queries.
 */
export class JsonMutesFile {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly fsync: boolean,
  ) {}

  async list(): Promise<Mute[]> {
    try {
      return await this.read();
    } catch (err) {
      throw new StorageQueryError(`listMutes: could not read ${this.path}: ${(err as Error).message}`, { cause: err });
    }
  }

  mute(p: MuteParams, now = Date.now()): Promise<Mute> {
    return this.change('muteTemplate', (mutes) => {
      const mute: Mute = { template_id: p.templateId, template: p.template, note: p.note, muted_at: new Date(now).toISOString() };
      return { mutes: [mute, ...mutes.filter((m) => m.template_id !== p.templateId)], result: mute };
    });
  }

  unmute(templateId: number): Promise<boolean> {
    return this.change('unmuteTemplate', (mutes) => {
      const rest = mutes.filter((m) => m.template_id !== templateId);
      return { mutes: rest.length === mutes.length ? undefined : rest, result: rest.length !== mutes.length };
    });
  }

  /** Read, change, rewrite, after any change of this instance still running; `mutes: undefined` writes nothing. */
  private change<R>(fn: string, edit: (mutes: Mute[]) => { mutes?: Mute[]; result: R }): Promise<R> {
    const run = this.tail.then(async () => {
      try {
        const { mutes, result } = edit(await this.read());
        if (mutes) await this.replace(mutes.sort(byMutedAtDesc));
        return result;
      } catch (err) {
        throw new StorageWriteError(`${fn}: could not update ${this.path}: ${(err as Error).message}`, { cause: err });
      }
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async read(): Promise<Mute[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    let content: unknown;
    try {
      content = JSON.parse(text);
    } catch {
      content = undefined;
    }
    const mutes = (content as Partial<MutesFileContent> | undefined)?.mutes;
    // A broken file is reported, never treated as empty: that would silently unmute everything.
    if ((content as Partial<MutesFileContent> | undefined)?.version !== 1 || !Array.isArray(mutes) || !mutes.every(isMute)) {
      throw new Error('not a mutes file ({"version":1,"mutes":[…]}): fix or remove it');
    }
    return mutes;
  }

  private async replace(mutes: Mute[]): Promise<void> {
    const dir = dirname(this.path);
    await mkdir(dir, { recursive: true });
    const temp = `${this.path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    const content: MutesFileContent = { version: 1, mutes };
    try {
      const handle = await open(temp, 'wx');
      try {
        await handle.writeFile(JSON.stringify(content, null, 2) + '\n', 'utf8');
        if (this.fsync) await handle.datasync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.path);
    } catch (err) {
      await unlink(temp).catch(() => undefined);
      throw err;
    }
    if (this.fsync) {
      // The rename itself is durable only once the directory is.
      const d = await open(dir, 'r');
      try {
        await d.sync();
      } finally {
        await d.close();
      }
    }
  }
}

function isMute(v: unknown): v is Mute {
  const m = v as Partial<Mute> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    Number.isInteger(m.template_id) &&
    typeof m.template === 'string' &&
    (m.note === null || typeof m.note === 'string') &&
    typeof m.muted_at === 'string'
  );
}
