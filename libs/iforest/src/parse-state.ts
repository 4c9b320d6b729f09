import { InvalidStateError } from './errors/invalid-state.error';
import type { ForestArrays } from './forest-buffer';
import type { IsolationForestOptions } from './isolation-forest-options';
import { STATE_FORMAT, STATE_VERSION } from './isolation-forest-state';

/** What `fromJSON` rebuilds a model from. */
export interface ParsedState {
  readonly options: IsolationForestOptions;
  readonly nFeatures: number;
  readonly samplesPerTree: number;
  readonly offset: number;
  readonly forest: ForestArrays;
}

function fail(why: string): never {
  throw new InvalidStateError(`fromJSON requires a valid IsolationForestState: ${why}`);
}

function int(o: Record<string, unknown>, key: string, min: number): number {
  const v = o[key];
  if (!Number.isInteger(v) || (v as number) < min) fail(`${key} must be an integer >= ${min}`);
  return v as number;
}

function numbers(o: Record<string, unknown>, key: string, length: number | null): number[] {
  const v = o[key];
  if (!Array.isArray(v)) fail(`${key} must be an array of numbers`);
  if (length !== null && v.length !== length) fail(`${key} must have ${length} entries (has ${v.length})`);
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'number' || !Number.isFinite(v[i])) fail(`${key}[${i}] is not a finite number`);
  return v as number[];
}

/**
 * Validates an {@link IsolationForestState} deeply enough that scoring it cannot loop, read out of
 * bounds or produce NaN: every child lies after its parent within the same tree.
 */
export function parseState(state: unknown): ParsedState {
  if (state === null || typeof state !== 'object' || Array.isArray(state)) fail('not an object');
  const o = state as Record<string, unknown>;
  if (o.format !== STATE_FORMAT) fail(`format must be '${STATE_FORMAT}'`);
  if (o.version !== STATE_VERSION) fail(`unsupported version ${String(o.version)} (this build reads version ${STATE_VERSION})`);
  const nFeatures = int(o, 'nFeatures', 1);
  const samplesPerTree = int(o, 'samplesPerTree', 2);
  const offset = o.offset;
  if (typeof offset !== 'number' || !Number.isFinite(offset)) fail('offset must be a finite number');
  const options = o.options;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) fail('options must be an object');
  const roots = numbers(o, 'roots', null);
  const feature = numbers(o, 'feature', null);
  const nNodes = feature.length;
  const threshold = numbers(o, 'threshold', nNodes);
  const left = numbers(o, 'left', nNodes);
  const value = numbers(o, 'value', nNodes);
  const count = numbers(o, 'count', nNodes);
  if (roots.length === 0 || roots[0] !== 0) fail('roots must start at node 0');
  for (let t = 0; t < roots.length; t++) {
    const start = roots[t];
    const end = t + 1 < roots.length ? roots[t + 1] : nNodes;
    if (!Number.isInteger(start) || end <= start) fail(`tree ${t} has no nodes`);
    for (let i = start; i < end; i++) {
      const f = feature[i];
      if (!Number.isInteger(f) || f < -1 || f >= nFeatures) fail(`feature[${i}] must be -1 or a feature index < ${nFeatures}`);
      if (!Number.isInteger(count[i]) || count[i] < 1) fail(`count[${i}] must be an integer >= 1`);
      if (f === -1) {
        if (value[i] < 0) fail(`value[${i}] of a leaf must be >= 0`);
      } else if (!Number.isInteger(left[i]) || left[i] <= i || left[i] + 1 >= end) {
        fail(`left[${i}] must point to two nodes after it within tree ${t}`);
      }
    }
  }
  const opts = options as Record<string, unknown>;
  const restored: IsolationForestOptions = {
    nEstimators: opts.nEstimators as number,
    maxSamples: opts.maxSamples as 'auto' | number,
    maxFeatures: opts.maxFeatures as number,
    contamination: opts.contamination as 'auto' | number,
    bootstrap: opts.bootstrap as boolean,
    seed: opts.seed === null ? undefined : (opts.seed as number),
  };
  return {
    options: restored,
    nFeatures,
    samplesPerTree,
    offset,
    forest: {
      roots: Int32Array.from(roots),
      feature: Int32Array.from(feature),
      threshold: Float64Array.from(threshold),
      left: Int32Array.from(left),
      value: Float64Array.from(value),
      count: Int32Array.from(count),
    },
  };
}
