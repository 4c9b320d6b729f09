import { InvalidOptionError } from '../errors/invalid-option.error';
import { type ThresholdRule, checkThresholdRule } from '../threshold/threshold-rule';

/** Options of {@link LogAnomalyDetector.train}. */
export interface DetectorTrainingOptions {
  /**
   * Trees in the Isolation Forest.
   * @defaultValue 100
   */
  nEstimators?: number;
  /**
   * Rows drawn per tree: 'auto' = min(256, n), an integer ≥ 2 a count, a number in (0, 1] a fraction.
   * @defaultValue 'auto'
   */
  maxSamples?: 'auto' | number;
  /**
   * The user-facing threshold rule (see ThresholdRule): the fraction of training lines expected to
   * be anomalous, in (0, 0.5] — the threshold is put at that quantile of the training lines'
   * scores (each scored as a new line would be) —, 'auto' for Tukey's far-out fence of those
   * scores, or 'tail' for a generalised Pareto tail of them at risk 0.001.
   * @defaultValue 0.01
   */
  contamination?: ThresholdRule;
  /**
   * Seed of every random draw; same seed + same data = same model.
   * @defaultValue 42
   */
  seed?: number;
  /**
   * Training time recorded in the model and its version; the only clock input.
   * @defaultValue new Date()
   */
  trainedAt?: Date;
  /**
   * TF-IDF: ignore tokens seen in fewer training lines (count ≥ 1, or a fraction in [0, 1)).
   * @defaultValue 1
   */
  minDf?: number;
  /**
   * A line whose template no training line had is always anomalous (its anomaly_score is then
   * min(forest decision, 0) − 0.01·(1 − scoreSamples), see noveltyDecision). The forest alone cannot do this: a value beyond everything it
   * was trained on lands in the same leaf as the most extreme training lines.
   * @defaultValue true
   */
  flagNewTemplates?: boolean;
  /**
   * Also give the forest the idf of the line's rarest token (TF-IDF over masked tokens). Off by
   * default: on the shared evaluation data it lowered ROC-AUC (identifiers in normal lines are rare
   * tokens too); see docs/quality.md.
   * @defaultValue false
   */
  tokenRarity?: boolean;
  /**
   * Also give the forest the line's whole TF-IDF vector (the seed's recipe, over masked tokens).
   * Off by default for the same reason as tokenRarity.
   * @defaultValue false
   */
  tfidfColumns?: boolean;
  /**
   * Number of features named in each prediction's explanation.
   * @defaultValue 3
   */
  topFeatures?: number;
}

/** Options after validation, defaults filled in (trainedAt excluded: it is not a parameter). */
export interface ResolvedTrainingOptions {
  readonly nEstimators: number;
  readonly maxSamples: 'auto' | number;
  readonly contamination: ThresholdRule;
  readonly seed: number;
  readonly minDf: number;
  readonly topFeatures: number;
  readonly flagNewTemplates: boolean;
  readonly tokenRarity: boolean;
  readonly tfidfColumns: boolean;
}

const KEYS = new Set(['nEstimators', 'maxSamples', 'contamination', 'seed', 'trainedAt', 'minDf', 'topFeatures', 'flagNewTemplates', 'tokenRarity', 'tfidfColumns']);

export function resolveTrainingOptions(options: DetectorTrainingOptions | undefined): ResolvedTrainingOptions & { trainedAt: Date } {
  const o = options ?? {};
  if (o === null || typeof o !== 'object') throw new InvalidOptionError('train requires options to be an object');
  for (const k of Object.keys(o)) if (!KEYS.has(k)) throw new InvalidOptionError(`train got an unknown option '${k}'`);
  const nEstimators = o.nEstimators ?? 100;
  if (!Number.isInteger(nEstimators) || nEstimators < 1 || nEstimators > 10000) {
    throw new InvalidOptionError(`train requires nEstimators to be an integer in [1, 10000] (got ${String(nEstimators)})`);
  }
  const maxSamples = o.maxSamples ?? 'auto';
  if (maxSamples !== 'auto' && !(typeof maxSamples === 'number' && ((Number.isInteger(maxSamples) && maxSamples >= 2) || (maxSamples > 0 && maxSamples <= 1)))) {
    throw new InvalidOptionError(`train requires maxSamples to be 'auto', an integer >= 2 or a fraction in (0, 1] (got ${String(maxSamples)})`);
  }
  const contamination = checkThresholdRule(o.contamination ?? 0.01, 'train');
  const seed = o.seed ?? 42;
  if (!Number.isInteger(seed)) throw new InvalidOptionError(`train requires seed to be an integer (got ${String(seed)})`);
  const trainedAt = o.trainedAt ?? new Date();
  if (!(trainedAt instanceof Date) || Number.isNaN(trainedAt.getTime())) throw new InvalidOptionError('train requires trainedAt to be a valid Date');
  const minDf = o.minDf ?? 1;
  if (!(typeof minDf === 'number' && ((Number.isInteger(minDf) && minDf >= 1) || (minDf >= 0 && minDf < 1)))) {
    throw new InvalidOptionError(`train requires minDf to be an integer >= 1 or a fraction in [0, 1) (got ${String(minDf)})`);
  }
  const topFeatures = o.topFeatures ?? 3;
  if (!Number.isInteger(topFeatures) || topFeatures < 1 || topFeatures > 50) {
    throw new InvalidOptionError(`train requires topFeatures to be an integer in [1, 50] (got ${String(topFeatures)})`);
  }
  const flagNewTemplates = o.flagNewTemplates ?? true;
  if (typeof flagNewTemplates !== 'boolean') throw new InvalidOptionError('train requires flagNewTemplates to be a boolean');
  const tokenRarity = o.tokenRarity ?? false;
  if (typeof tokenRarity !== 'boolean') throw new InvalidOptionError('train requires tokenRarity to be a boolean');
  const tfidfColumns = o.tfidfColumns ?? false;
  if (typeof tfidfColumns !== 'boolean') throw new InvalidOptionError('train requires tfidfColumns to be a boolean');
  return { nEstimators, maxSamples, contamination, seed, trainedAt, minDf, topFeatures, flagNewTemplates, tokenRarity, tfidfColumns };
}
