import { LogAnomalyDetector, SessionDetector, StreamDetector } from '@logad/detector';
import { InvalidModelFileError } from './invalid-model-file.error';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, ModelBundle, bundleOf } from './model-bundle';

/** A model (a bundle, or a line model alone) as the bundle it is served as. */
export function asBundle(model: ModelBundle | LogAnomalyDetector): ModelBundle {
  return model instanceof LogAnomalyDetector ? bundleOf(model) : model;
}

/** The text of a model file (or Redis value): format tag, version, line and session state. */
export function serializeBundle(bundle: ModelBundle): string {
  return JSON.stringify({
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    version: bundle.version,
    line: bundle.line.toJSON(),
    session: bundle.session?.toJSON() ?? null,
    stream: bundle.stream?.toJSON() ?? null,
  });
}

/** Reads a model's text; anything unreadable is an {@link InvalidModelFileError} naming `where`. */
export function parseBundle(text: string, where: string): ModelBundle {
  let state: unknown;
  try {
    state = JSON.parse(text);
  } catch (err) {
    throw new InvalidModelFileError(`cannot read model ${where}: ${(err as Error).message}`, { cause: err });
  }
  const s = state as { format?: unknown; formatVersion?: unknown; line?: unknown; session?: unknown; stream?: unknown } | null;
  if (s?.format !== BUNDLE_FORMAT || s.formatVersion !== BUNDLE_FORMAT_VERSION) {
    throw new InvalidModelFileError(
      `model ${where} is not a ${BUNDLE_FORMAT} v${BUNDLE_FORMAT_VERSION} file (format ${JSON.stringify(s?.format)} v${JSON.stringify(s?.formatVersion)}); retrain it with this version of logad`,
    );
  }
  try {
    return bundleOf(
      LogAnomalyDetector.fromJSON(s.line),
      s.session == null ? null : SessionDetector.fromJSON(s.session),
      s.stream == null ? null : StreamDetector.fromJSON(s.stream),
    );
  } catch (err) {
    throw new InvalidModelFileError(`model ${where} is corrupt or of an incompatible format: ${(err as Error).message}`, { cause: err });
  }
}
