import { isObject, stateObject } from '../state-header';
import { DETECTOR_FORMAT, DETECTOR_FORMAT_VERSION, type DetectorState } from './detector-state';
import { InvalidModelError } from '../errors/invalid-model.error';

const PREFIX = 'LogAnomalyDetector.fromJSON requires a valid detector state';

function fail(what: string): never {
  throw new InvalidModelError(`${PREFIX}: ${what}`);
}

function stringArray(v: unknown, what: string): string[] {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) fail(`${what} must be an array of strings`);
  return v as string[];
}

/** Shape checks of a detector state; the nested tfidf and forest states are checked by their own libs. */
export function parseDetectorState(input: unknown): DetectorState {
  const state = stateObject(input, DETECTOR_FORMAT, DETECTOR_FORMAT_VERSION, fail, '; retrain the model');
  if (typeof state.version !== 'string' || state.version === '') fail('version must be a non-empty string');
  if (typeof state.trainedAt !== 'string' || Number.isNaN(Date.parse(state.trainedAt))) fail('trainedAt must be an ISO date');
  if (!isObject(state.options)) fail('options must be an object');
  if (typeof state.offset !== 'number' || !(state.offset >= -1 && state.offset <= 0)) fail('offset must be a number in [-1, 0]');
  if (state.severityShift !== undefined && !(typeof state.severityShift === 'number' && state.severityShift >= 0 && state.severityShift <= 1))
    fail('severityShift must be a number in [0, 1]');
  const floors = state.templateFloors;
  if (floors !== undefined && !(Array.isArray(floors) && floors.every(isFloor))) fail('templateFloors must be [template id, score in [-1, 0]] pairs');
  const f = state.features;
  if (!isObject(f)) fail('features must be an object');
  if (!Number.isInteger(f.nLines) || (f.nLines as number) < 2) fail('features.nLines must be an integer >= 2');
  const fs = f.featureSet;
  if (!isObject(fs) || typeof fs.tokenRarity !== 'boolean' || typeof fs.tfidfColumns !== 'boolean')
    fail('features.featureSet must hold tokenRarity and tfidfColumns booleans');
  const t = f.templates;
  if (!isObject(t) || !isObject(t.miner)) fail('features.templates must hold a template miner state');
  const keys = stringArray(t.keys, 'features.templates.keys');
  if (!Array.isArray(t.keyIds) || t.keyIds.length !== keys.length || !t.keyIds.every((x) => Number.isInteger(x)))
    fail('features.templates.keyIds must be one integer per key');
  if (!isObject(f.tfidf)) fail('features.tfidf must be an object');
  if (!isObject(state.forest)) fail('forest must be an object');
  return state as unknown as DetectorState;
}

function isFloor(e: unknown): boolean {
  return Array.isArray(e) && e.length === 2 && Number.isInteger(e[0]) && typeof e[1] === 'number' && e[1] >= -1 && e[1] <= 0;
}
