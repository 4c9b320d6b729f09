import type { SerializedMaskRule } from '@logad/text';
import { InvalidStateError } from './errors/invalid-state.error';

/** One template of a saved miner. */
export interface SerializedTemplate {
  readonly id: number;
  readonly tokens: readonly string[];
  readonly count: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
  /** Ids merged into this template; they still resolve to it. */
  readonly merged: readonly number[];
}

/** The JSON form of a TemplateMiner (`toJSON` / `fromJSON`). */
export interface TemplateMinerState {
  readonly format: 'logad-template-miner';
  readonly version: 1;
  readonly options: {
    readonly depth: number;
    readonly similarityThreshold: number;
    readonly maxChildren: number;
    readonly maxTemplates: number;
    readonly variableEvidence: number;
    readonly minContextTokens: number;
    readonly headerFormat: string | null;
    readonly extraDelimiters: readonly string[];
    readonly maskRules: readonly SerializedMaskRule[];
  };
  /** Sequence number of the last message added. */
  readonly sequence: number;
  readonly nextId: number;
  /** Least recently used first. */
  readonly templates: readonly SerializedTemplate[];
}

function fail(what: string): never {
  throw new InvalidStateError(`fromJSON requires ${what}`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function count(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) fail(`${what} to be a non-negative integer`);
  return v;
}

function strings(v: unknown, what: string): string[] {
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) fail(`${what} to be an array of strings`);
  return v as string[];
}

/** Checks the shape of a saved state; the miner re-validates option values when it is rebuilt. */
export function parseTemplateMinerState(state: unknown): TemplateMinerState {
  if (!isRecord(state)) fail('an object');
  if (state.format !== 'logad-template-miner') fail('format "logad-template-miner"');
  if (state.version !== 1) fail(`version 1, got ${String(state.version)}`);
  const o = state.options;
  if (!isRecord(o)) fail('an options object');
  for (const k of ['depth', 'maxChildren', 'maxTemplates', 'variableEvidence', 'minContextTokens']) count(o[k], `options.${k}`);
  if (typeof o.similarityThreshold !== 'number') fail('options.similarityThreshold to be a number');
  if (o.headerFormat !== null && typeof o.headerFormat !== 'string') fail('options.headerFormat to be a string or null');
  strings(o.extraDelimiters, 'options.extraDelimiters');
  const sequence = count(state.sequence, 'sequence');
  const nextId = count(state.nextId, 'nextId');
  if (!Array.isArray(state.templates)) fail('a templates array');
  const seen = new Set<number>();
  for (const t of state.templates) {
    if (!isRecord(t)) fail('each template to be an object');
    const ids = [
      count(t.id, 'template id'),
      ...(Array.isArray(t.merged) ? t.merged.map((m) => count(m, 'merged id')) : fail('template.merged to be an array')),
    ];
    for (const id of ids) {
      if (id >= nextId) fail(`template ids below nextId (${nextId}), got ${id}`);
      if (seen.has(id)) fail(`distinct template ids, ${id} appears twice`);
      seen.add(id);
    }
    strings(t.tokens, 'template.tokens');
    count(t.count, 'template.count');
    const first = count(t.firstSeen, 'template.firstSeen');
    const last = count(t.lastSeen, 'template.lastSeen');
    if (first > last || last > sequence) fail(`firstSeen <= lastSeen <= sequence for template ${String(t.id)}`);
  }
  return state as unknown as TemplateMinerState;
}
