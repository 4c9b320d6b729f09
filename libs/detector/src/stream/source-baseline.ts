import { TemplateMiner, type TemplateMinerState } from '@logad/templates';
import type { MaskedText } from '@logad/text';
import { levelSeverity } from '../level-severity';
import { baselineTemplateId } from './baseline-template-id';
import { detectLevel } from './detect-level';
import type { ResolvedStreamOptions } from './stream-options';
import type { StreamVerdict } from './stream-verdict';
import { countLine, newTemplateStats, resetRate, type TemplateStats, type TemplateStatsState } from './template-stats';

/** Serialisable form of a {@link SourceBaseline}. */
export interface SourceBaselineState {
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly lines: number;
  /** Learnt from a trained model's corpus: no learning period. */
  readonly trained: boolean;
  readonly miner: TemplateMinerState;
  readonly templates: ReadonlyArray<readonly [number, TemplateStatsState]>;
  readonly volume: TemplateStatsState;
}

/**
 * One source's baseline, learnt online in event time: its templates (an online template miner of
 * its own), and per template first/last seen, distinct buckets and the rate per bucket.
 */
export class SourceBaseline {
  /** Miner id → stats, in least-recently-seen order (Map order; touched entries move to the end). */
  private readonly stats: Map<number, TemplateStats>;
  /** Templates seen exactly once: the Good-Turing numerator of the chance that the next line is new. */
  private singletons: number;
  /** The source's own volume per bucket, all templates together. */
  private readonly volume: TemplateStats;

  private constructor(
    readonly name: string,
    private readonly miner: TemplateMiner,
    private firstSeen: number,
    private lastSeen: number,
    private lines: number,
    private readonly trained: boolean,
    stats: Map<number, TemplateStats>,
    volume?: TemplateStatsState,
  ) {
    this.stats = stats;
    this.volume = volume ? { ...volume } : newTemplateStats('', 0, firstSeen, 0, true);
    let n = 0;
    for (const s of stats.values()) if (s.count === 1) n++;
    this.singletons = n;
  }

  static empty(name: string, ts: number, maxTemplates: number): SourceBaseline {
    return new SourceBaseline(name, new TemplateMiner({ maxTemplates }), ts, ts, 0, false, new Map());
  }

  /** A baseline learnt from training lines (no timestamps): every template in it is established. */
  static trained(name: string, messages: readonly string[], ts: number, opts: ResolvedStreamOptions): SourceBaseline {
    const b = new SourceBaseline(name, new TemplateMiner({ maxTemplates: opts.maxTemplatesPerSource }), ts, ts, 0, true, new Map());
    for (const m of messages) b.observe(m, null, ts, opts, true);
    // A corpus has no time: its lines say which templates are normal, not at what rate.
    for (const t of b.stats.values()) resetRate(t);
    resetRate(b.volume);
    return b;
  }

  static fromState(name: string, s: SourceBaselineState): SourceBaseline {
    const stats = new Map<number, TemplateStats>(s.templates.map(([id, t]) => [id, { ...t }]));
    return new SourceBaseline(name, TemplateMiner.fromJSON(s.miner), s.firstSeen, s.lastSeen, s.lines, s.trained, stats, s.volume);
  }

  get templateCount(): number {
    return this.stats.size;
  }

  /** Learnt from a training corpus (the line model knows this source's traffic). */
  get isTrained(): boolean {
    return this.trained;
  }

  /** Where its learning period ends in event time (null: learnt from a training corpus). */
  learningEndsAt(learningMs: number): number | null {
    return this.trained ? null : this.firstSeen + learningMs;
  }

  get lineCount(): number {
    return this.lines;
  }

  get lastSeenAt(): number {
    return this.lastSeen;
  }

  /**
   * Learns one line and says whether it is new or surging; `level` is the event's own level (null
   * when it came without one: then the line's stated level is read, for anomalies only — it sets
   * their score and reason, and reading it costs more than the rest of the decision).
   * `learnOnly` (training) takes the line into the baseline as normal traffic.
   */
  observe(message: string, level: string | null, ts: number, opts: ResolvedStreamOptions, learnOnly = false): StreamVerdict {
    if (ts > this.lastSeen) this.lastSeen = ts;
    if (ts < this.firstSeen) this.firstSeen = ts;
    const learning = learnOnly || (!this.trained && this.lastSeen - this.firstSeen < opts.learningMs);
    // masked once: the line model reuses it (see StreamVerdict.masked)
    const masked = this.miner.maskText(message);
    const match = this.miner.add(message, { masked, parameters: false });
    const bucket = Math.floor(ts / opts.bucketMs);
    let s = this.stats.get(match.templateId);
    if (s === undefined) {
      // A template that is not new to the miner (a merge of known ones, or one our cap evicted) is not news.
      s = newTemplateStats(match.template, baselineTemplateId(this.name, match.template), ts, bucket, learning || !match.isNew);
      this.stats.set(match.templateId, s);
      this.evict(opts.maxTemplatesPerSource, s);
    }
    // Good-Turing: the share of lines so far whose template was seen once estimates the chance of a new one.
    const missingMass = this.lines === 0 ? 1 : this.singletons / this.lines;
    const wasNew = !s.established;
    // the source's usual volume, read before this bucket's lines count into it
    const usual = this.volume.closed > 0 ? { mean: this.volume.mean, sd: Math.sqrt(Math.max(this.volume.variance, this.volume.mean)) } : null;
    countLine(s, ts, bucket, opts.rateMemoryBuckets);
    countLine(this.volume, ts, bucket, opts.rateMemoryBuckets);
    this.lines++;
    if (s.count === 1) this.singletons++;
    else if (s.count === 2) this.singletons--;
    if (learning) s.established = true;
    const established = s.established;
    const verdict = (lv: string | null, kind: StreamVerdict['kind'], score: number, reason: string | null): StreamVerdict =>
      verdictOf(this.name, s.id, match.template, lv, learning, this.trained, established, kind, score, reason, masked);
    if (learning) return verdict(level, null, 0, null);

    if (wasNew) {
      level ??= detectLevel(message);
      // A burst: the new pattern alone, in this bucket, outnumbers what the whole source usually writes.
      const burst = s.inBucket >= opts.burstLines && (usual === null || s.inBucket > usual.mean + opts.surgeSigmas * usual.sd);
      // A source learnt from a training corpus is settled by choice: the operator said that corpus is its normal traffic.
      // A line its service calls routine (INFO or lower) is believed until it repeats as a burst.
      const routine = level !== null && levelSeverity(level) < opts.routineBelowSeverity;
      const settled = !routine && (this.trained || missingMass <= opts.settledMissingMass);
      if (s.buckets >= opts.establishedBuckets && ts - s.firstSeen >= opts.noveltyMs) s.established = true;
      // One alert per new pattern: flagged for noveltyMs from its first flagged line, then learnt (Confirm keeps it flagged).
      else if (s.flagged && ts - (s.flaggedAt ?? s.firstSeen) >= opts.noveltyMs) s.established = true;
      else if (s.flagged || burst || settled) {
        if (!s.flagged) s.flaggedAt = ts;
        s.flagged = true;
        return verdict(level, 'new_pattern', newPatternScore(level, s.count, opts.burstLines), newPatternReason(this.name, s, level));
      }
      return verdict(level, null, 40, null);
    }
    const surge = surgeOf(s, opts);
    // A routine line (INFO or lower) that surges while its source writes as usual is the service's own
    // rhythm (a UI redraw, a periodic flush); a flood it logs as routine raises the source's output too.
    // The source's bar is Poisson noise of its usual rate: a storm earlier in the hour does not raise it.
    if (
      surge !== null &&
      levelSeverity(level ?? detectLevel(message)) < opts.routineBelowSeverity &&
      usual !== null &&
      this.volume.inBucket <= usual.mean + opts.surgeSigmas * Math.sqrt(usual.mean)
    )
      return verdict(level, null, 0, null);
    if (surge !== null) return verdict(level, 'surge', surge.score, `${s.inBucket} lines of this pattern in ${minutes(opts.bucketMs)}, usually ${surge.usual}`);
    return verdict(level, null, 0, null);
  }

  toState(): SourceBaselineState {
    return {
      firstSeen: this.firstSeen,
      lastSeen: this.lastSeen,
      lines: this.lines,
      trained: this.trained,
      miner: this.miner.toJSON(),
      templates: [...this.stats].map(([id, s]) => [id, { ...s }] as const),
      volume: { ...this.volume },
    };
  }

  /** Drops the least recently seen templates (event time) beyond the cap, never `keep` (the one just added). */
  private evict(max: number, keep: TemplateStats): void {
    while (this.stats.size > max) {
      let oldest = 0;
      let victim: TemplateStats | null = null;
      for (const [id, t] of this.stats) {
        if (t !== keep && (victim === null || t.lastSeen < victim.lastSeen)) {
          victim = t;
          oldest = id;
        }
      }
      if (victim === null) return;
      if (victim.count === 1) this.singletons--;
      this.stats.delete(oldest);
    }
  }
}

/** One object literal per verdict (a spread of a shared base was a quarter of observe's time). */
function verdictOf(
  source: string,
  templateId: number,
  template: string,
  level: string | null,
  learning: boolean,
  trainedSource: boolean,
  established: boolean,
  kind: StreamVerdict['kind'],
  score: number,
  reason: string | null,
  masked: MaskedText | null,
): StreamVerdict {
  return { source, templateId, template, level, learning, trainedSource, established, kind, score, reason, masked };
}

/** Severity sets the base (a new ERROR matters more than a new DEBUG line); a burst adds to it. */
function newPatternScore(level: string | null, count: number, burstLines: number): number {
  const rank = level === null ? 2 : levelSeverity(level);
  const base = [58, 60, 65, 72, 82, 90][rank] ?? 65;
  const burst = count >= burstLines ? Math.min(9, 3 * Math.log2(count / burstLines) + 3) : 0;
  return Math.round(Math.min(99, base + burst) * 100) / 100;
}

function newPatternReason(source: string, s: TemplateStats, level: string | null): string {
  const where = source === '' ? 'this source' : source;
  const lv = level === null ? '' : `${level} `;
  return s.count === 1
    ? `new ${lv}pattern: never seen on ${where} before`
    : `new ${lv}pattern: ${s.count} lines since ${new Date(s.firstSeen).toISOString()}, never seen on ${where} before`;
}

/** A surge: the count in the current bucket far above the learnt rate (ratio, sigmas and a floor all met). */
function surgeOf(s: TemplateStats, opts: ResolvedStreamOptions): { score: number; usual: string } | null {
  if (s.closed < 5) return null; // too little history for a rate
  const c = s.inBucket;
  const sd = Math.sqrt(Math.max(s.variance, s.mean, 1e-9));
  const limit = Math.max(opts.surgeMinLines, opts.surgeRatio * s.mean, s.mean + opts.surgeSigmas * sd);
  if (c < limit) return null;
  const score = Math.min(99, 60 + 10 * Math.log2(c / limit + 1));
  return { score: Math.round(score * 100) / 100, usual: `${s.mean.toFixed(s.mean < 10 ? 1 : 0)} ± ${sd.toFixed(sd < 10 ? 1 : 0)}` };
}

function minutes(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000} min` : `${ms / 1000} s`;
}
