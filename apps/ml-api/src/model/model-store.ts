import { LogAnomalyDetector, SessionDetector } from '@logad/detector';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { InvalidModelFileError } from './invalid-model-file.error';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, ModelBundle, bundleOf } from './model-bundle';

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

  /** Saves a model (a bundle, or a line model alone) and makes it the one served. */
  async save(model: ModelBundle | LogAnomalyDetector): Promise<CurrentModelPointer> {
    const bundle = model instanceof LogAnomalyDetector ? bundleOf(model) : model;
    await mkdir(this.dir, { recursive: true });
    const file = `model-${bundle.version}.json`;
    const state = {
      format: BUNDLE_FORMAT,
      formatVersion: BUNDLE_FORMAT_VERSION,
      version: bundle.version,
      line: bundle.line.toJSON(),
      session: bundle.session?.toJSON() ?? null,
    };
    await atomicWrite(join(this.dir, file), JSON.stringify(state));
    const pointer: CurrentModelPointer = { version: bundle.version, file };
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

  async load(pointer: CurrentModelPointer): Promise<ModelBundle> {
    const path = join(this.dir, pointer.file);
    let state: unknown;
    try {
      state = JSON.parse(await readFile(path, 'utf8'));
    } catch (err) {
      throw new InvalidModelFileError(`cannot read model ${path}: ${(err as Error).message}`, { cause: err });
    }
    const s = state as { format?: unknown; formatVersion?: unknown; line?: unknown; session?: unknown } | null;
    if (s?.format !== BUNDLE_FORMAT || s.formatVersion !== BUNDLE_FORMAT_VERSION) {
      throw new InvalidModelFileError(
        `model ${path} is not a ${BUNDLE_FORMAT} v${BUNDLE_FORMAT_VERSION} file (format ${JSON.stringify(s?.format)} v${JSON.stringify(s?.formatVersion)}); retrain it with this version of logad`,
      );
    }
    try {
      return bundleOf(LogAnomalyDetector.fromJSON(s.line), s.session == null ? null : SessionDetector.fromJSON(s.session));
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
