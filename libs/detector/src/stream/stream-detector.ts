import { InvalidInputError } from '../errors/invalid-input.error';
import { InvalidModelError } from '../errors/invalid-model.error';
import { SourceBaseline, type SourceBaselineState } from './source-baseline';
import { type ResolvedStreamOptions, type StreamOptions, resolveStreamOptions } from './stream-options';
import type { StreamEvent, StreamVerdict } from './stream-verdict';

export const STREAM_FORMAT = 'logad-stream-baselines';
export const STREAM_FORMAT_VERSION = 1;

/** Serialisable form of a {@link StreamDetector}. */
export interface StreamDetectorState {
  readonly format: typeof STREAM_FORMAT;
  readonly formatVersion: number;
  readonly options: ResolvedStreamOptions;
  readonly sources: ReadonlyArray<readonly [string, SourceBaselineState]>;
}

/**
 * The online stage: a baseline per source, learnt from every event in event time (so a replay of
 * history behaves like live traffic). A source it has not seen starts a learning period instead of
 * an alert storm; afterwards a template new to the source is `new_pattern` (one alert per template,
 * the grouping does that), a template far above its learnt rate is a `surge`, and what recurs
 * becomes normal by itself. Bounded: `maxSources` sources, `maxTemplatesPerSource` each, least
 * recently seen evicted.
 */
export class StreamDetector {
  /** Source → baseline (bounded by maxSources: the least recently seen in event time goes first). */
  private readonly sources = new Map<string, SourceBaseline>();

  private constructor(readonly options: ResolvedStreamOptions) {}

  static create(options?: StreamOptions): StreamDetector {
    return new StreamDetector(resolveStreamOptions(options));
  }

  /**
   * Baselines learnt from a training corpus: each source in it starts learnt (no learning period),
   * its templates part of its normal traffic. The '' source (events sent without one) is trained on
   * the whole corpus: with no source to go by, all the training traffic is the baseline.
   */
  static fromTraining(events: ReadonlyArray<{ readonly message: string; readonly source?: string | null }>, options?: StreamOptions, at = 0): StreamDetector {
    const d = StreamDetector.create(options);
    const bySource = new Map<string, string[]>();
    const all: string[] = [];
    for (const e of events) {
      all.push(e.message);
      const key = e.source ?? '';
      if (key === '') continue;
      let list = bySource.get(key);
      if (list === undefined) bySource.set(key, (list = []));
      list.push(e.message);
    }
    bySource.set('', all);
    for (const [name, messages] of bySource) d.sources.set(name, SourceBaseline.trained(name, messages, at, d.options));
    d.evict();
    return d;
  }

  /** Whether it holds a baseline of this source ('' for events without one). */
  hasSource(name: string): boolean {
    return this.sources.has(name);
  }

  get sourceCount(): number {
    return this.sources.size;
  }

  /** Learns the event and says whether it is an anomaly of the stream's kinds. */
  observe(e: StreamEvent): StreamVerdict {
    if (e === null || typeof e !== 'object' || typeof e.message !== 'string') throw new InvalidInputError('observe requires { message: string, timestamp: number }');
    if (typeof e.timestamp !== 'number' || !Number.isFinite(e.timestamp)) throw new InvalidInputError('observe requires a finite timestamp (epoch ms)');
    const name = e.source ?? '';
    let b = this.sources.get(name);
    if (b === undefined) {
      b = SourceBaseline.empty(name, e.timestamp, this.options.maxTemplatesPerSource);
      this.sources.set(name, b);
      this.evict(b);
    }
    const given = e.level === undefined || e.level === null ? null : canonicalLevel(e.level);
    return b.observe(e.message, given, e.timestamp, this.options);
  }

  /** Takes over the sources of `other` that this one has never seen (replicas sharing what they learnt). */
  adoptUnknownSources(other: StreamDetector): number {
    let n = 0;
    for (const [name, b] of other.sources) {
      if (this.sources.has(name)) continue;
      this.sources.set(name, b);
      n++;
    }
    this.evict();
    return n;
  }

  /** Sources and their template counts, for /model and the docs' memory figures. */
  describe(): Array<{ source: string; templates: number; lines: number; lastSeen: number; learning: boolean; learningEndsAt: number | null; trained: boolean }> {
    return [...this.sources.values()].map((b) => {
      const ends = b.learningEndsAt(this.options.learningMs);
      return { source: b.name, templates: b.templateCount, lines: b.lineCount, lastSeen: b.lastSeenAt, learning: ends !== null && b.lastSeenAt < ends, learningEndsAt: ends, trained: b.isTrained };
    });
  }

  toJSON(): StreamDetectorState {
    return { format: STREAM_FORMAT, formatVersion: STREAM_FORMAT_VERSION, options: this.options, sources: [...this.sources].map(([n, b]) => [n, b.toState()] as const) };
  }

  /** Restores saved baselines; throws InvalidModelError ('detector:invalid-model') for a corrupt or foreign state. */
  static fromJSON(state: unknown): StreamDetector {
    const s = state as StreamDetectorState;
    if (s === null || typeof s !== 'object' || s.format !== STREAM_FORMAT || s.formatVersion !== STREAM_FORMAT_VERSION || !Array.isArray(s.sources)) {
      throw new InvalidModelError(`StreamDetector.fromJSON requires a ${STREAM_FORMAT} v${STREAM_FORMAT_VERSION} state`);
    }
    try {
      const d = new StreamDetector(resolveStreamOptions(s.options));
      for (const [name, b] of s.sources) d.sources.set(name, SourceBaseline.fromState(name, b));
      return d;
    } catch (err) {
      throw new InvalidModelError(`StreamDetector.fromJSON requires a valid state: ${(err as Error).message}`);
    }
  }

  /** Drops the least recently seen sources (event time) beyond the cap: a scan, paid only when a new source overflows it. */
  private evict(keep?: SourceBaseline): void {
    while (this.sources.size > this.options.maxSources) {
      let oldest: string | null = null;
      let at = Infinity;
      for (const [name, b] of this.sources) {
        if (b !== keep && b.lastSeenAt < at) {
          at = b.lastSeenAt;
          oldest = name;
        }
      }
      this.sources.delete(oldest as string);
    }
  }
}

/** The level as the decision reads it: upper case, trimmed, null when blank (most levels already are: no copy then). */
function canonicalLevel(level: string): string | null {
  if (/^[A-Z]+$/.test(level)) return level;
  const t = level.trim();
  return t === '' ? null : t.toUpperCase();
}
