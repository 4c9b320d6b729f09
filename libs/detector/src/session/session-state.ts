import { isObject, stateObject } from '../state-header';
import type { IsolationForestState } from '@logad/iforest';
import { InvalidModelError } from '../errors/invalid-model.error';
import type { CountInvariant } from './count-invariants';
import type { FollowUp } from './overdue-follow-ups';
import type { SessionFeaturizerState } from './session-featurizer';
import type { ResolvedSessionOptions } from './session-options';

export const SESSION_FORMAT = 'logad-session-detector';
export const SESSION_FORMAT_VERSION = 1;

/** A trained SessionDetector as plain JSON. */
export interface SessionDetectorState {
  readonly format: typeof SESSION_FORMAT;
  readonly formatVersion: typeof SESSION_FORMAT_VERSION;
  readonly version: string;
  readonly trainedAt: string;
  readonly options: ResolvedSessionOptions;
  /** Threshold on the forest's scoreSamples. */
  readonly offset: number;
  readonly features: SessionFeaturizerState;
  readonly forest: IsolationForestState;
  /** Count invariants mined from the training sessions (absent in older files: none). */
  readonly invariants?: CountInvariant[];
  /** Follow-up rules mined from the timed training sessions (absent in older files: none). */
  readonly followUps?: FollowUp[];
  /** Latest event time among the training sessions, epoch ms (absent or null: none was timed). */
  readonly latestTimestamp?: number | null;
}

function fail(what: string): never {
  throw new InvalidModelError(`SessionDetector.fromJSON requires a valid session detector state: ${what}`);
}

/** Shape checks of a session state; the forest and template miner states are checked by their libs. */
export function parseSessionState(input: unknown): SessionDetectorState {
  const state = stateObject(input, SESSION_FORMAT, SESSION_FORMAT_VERSION, fail);
  if (typeof state.version !== 'string' || typeof state.trainedAt !== 'string') fail('version and trainedAt must be strings');
  if (!isObject(state.options)) fail('options must be an object');
  if (typeof state.offset !== 'number' || !(state.offset >= -1 && state.offset <= 0)) fail('offset must be a number in [-1, 0]');
  const f = state.features;
  if (!isObject(f) || !Number.isInteger(f.nSessions) || (f.nSessions as number) < 2) fail('features.nSessions must be an integer >= 2');
  const cols = f.columns;
  if (!Array.isArray(cols) || !cols.every((x) => Number.isInteger(x))) fail('features.columns must be template ids');
  if (!Array.isArray(f.sessionDf) || f.sessionDf.length !== cols.length || !f.sessionDf.every((x) => Number.isInteger(x) && (x as number) > 0)) {
    fail('features.sessionDf must be one positive count per column');
  }
  if (!Array.isArray(f.maxCount) || f.maxCount.length !== cols.length || !f.maxCount.every((x) => Number.isInteger(x) && (x as number) > 0)) {
    fail('features.maxCount must be one positive count per column');
  }
  if (!Array.isArray(f.transitions) || !f.transitions.every((p) => Array.isArray(p) && p.length === 2 && p.every((x) => Number.isInteger(x)))) {
    fail('features.transitions must be [from, to] id pairs');
  }
  if (!isObject(f.templates) || !isObject(f.templates.miner)) fail('features.templates must hold a template miner state');
  if (!isObject(state.forest)) fail('forest must be an object');
  const inv = state.invariants;
  if (inv !== undefined) {
    const ints = (x: unknown): boolean => Array.isArray(x) && x.every((c) => Number.isInteger(c) && (c as number) >= 0);
    const ok =
      Array.isArray(inv) &&
      inv.every(
        (v) =>
          isObject(v) &&
          ints(v.columns) &&
          ints(v.stages) &&
          Array.isArray(v.coefficients) &&
          v.coefficients.length === (v.columns as unknown[]).length &&
          v.coefficients.every((c) => Number.isInteger(c)) &&
          typeof v.support === 'number' &&
          v.support > 0 &&
          v.support <= 1,
      );
    if (!ok) fail('invariants must be { columns, coefficients, support, stages } relations');
  }
  const fu = state.followUps;
  if (fu !== undefined) {
    const col = (x: unknown): boolean => Number.isInteger(x) && (x as number) >= 0;
    const ok =
      Array.isArray(fu) &&
      fu.every((r) => isObject(r) && col(r.from) && col(r.to) && typeof r.support === 'number' && r.support > 0 && r.support <= 1 && typeof r.delayMs === 'number' && r.delayMs >= 0);
    if (!ok) fail('followUps must be { from, to, support, delayMs } rules');
  }
  const latest = state.latestTimestamp;
  if (latest !== undefined && latest !== null && !(typeof latest === 'number' && Number.isFinite(latest))) fail('latestTimestamp must be epoch milliseconds or null');
  return state as unknown as SessionDetectorState;
}
