import { IsolationForest } from '@logad/iforest';
import { InvalidInputError } from '../errors/invalid-input.error';
import { InvalidModelError } from '../errors/invalid-model.error';
import { Fnv1a } from '../fnv1a';
import { type LogEvent, type NormalizedEvent, normalizeEvent } from '../log-event';
import { noveltyDecision } from '../novelty-decision';
import { percentScore } from '../percent-score';
import { type CountInvariant, INVARIANT_MAX_COEFFICIENT, INVARIANT_MAX_COLUMNS, INVARIANT_MIN_SHARE, INVARIANT_PER_TEMPLATE, mineCountInvariants, violates } from './count-invariants';
import { fitOffset } from '../threshold/fit-offset';
import { type FollowUp, mineFollowUps, overdue } from './overdue-follow-ups';
import { type SessionFacts, SessionFeaturizer } from './session-featurizer';
import { type ResolvedSessionOptions, type SessionOptions, resolveSessionOptions } from './session-options';
import type { SessionPrediction } from './session-prediction';
import { SESSION_FORMAT, SESSION_FORMAT_VERSION, type SessionDetectorState, parseSessionState } from './session-state';

/** What a trained session model is. */
export interface SessionDetectorInfo {
  version: string;
  trained_at: string;
  parameters: Record<string, unknown>;
  templates: number;
  training_sessions: number;
}

/**
 * Session model, trained without labels: an Isolation Forest over which templates each session holds (or their log-counts)
 * and the rarity of its rarest template, plus novelty checks the forest cannot see (it cannot
 * extrapolate beyond its training data): a template or a template-to-template transition no
 * training session had, more lines of a template than any training session had, or a template
 * every training session had missing. A session is anomalous when the forest says so or it shows a novelty.
 */
export class SessionDetector {
  private readonly row: Float64Array;
  private readonly expected: number[];

  private constructor(
    readonly version: string,
    private readonly trainedAt: string,
    private readonly options: ResolvedSessionOptions,
    private readonly features: SessionFeaturizer,
    private readonly forest: IsolationForest,
    private readonly offset: number,
    private readonly invariants: readonly CountInvariant[],
    private readonly followUps: readonly FollowUp[],
    private readonly latestTimestamp: number | null,
  ) {
    this.row = new Float64Array(features.width);
    this.expected = options.expectedSupport > 1 ? [] : features.expectedColumns(options.expectedSupport);
  }

  static train(sessions: ReadonlyArray<ReadonlyArray<string | LogEvent>>, options?: SessionOptions): SessionDetector {
    const { trainedAt, ...opts } = resolveSessionOptions(options);
    const normalized = normalizeSessions(sessions, 'SessionDetector.train');
    if (normalized.length < 2) throw new InvalidInputError(`SessionDetector.train requires at least 2 sessions (got ${normalized.length})`);
    const features = SessionFeaturizer.fit(normalized, opts.counts);
    const w = features.width;
    const data = new Float64Array(normalized.length * w);
    const row = new Float64Array(w);
    const trainingCounts: Float64Array[] = [];
    const timedColumns: Array<{ columns: Int32Array; times: Array<number | null> }> = [];
    normalized.forEach((s, r) => {
      const facts = features.featurize(s, row, 1);
      trainingCounts.push(facts.counts);
      timedColumns.push({ columns: facts.lineColumns, times: s.map((e) => e.timestamp) });
      data.set(row, r * w);
    });
    const latestTimestamp = latestTime(normalized);
    const followUps =
      opts.followUpSupport > 1 || latestTimestamp === null
        ? []
        : mineFollowUps(timedColumns, w - 1, { support: opts.followUpSupport, minShare: INVARIANT_MIN_SHARE, maxDelayMs: opts.idleTimeoutMs });
    const invariants =
      opts.invariantSupport > 1
        ? []
        : mineCountInvariants(trainingCounts, w - 1, {
            support: opts.invariantSupport,
            minShare: INVARIANT_MIN_SHARE,
            maxColumns: INVARIANT_MAX_COLUMNS,
            maxCoefficient: INVARIANT_MAX_COEFFICIENT,
            perTemplate: INVARIANT_PER_TEMPLATE,
          });
    const forest = new IsolationForest({ nEstimators: opts.nEstimators, maxSamples: opts.maxSamples, seed: opts.seed }).fit({ nRows: normalized.length, nCols: w, data });
    // the threshold is set on the training sessions scored exactly as new sessions are
    const scores = normalized.map((s) => {
      features.featurize(s, row, 0);
      return forest.scoreRow(null, row);
    });
    const offset = fitOffset(scores, opts.contamination);
    const hash = new Fnv1a().update(JSON.stringify(opts));
    for (const s of normalized) {
      for (const e of s) hash.update(e.message).update('\u0000');
      hash.update('\u0001');
    }
    const version = `${trainedAt.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')}-${hash.hex()}`;
    return new SessionDetector(version, trainedAt.toISOString(), opts, features, forest, offset, invariants, followUps, latestTimestamp);
  }

  /**
   * Scores each session (its lines in order); pure. Follow-ups are judged overdue against the
   * latest event time among the training sessions and these ones.
   */
  score(sessions: ReadonlyArray<ReadonlyArray<string | LogEvent>>): SessionPrediction[] {
    const normalized = normalizeSessions(sessions, 'SessionDetector.score');
    const now = Math.max(this.latestTimestamp ?? -Infinity, latestTime(normalized) ?? -Infinity);
    return normalized.map((s) => this.scoreOne(s, now));
  }

  info(): SessionDetectorInfo {
    return {
      version: this.version,
      trained_at: this.trainedAt,
      parameters: { ...this.options },
      templates: this.features.templateCount,
      training_sessions: this.features.trainingSessions,
    };
  }

  toJSON(): SessionDetectorState {
    return {
      format: SESSION_FORMAT,
      formatVersion: SESSION_FORMAT_VERSION,
      version: this.version,
      trainedAt: this.trainedAt,
      options: this.options,
      offset: this.offset,
      features: this.features.toState(),
      forest: this.forest.toJSON(),
      invariants: this.invariants.map((v) => ({ ...v })),
      followUps: this.followUps.map((r) => ({ ...r })),
      latestTimestamp: this.latestTimestamp,
    };
  }

  /** Restores a model saved by toJSON; throws InvalidModelError ('detector:invalid-model') if it is corrupt or incompatible. */
  static fromJSON(state: unknown): SessionDetector {
    const s = parseSessionState(state);
    let features: SessionFeaturizer;
    let forest: IsolationForest;
    let options: ResolvedSessionOptions;
    try {
      const { trainedAt: _ignored, ...resolved } = resolveSessionOptions({
        ...s.options,
        // a model saved before the margin existed decides as it was trained: at the threshold alone
        forestConfidence: (s.options as Partial<ResolvedSessionOptions>).forestConfidence ?? 0,
        keyPattern: s.options.keyPattern ?? undefined,
        endPattern: s.options.endPattern ?? undefined,
      });
      options = resolved;
      features = SessionFeaturizer.fromState(s.features);
      forest = IsolationForest.fromJSON(s.forest);
    } catch (e) {
      throw new InvalidModelError(`SessionDetector.fromJSON requires a valid session detector state: ${(e as Error).message}`);
    }
    if (forest.nFeatures !== features.width) {
      throw new InvalidModelError(`SessionDetector.fromJSON requires a forest over ${features.width} features (got ${forest.nFeatures})`);
    }
    const invariants = s.invariants ?? [];
    for (const v of invariants) {
      if (![...v.columns, ...v.stages].every((c) => c < features.width - 1)) throw new InvalidModelError('SessionDetector.fromJSON requires invariants over the model\'s count columns');
    }
    const followUps = s.followUps ?? [];
    if (!followUps.every((r) => r.from < features.width - 1 && r.to < features.width - 1)) throw new InvalidModelError('SessionDetector.fromJSON requires follow-ups over the model\'s count columns');
    return new SessionDetector(s.version, s.trainedAt, options, features, forest, s.offset, invariants, followUps, s.latestTimestamp ?? null);
  }

  private scoreOne(session: readonly NormalizedEvent[], now: number): SessionPrediction {
    const facts = this.features.featurize(session, this.row, 0);
    const { score: raw, standardError } = this.forest.scoreRowWithError(this.row);
    // beyond the threshold by more than the forest's own sampling error, or not reliably beyond it
    const forestDecision = raw - this.offset + this.options.forestConfidence * standardError;
    const novelties = this.novelties(facts, session, now);
    const anomalous = forestDecision < 0 || novelties.length > 0;
    const decision = novelties.length === 0 ? forestDecision : noveltyDecision(forestDecision, raw);
    const top = this.explain();
    return {
      is_anomaly: anomalous,
      anomaly_score: decision,
      prediction: anomalous ? -1 : 1,
      score: percentScore(decision + this.offset, this.offset),
      forest_score: forestDecision,
      reason: novelties.length > 0 ? novelties.join('; ') : anomalous ? this.forestReason(top, facts) : 'ordinary',
      unseen_templates: facts.unseenTemplates,
      top_features: top.map((t) => ({ feature: t.name, weight: t.weight })),
    };
  }

  private novelties(facts: SessionFacts, session: readonly NormalizedEvent[], now: number): string[] {
    const out: string[] = [];
    for (const t of facts.unseenTemplates) out.push(`template never seen in training: "${t}"`);
    if (this.options.transitions) {
      for (const [a, b] of facts.unseenTransitions) out.push(`transition never seen in training: "${this.features.templateText(a)}" → "${this.features.templateText(b)}"`);
    }
    if (this.options.countRange) {
      for (let c = 0; c < this.features.width - 1; c++) {
        const max = this.features.columnMax(c);
        if (facts.counts[c] > max) out.push(`${facts.counts[c]} "${this.features.templateText(this.features.columnTemplate(c))}" lines, more than any training session had (${max})`);
      }
    }
    if (this.followUps.length > 0) {
      const timed = { columns: facts.lineColumns, times: session.map((e) => e.timestamp) };
      for (const r of this.followUps) {
        if (overdue(r, timed, now)) {
          out.push(`"${this.columnText(r.to)}" overdue: it followed "${this.columnText(r.from)}" within ${seconds(r.delayMs)} in ${pct(r.support)} of training sessions`);
        }
      }
    }
    for (const v of this.invariants) if (violates(v, facts.counts)) out.push(`broke a count relation held by ${(100 * v.support).toFixed(1)}% of training sessions: ${this.relationText(v, facts.counts)}`);
    const warned = new Set(facts.warningColumns.filter((c) => this.features.columnShare(c) < this.options.rareWarningShare));
    for (const c of warned) out.push(`warning almost no training session logged: "${this.features.templateText(this.features.columnTemplate(c))}" (in ${pct(this.features.columnShare(c))} of them)`);
    for (let c = 0; c < this.features.width - 1; c++) {
      if (facts.counts[c] > 0 && !warned.has(c) && this.features.columnShare(c) < this.options.rareTemplateShare) {
        out.push(`template almost no training session had: "${this.features.templateText(this.features.columnTemplate(c))}" (in ${pct(this.features.columnShare(c))} of them)`);
      }
    }
    for (const c of this.expected) {
      if (facts.counts[c] === 0) out.push(`missing "${this.features.templateText(this.features.columnTemplate(c))}", which ${pct(this.features.columnShare(c))} of training sessions had`);
    }
    return out;
  }

  private columnText(c: number): string {
    return this.features.templateText(this.features.columnTemplate(c));
  }

  /** e.g. `1 × "Receiving block <*>" (4) = 1 × "PacketResponder <*> terminating" (3)` */
  private relationText(v: CountInvariant, counts: ArrayLike<number>): string {
    const term = (i: number): string => `${Math.abs(v.coefficients[i])} × "${this.features.templateText(this.features.columnTemplate(v.columns[i]))}" (${counts[v.columns[i]]})`;
    const left = v.columns.map((_, i) => i).filter((i) => v.coefficients[i] > 0).map(term);
    const right = v.columns.map((_, i) => i).filter((i) => v.coefficients[i] < 0).map(term);
    return `${left.join(' + ')} = ${right.join(' + ')}`;
  }

  private explain(): Array<{ name: string; column: number; weight: number }> {
    const w = this.features.width;
    return this.forest.explain({ nRows: 1, nCols: w, data: this.row }, 0, 3).map((c) => ({
      column: c.feature,
      weight: Math.round(c.weight * 1000) / 1000,
      name: c.feature === w - 1 ? 'rarest_template' : `count:${this.features.templateText(this.features.columnTemplate(c.feature))}`,
    }));
  }

  private forestReason(top: ReadonlyArray<{ column: number }>, facts: SessionFacts): string {
    const col = top[0]?.column ?? -1;
    if (col === this.features.width - 1 && facts.rarestColumn >= 0) {
      const c = facts.rarestColumn;
      return `rare template for a session: "${this.features.templateText(this.features.columnTemplate(c))}" (in ${pct(this.features.columnShare(c))} of training sessions)`;
    }
    if (col >= 0 && col < this.features.width - 1) return `unusual number of "${this.features.templateText(this.features.columnTemplate(col))}" lines: ${facts.counts[col]}`;
    return 'unusual mix of templates';
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10000 ? 1 : 0)} s`;
}

/** Latest event time of the sessions, epoch ms, or null when no line is timed. */
function latestTime(sessions: ReadonlyArray<ReadonlyArray<NormalizedEvent>>): number | null {
  let latest: number | null = null;
  for (const s of sessions) for (const e of s) if (e.timestamp !== null && (latest === null || e.timestamp > latest)) latest = e.timestamp;
  return latest;
}

function pct(x: number): string {
  return `${(100 * x).toFixed(x >= 0.1 ? 0 : 2)}%`;
}

function normalizeSessions(sessions: ReadonlyArray<ReadonlyArray<string | LogEvent>>, caller: string): NormalizedEvent[][] {
  if (!Array.isArray(sessions)) throw new InvalidInputError(`${caller} requires an array of sessions`);
  return sessions.map((s, i) => {
    if (!Array.isArray(s)) throw new InvalidInputError(`${caller} requires every session to be an array of events (session ${i} is not)`);
    return s.map((e, j) => normalizeEvent(e, caller, j));
  });
}
