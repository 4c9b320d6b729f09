import { LogAnomalyDetector } from '@logad/detector';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { InvalidModelFileError } from './invalid-model-file.error';

/** Contents of `current.json`: which model file to serve. */
export interface CurrentModelPointer {
  readonly version: string;
  readonly file: string;
}

/**
 * Versioned model files in a directory, plus `current.json` naming the one to serve. Every file
 * is written to a temporary name and renamed, so a reader never sees half a model.
 */
export class ModelStore {
  constructor(readonly dir: string) {}

  async save(detector: LogAnomalyDetector): Promise<CurrentModelPointer> {
    await mkdir(this.dir, { recursive: true });
    const file = `model-${detector.version}.json`;
    await atomicWrite(join(this.dir, file), JSON.stringify(detector.toJSON()));
    const pointer: CurrentModelPointer = { version: detector.version, file };
    await atomicWrite(join(this.dir, 'current.json'), JSON.stringify(pointer, null, 2) + '\n');
    return pointer;
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

  async load(pointer: CurrentModelPointer): Promise<LogAnomalyDetector> {
    const path = join(this.dir, pointer.file);
    let state: unknown;
    try {
      state = JSON.parse(await readFile(path, 'utf8'));
    } catch (err) {
      throw new InvalidModelFileError(`cannot read model ${path}: ${(err as Error).message}`, { cause: err });
    }
    try {
      return LogAnomalyDetector.fromJSON(state);
    } catch (err) {
      throw new InvalidModelFileError(`model ${path} is corrupt or of an incompatible format: ${(err as Error).message}`, { cause: err });
    }
  }
}

async function atomicWrite(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}
