import type { IsolationForestState } from '@logad/iforest';
import type { ResolvedTrainingOptions } from './detector-training-options';
import type { LineFeaturizerState } from './line-featurizer';

/** Format tag of {@link DetectorState}. */
export const DETECTOR_FORMAT = 'logad-detector';
/** Current format version; fromJSON rejects any other. */
export const DETECTOR_FORMAT_VERSION = 1;

/** A trained {@link LogAnomalyDetector} as plain JSON. */
export interface DetectorState {
  readonly format: typeof DETECTOR_FORMAT;
  readonly formatVersion: typeof DETECTOR_FORMAT_VERSION;
  readonly version: string;
  readonly trainedAt: string;
  readonly options: ResolvedTrainingOptions;
  /** Threshold on the forest's scoreSamples (decision = score − offset). */
  readonly offset: number;
  /** How far a FATAL line's score is moved out (severityWeight resolved at training); absent = 0. */
  readonly severityShift?: number;
  /** Each training template's lowest training score, as [template id, score]; absent in models saved before session 7. */
  readonly templateFloors?: [number, number][];
  readonly features: LineFeaturizerState;
  readonly forest: IsolationForestState;
}
