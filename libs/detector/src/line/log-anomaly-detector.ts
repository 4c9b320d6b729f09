import { IsolationForest, type CsrMatrix, percentile } from '@logad/iforest';
import type { DetectorInfo, DetectorPrediction, FeatureWeight } from './detector-prediction';
import { DETECTOR_FORMAT, DETECTOR_FORMAT_VERSION, type DetectorState } from './detector-state';
import { type DetectorTrainingOptions, type ResolvedTrainingOptions, resolveTrainingOptions } from './detector-training-options';
import { InvalidInputError } from '../errors/invalid-input.error';
import { InvalidModelError } from '../errors/invalid-model.error';
import { Fnv1a } from '../fnv1a';
import { MAX_SEVERITY, NEUTRAL_SEVERITY } from '../level-severity';
import { type LineInfo, LineFeaturizer, RowScratch } from './line-featurizer';
import { type LogEvent, type NormalizedEvent, normalizeEvent } from '../log-event';
import { parseDetectorState } from './parse-detector-state';
import { TemplateFloors } from './template-floors';
import { noveltyDecision } from '../novelty-decision';
import { percentScore } from '../percent-score';
import { fitOffset } from '../threshold/fit-offset';

const EXPLAIN_CACHE_SIZE = 4096;

/**
 * logad's line model: each line becomes features relative to the training lines (the rarity of
 * its Drain template, its level, the TF-IDF rarity of its tokens), scored by an Isolation Forest.
 */
export class LogAnomalyDetector {
  /** Forest attributions of dense-only rows by their values: lines of one template share a row, so this is hit almost always. */
  private readonly explainCache = new Map<string, ReadonlyArray<{ feature: number; weight: number }>>();
  private readonly row = new RowScratch();

  private constructor(
    readonly version: string,
    private readonly trainedAt: string,
    private readonly options: ResolvedTrainingOptions,
    private readonly features: LineFeaturizer,
    private readonly forest: IsolationForest,
    /** Threshold on the line's score (forest scoreSamples moved by the level): decision = score − offset. */
    private readonly offset: number,
    /** How far a FATAL line's score is moved out (see DetectorTrainingOptions.severityWeight). */
    private readonly severityShift: number,
    /** Each training template's lowest training score; null for a model saved before they were kept. */
    private readonly floors: TemplateFloors | null,
  ) {}

  static train(events: ReadonlyArray<string | LogEvent>, options?: DetectorTrainingOptions): LogAnomalyDetector {
    const { trainedAt, ...opts } = resolveTrainingOptions(options);
    const normalized = normalizeAll(events, 'train');
    if (normalized.length < 2) throw new InvalidInputError(`train requires at least 2 events (got ${normalized.length})`);
    const features = LineFeaturizer.fit(normalized, opts.minDf, { tokenRarity: opts.tokenRarity, tfidfColumns: opts.tfidfColumns });
    const forest = new IsolationForest({ nEstimators: opts.nEstimators, maxSamples: opts.maxSamples, seed: opts.seed }).fit(
      trainingMatrix(features, normalized),
    );
    const training = trainingScores(features, forest, normalized);
    const { offset, severityShift } = fitThreshold(training, opts);
    const floors = TemplateFloors.fit(training.templateIds, shifted(training, severityShift));
    const hash = new Fnv1a().update(JSON.stringify(opts));
    for (const e of normalized)
      hash
        .update(e.message)
        .update('\u0000')
        .update(e.level ?? '')
        .update('\u0001');
    const version = `${compactTime(trainedAt)}-${hash.hex()}`;
    return new LogAnomalyDetector(version, trainedAt.toISOString(), opts, features, forest, offset, severityShift, floors);
  }

  /**
   * Scores each event; pure (the model does not learn from what it scores). With `explain: false`
   * the answers carry no `top_features` (the attributions cost a fifth of scoring a line).
   */
  score(events: ReadonlyArray<string | LogEvent>, options: { readonly explain?: boolean } = {}): DetectorPrediction[] {
    const explain = options.explain !== false;
    const normalized = normalizeAll(events, 'score');
    const out: DetectorPrediction[] = new Array(normalized.length);
    const offset = this.offset;
    for (let i = 0; i < normalized.length; i++) {
      const e = normalized[i];
      const info = this.featurize(e);
      const s = withSeverity(
        this.forest.scoreRow(this.row.indices.subarray(0, info.nnz), this.row.values.subarray(0, info.nnz)),
        info.levelsAboveInfo,
        this.severityShift,
      );
      const forestDecision = s - offset;
      const novel = info.templateId < 0 && this.options.flagNewTemplates;
      const decision = novel ? noveltyDecision(forestDecision, s) : forestDecision;
      const anomalous = decision < 0;
      const usual = info.templateId >= 0 && this.floors !== null ? this.floors.usual(info.templateId, s) : undefined;
      out[i] = {
        is_anomaly: anomalous,
        anomaly_score: decision,
        prediction: anomalous ? -1 : 1,
        score: percentScore(decision + offset, offset),
        explanation:
          info.templateId >= 0
            ? {
                template: info.templateText,
                template_id: info.templateId,
                new_template: false,
                ...(usual !== undefined ? { usual_for_template: usual } : {}),
                top_features: explain ? this.explain(e, info) : [],
              }
            : { template: info.templateText, new_template: true, top_features: explain ? this.explain(e, info) : [] },
      };
    }
    return out;
  }

  info(): DetectorInfo {
    return {
      version: this.version,
      trained_at: this.trainedAt,
      parameters: { ...this.options, features: [...this.features.featureNames] },
      vocabulary_size: this.features.vocabularySize,
      training_lines: this.features.trainingLines,
      templates: this.features.templateCount,
    };
  }

  toJSON(): DetectorState {
    return {
      format: DETECTOR_FORMAT,
      formatVersion: DETECTOR_FORMAT_VERSION,
      version: this.version,
      trainedAt: this.trainedAt,
      options: this.options,
      features: this.features.toState(),
      offset: this.offset,
      severityShift: this.severityShift,
      ...(this.floors !== null ? { templateFloors: this.floors.toState() } : {}),
      forest: this.forest.toJSON(),
    };
  }

  /** Restores a model saved by toJSON; throws InvalidModelError ('detector:invalid-model') if it is corrupt or incompatible. */
  static fromJSON(state: unknown): LogAnomalyDetector {
    const s = parseDetectorState(state);
    let features: LineFeaturizer;
    let forest: IsolationForest;
    let options: ResolvedTrainingOptions;
    try {
      const { trainedAt: _ignored, ...resolved } = resolveTrainingOptions({ severityWeight: 0, ...(s.options as DetectorTrainingOptions) });
      options = resolved;
      features = LineFeaturizer.fromState(s.features);
      forest = IsolationForest.fromJSON(s.forest);
    } catch (e) {
      throw new InvalidModelError(`LogAnomalyDetector.fromJSON requires a valid detector state: ${(e as Error).message}`);
    }
    if (forest.nFeatures !== features.width) {
      throw new InvalidModelError(`LogAnomalyDetector.fromJSON requires a forest over ${features.width} features (got ${forest.nFeatures})`);
    }
    // a model saved before the level moved scores decided on the forest alone, and its threshold was fitted so
    const floors = s.templateFloors === undefined ? null : TemplateFloors.fromState(s.templateFloors);
    return new LogAnomalyDetector(s.version, s.trainedAt, options, features, forest, s.offset, s.severityShift ?? 0, floors);
  }

  private featurize(e: NormalizedEvent): LineInfo {
    return this.features.featurizeRow(e, this.row);
  }

  private explain(e: NormalizedEvent, info: LineInfo): FeatureWeight[] {
    const raw = this.attributions(info.nnz);
    const merged = new Map<string, number>();
    for (const c of raw) {
      const name = this.featureLabel(c.feature, e, info);
      merged.set(name, (merged.get(name) ?? 0) + c.weight);
    }
    return [...merged]
      .map(([feature, weight]) => ({ feature, weight: Math.round(weight * 1000) / 1000 }))
      .sort((a, b) => b.weight - a.weight || (a.feature < b.feature ? -1 : 1))
      .slice(0, this.options.topFeatures);
  }

  /** DIFFI-style attributions of the row in the scratch buffers (see IsolationForest.explain). */
  private attributions(nnz: number): ReadonlyArray<{ feature: number; weight: number }> {
    const dense = !this.options.tfidfColumns;
    const key = dense ? this.row.values.subarray(0, nnz).join('|') : '';
    if (dense) {
      const hit = this.explainCache.get(key);
      if (hit !== undefined) return hit;
    }
    const row: CsrMatrix = {
      nRows: 1,
      nCols: this.features.width,
      indptr: Int32Array.of(0, nnz),
      indices: this.row.indices.slice(0, nnz),
      data: this.row.values.slice(0, nnz),
    };
    const raw = this.forest.explain(row, 0, this.options.topFeatures + 2);
    if (dense) {
      if (this.explainCache.size >= EXPLAIN_CACHE_SIZE) this.explainCache.clear();
      this.explainCache.set(key, raw);
    }
    return raw;
  }

  private featureLabel(col: number, e: NormalizedEvent, info: LineInfo): string {
    const name = this.features.columnName(col);
    if (name === 'level') return `level:${e.level ?? 'none'}`;
    if (name === 'token_rarity' && info.rarestToken !== null) return `token:${info.rarestToken}`;
    if (name === 'template_rarity' && info.templateId < 0) return 'unseen_template';
    return name;
  }
}

interface TrainingScores {
  readonly scores: Float64Array;
  readonly levels: Float64Array;
  readonly templateIds: Int32Array;
}

/** The forest's scoreSamples of the training lines, each scored exactly as a new line would be, their levels above INFO and templates. */
function trainingScores(features: LineFeaturizer, forest: IsolationForest, events: readonly NormalizedEvent[]): TrainingScores {
  const scores = new Float64Array(events.length);
  const levels = new Float64Array(events.length);
  const templateIds = new Int32Array(events.length);
  const row = new RowScratch();
  for (let r = 0; r < events.length; r++) {
    const info = features.featurizeRow(events[r], row, 0);
    scores[r] = forest.scoreRow(row.indices.subarray(0, info.nnz), row.values.subarray(0, info.nnz));
    levels[r] = info.levelsAboveInfo;
    templateIds[r] = info.templateId;
  }
  return { scores, levels, templateIds };
}

/** The training lines' scores as score() computes them (moved by the level). */
function shifted(training: TrainingScores, severityShift: number): Float64Array {
  return severityShift === 0 ? training.scores : training.scores.map((s, r) => withSeverity(s, training.levels[r], severityShift));
}

/** The level's shift ('auto': median to threshold on the forest's scores alone), then the threshold ({@link fitOffset}) on the shifted scores. */
function fitThreshold(training: TrainingScores, opts: ResolvedTrainingOptions): { offset: number; severityShift: number } {
  const forestScores = training.scores;
  const w = opts.severityWeight;
  const severityShift = w === 'auto' ? Math.min(1, Math.max(0, percentile(forestScores, 50) - fitOffset(forestScores, opts.contamination))) : w;
  return { offset: fitOffset(shifted(training, severityShift), opts.contamination), severityShift };
}

/** The forest's scoreSamples moved out by the line's level (levels above INFO); stays in [-1, 0]. */
function withSeverity(s: number, levelsAboveInfo: number, shift: number): number {
  if (shift === 0) return s;
  return Math.max(-1, s - shift * (levelsAboveInfo / (MAX_SEVERITY - NEUTRAL_SEVERITY)));
}

function trainingMatrix(features: LineFeaturizer, events: readonly NormalizedEvent[]): CsrMatrix {
  const indptr = new Int32Array(events.length + 1);
  let indices = new Int32Array(Math.max(64, events.length * 8));
  let data = new Float64Array(indices.length);
  let nnz = 0;
  const row = new RowScratch();
  for (let r = 0; r < events.length; r++) {
    const info = features.featurizeRow(events[r], row, 1);
    if (nnz + info.nnz > indices.length) {
      const cap = Math.max(2 * indices.length, nnz + info.nnz);
      const ni = new Int32Array(cap);
      ni.set(indices);
      indices = ni;
      const nd = new Float64Array(cap);
      nd.set(data);
      data = nd;
    }
    indices.set(row.indices.subarray(0, info.nnz), nnz);
    data.set(row.values.subarray(0, info.nnz), nnz);
    nnz += info.nnz;
    indptr[r + 1] = nnz;
  }
  return { nRows: events.length, nCols: features.width, indptr, indices: indices.slice(0, nnz), data: data.slice(0, nnz) };
}

function normalizeAll(events: ReadonlyArray<string | LogEvent>, caller: string): NormalizedEvent[] {
  if (!Array.isArray(events)) throw new InvalidInputError(`${caller} requires an array of events`);
  const out: NormalizedEvent[] = new Array(events.length);
  for (let i = 0; i < events.length; i++) out[i] = normalizeEvent(events[i], caller, i);
  return out;
}

/** 2026-11-25T12:00:00.000Z → 20261125T120000Z */
function compactTime(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}
