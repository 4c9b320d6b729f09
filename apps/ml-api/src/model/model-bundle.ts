import { LogAnomalyDetector, SessionDetector, StreamDetector } from '@logad/detector';
import { SessionSettings } from '@logad/contracts';

/** What one trained model file holds: the line model and, when trained with a session key, the session model. */
export interface ModelBundle {
  readonly version: string;
  readonly line: LogAnomalyDetector;
  readonly session: SessionDetector | null;
  /** Per-source baselines learnt from the training corpus: where the online baselines start from. */
  readonly stream: StreamDetector | null;
}

export const BUNDLE_FORMAT = 'logad-model';
export const BUNDLE_FORMAT_VERSION = 1;

export function bundleOf(line: LogAnomalyDetector, session: SessionDetector | null = null, stream: StreamDetector | null = null): ModelBundle {
  return { version: line.version, line, session, stream };
}

/** The grouping settings the worker needs, from the session model's parameters. */
export function sessionSettingsOf(bundle: ModelBundle): SessionSettings | null {
  if (!bundle.session) return null;
  const p = bundle.session.info().parameters as { keyPattern?: string | null; endPattern?: string | null; idleTimeoutMs?: number };
  return { key_pattern: p.keyPattern ?? null, end_pattern: p.endPattern ?? null, idle_timeout_ms: p.idleTimeoutMs ?? 30_000 };
}
