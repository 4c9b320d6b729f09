import { LogAnomalyDetector } from '@logad/detector';
import { mkdir, readFile, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { InvalidModelFileError } from './invalid-model-file.error';
import { ModelBundle } from './model-bundle';
import { asBundle, parseBundle, serializeBundle } from './model-bundle-codec';
import { CurrentModelPointer, ModelRegistry, StoredModelVersion } from './model-registry';

export type { CurrentModelPointer } from './model-registry';

const MODEL_FILE = /^model-(.+)\.json$/;

/**
 * Versioned model files in a directory (`model-<version>.json`), plus `current.json` naming the
 * one to serve. Every file is written to a temporary name and renamed, so a reader never sees
 * half a model. Replicas share it through a shared volume; see {@link RedisModelStore} otherwise.
 */
export class ModelStore implements ModelRegistry {
  constructor(readonly dir: string) {}

  get location(): string {
    return this.dir;
  }

  /** Saves a model (a bundle, or a line model alone) and makes it the one served. */
  async save(model: ModelBundle | LogAnomalyDetector): Promise<CurrentModelPointer> {
    const bundle = asBundle(model);
    await mkdir(this.dir, { recursive: true });
    const file = `model-${bundle.version}.json`;
    await atomicWrite(join(this.dir, file), serializeBundle(bundle));
    return this.point({ version: bundle.version, file });
  }

  /** The pointer, or null when no model was ever trained here. */
  async current(): Promise<CurrentModelPointer | null> {
    let text: string;
    try {
      text = await readFile(join(this.dir, 'current.json'), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    try {
      const p = JSON.parse(text) as Partial<CurrentModelPointer>;
      if (typeof p.version !== 'string' || typeof p.file !== 'string') throw new Error('needs string fields version and file');
      return { version: p.version, file: basename(p.file) };
    } catch (err) {
      throw new InvalidModelFileError(`${join(this.dir, 'current.json')} is not a model pointer: ${(err as Error).message}`, { cause: err });
    }
  }

  async load(pointer: CurrentModelPointer): Promise<ModelBundle> {
    const path = join(this.dir, basename(pointer.file));
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      throw new InvalidModelFileError(`cannot read model ${path}: ${(err as Error).message}`, { cause: err });
    }
    return parseBundle(text, path);
  }

  async versions(): Promise<StoredModelVersion[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const current = (await this.current().catch(() => null))?.version;
    const out: Array<StoredModelVersion & { mtime: number }> = [];
    for (const name of names) {
      const m = MODEL_FILE.exec(name);
      if (!m) continue;
      const mtime = (await stat(join(this.dir, name))).mtimeMs;
      out.push({ version: m[1], savedAt: new Date(mtime).toISOString(), current: m[1] === current, mtime });
    }
    return out.sort((a, b) => b.mtime - a.mtime).map(({ mtime: _m, ...v }) => v);
  }

  async use(version: string): Promise<CurrentModelPointer> {
    const file = `model-${version}.json`;
    if (basename(file) !== file) throw new InvalidModelFileError(`${JSON.stringify(version)} is not a model version`);
    const text = await readFile(join(this.dir, file), 'utf8').catch(() => {
      throw new InvalidModelFileError(`no model ${version} in ${this.dir} (\`train -- --list\` lists the stored versions)`);
    });
    parseBundle(text, join(this.dir, file)); // never point replicas at a model they would refuse
    return this.point({ version, file });
  }

  async close(): Promise<void> {
    // Nothing held open.
  }

  private async point(pointer: CurrentModelPointer): Promise<CurrentModelPointer> {
    await atomicWrite(join(this.dir, 'current.json'), JSON.stringify(pointer, null, 2) + '\n');
    return pointer;
  }
}

async function atomicWrite(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}
