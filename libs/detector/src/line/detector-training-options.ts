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
   * How far the line's own level moves its score. The forest judges only how unusual a line is among
   * the training lines; the level is the service's own judgement, which an SRE reads first, and a
   * FATAL line does not stop being severe because a burst repeats it. The forest's scoreSamples is
   * lowered (more anomalous) by shift × (levels above INFO) / (FATAL − INFO). 'auto': the shift is
   * the distance from the median training line to the threshold, on the forest's scores alone — a
   * FATAL line of an ordinary template lands about on the threshold (ERROR two thirds, WARN one third
   * of the way), so the level never flags a line alone but tips one that is unusual in any other way.
   * A number in [0, 1] is the shift itself; 0 = the forest alone (models saved before the option).
   * @defaultValue 'auto'
   */
  severityWeight?: number | 'auto';
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
  readonly severityWeight: number | 'auto';
}

const KEYS = new Set(['nEstimators', 'maxSamples', 'contamination', 'seed', 'trainedAt', 'minDf', 'topFeatures', 'flagNewTemplates', 'tokenRarity', 'tfidfColumns', 'severityWeight']);

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
  const severityWeight = o.severityWeight ?? 'auto';
  if (severityWeight !== 'auto' && !(typeof severityWeight === 'number' && severityWeight >= 0 && severityWeight <= 1)) {
    throw new InvalidOptionError(`train requires severityWeight to be 'auto' or a number in [0, 1] (got ${String(severityWeight)})`);
  }
  return { nEstimators, maxSamples, contamination, seed, trainedAt, minDf, topFeatures, flagNewTemplates, tokenRarity, tfidfColumns, severityWeight };
}
