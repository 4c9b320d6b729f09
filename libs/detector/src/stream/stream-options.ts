import { InvalidOptionError } from '../errors/invalid-option.error';

/** Options of {@link StreamDetector}: how per-source baselines are learnt online, in event time. */
export interface StreamOptions {
  /**
   * Width of a count bucket (event time). Rates, surges and "seen in how many buckets" are per bucket.
   * @defaultValue 60_000 (one minute)
   */
  bucketMs?: number;
  /**
   * Learning period of a source: from its first line, this much event time passes before anything
   * new on it is flagged. A source that came with the trained model starts learnt.
   * @defaultValue 600_000 (ten minutes)
   */
  learningMs?: number;
  /**
   * A template stays "new" until it has been seen in this many distinct buckets and for at least
   * `noveltyMs`; after that it is part of the source's normal traffic without an operator.
   * @defaultValue 3
   */
  establishedBuckets?: number;
  /**
   * Least age of a template before it can be established (see establishedBuckets).
   * @defaultValue 300_000 (five minutes)
   */
  noveltyMs?: number;
  /**
   * A new template on a learnt source is flagged from its first line when the source's discovery has
   * settled: the Good-Turing estimate of the chance that its next line has an unseen template
   * (templates seen once ÷ lines) is at most this. On a source still discovering templates, a new
   * template is flagged only as a burst (see burstLines).
   * @defaultValue 0.003
   */
  settledMissingMass?: number;
  /**
   * A new template whose level (the event's own, else the one the line states) ranks below this is
   * routine by the service's own word and is flagged only as a burst, settled source or not. Ranks
   * follow syslog folded onto library names: 0 trace, 1 debug, 2 info/notice, 3 warn, 4 error,
   * 5 fatal. Lines without a level are judged by the source's discovery rate alone. 0 turns it off.
   * @defaultValue 3 (WARN: a new INFO, NOTICE or DEBUG line does not page anyone by itself)
   */
  routineBelowSeverity?: number;
  /**
   * A new template with this many lines while still new is a burst, flagged whatever the source's
   * discovery rate: a pattern the source never wrote, now written over and over.
   * @defaultValue 10
   */
  burstLines?: number;
  /**
   * Surge: an established template's count in one bucket at least this many lines…
   * @defaultValue 20
   */
  surgeMinLines?: number;
  /**
   * …and at least this many times its learnt rate per bucket…
   * @defaultValue 5
   */
  surgeRatio?: number;
  /**
   * …and this many standard deviations above it (the learnt spread of its bucket counts, Poisson at least).
   * @defaultValue 6
   */
  surgeSigmas?: number;
  /**
   * Memory of the learnt rate, in buckets (EWMA with α = 1 / rateMemoryBuckets).
   * @defaultValue 60
   */
  rateMemoryBuckets?: number;
  /**
   * Most sources kept; the least recently seen is evicted (and re-learns if it comes back).
   * @defaultValue 1000
   */
  maxSources?: number;
  /**
   * Most templates kept per source; the least recently seen is evicted.
   * @defaultValue 2000
   */
  maxTemplatesPerSource?: number;
}

export type ResolvedStreamOptions = Required<StreamOptions>;

export const STREAM_DEFAULTS: ResolvedStreamOptions = {
  bucketMs: 60_000,
  learningMs: 600_000,
  establishedBuckets: 3,
  noveltyMs: 300_000,
  settledMissingMass: 0.003,
  routineBelowSeverity: 3,
  burstLines: 10,
  surgeMinLines: 20,
  surgeRatio: 5,
  surgeSigmas: 6,
  rateMemoryBuckets: 60,
  maxSources: 1000,
  maxTemplatesPerSource: 2000,
};

const POSITIVE_INTEGERS = new Set<keyof StreamOptions>(['bucketMs', 'establishedBuckets', 'burstLines', 'surgeMinLines', 'rateMemoryBuckets', 'maxSources', 'maxTemplatesPerSource']);

/** Validates options and fills defaults; throws InvalidOptionError naming the option. */
export function resolveStreamOptions(options: StreamOptions | undefined): ResolvedStreamOptions {
  const o = options ?? {};
  if (o === null || typeof o !== 'object') throw new InvalidOptionError('StreamDetector requires options to be an object');
  const out: Record<string, number> = { ...STREAM_DEFAULTS };
  for (const [k, v] of Object.entries(o)) {
    if (!(k in STREAM_DEFAULTS)) throw new InvalidOptionError(`StreamDetector got an unknown option '${k}'`);
    if (v === undefined) continue;
    const key = k as keyof StreamOptions;
    const ok = typeof v === 'number' && Number.isFinite(v) && (POSITIVE_INTEGERS.has(key) ? Number.isInteger(v) && v >= 1 : v >= 0);
    if (!ok) throw new InvalidOptionError(`StreamDetector requires ${k} to be ${POSITIVE_INTEGERS.has(key) ? 'an integer >= 1' : 'a number >= 0'} (got ${String(v)})`);
    if (key === 'routineBelowSeverity' && (!Number.isInteger(v) || (v as number) > 6)) throw new InvalidOptionError(`StreamDetector requires routineBelowSeverity to be an integer in [0, 6] (got ${String(v)})`);
    if (key === 'settledMissingMass' && (v as number) > 1) throw new InvalidOptionError(`StreamDetector requires settledMissingMass in [0, 1] (got ${String(v)})`);
    out[k] = v as number;
  }
  return out as ResolvedStreamOptions;
}
