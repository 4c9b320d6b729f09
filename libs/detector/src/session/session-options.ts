import { InvalidOptionError } from '../errors/invalid-option.error';
import { type ThresholdRule, checkThresholdRule } from '../threshold/threshold-rule';

/** Options of {@link SessionDetector.train}; the grouping options are stored for the worker that groups records. */
export interface SessionOptions {
  /**
   * Regex source whose match (or first capture group) in a message is the session key, e.g.
   * 'blk_-?\\d+'. `undefined` = no regex grouping (the worker may group by a field instead).
   * @defaultValue undefined
   */
  keyPattern?: string;
  /**
   * Regex source of a line that closes its session at once (besides the idle timeout).
   * @defaultValue undefined
   */
  endPattern?: string;
  /**
   * A session with no new line for this long is closed and scored.
   * @defaultValue 30000
   */
  idleTimeoutMs?: number;
  /**
   * A session holding a consecutive pair of templates that no training session had is anomalous
   * (DeepLog-style novelty). Turn off for sources whose sessions interleave concurrent work.
   * @defaultValue true
   */
  transitions?: boolean;
  /**
   * A session with more lines of a template than any training session had is anomalous.
   * @defaultValue true
   */
  countRange?: boolean;
  /**
   * A template held by at least this share of training sessions is expected: a session without it
   * (e.g. missing its end event) is anomalous. 1 = only templates every training session had;
   * a value > 1 turns the check off.
   * @defaultValue 1
   */
  expectedSupport?: number;
  /**
   * Count invariants: a linear relation between template counts (e.g. as many `Receiving block`
   * as `PacketResponder … terminating` plus `Received block … src … dest` lines) that holds in at
   * least this share of the training sessions holding its templates is expected; a session
   * breaking it is anomalous (Invariant Mining, Lou et al. 2010). Not a violation: a session with
   * none of the lines of a template most of those sessions had (a stage not reached yet, e.g. a
   * block not deleted). Below 1 because unlabelled anomalies in training break real invariants;
   * a value > 1 turns the check off.
   * @defaultValue 0.99
   */
  invariantSupport?: number;
  /**
   * Overdue follow-ups (needs event timestamps): "after A, B comes within d", where B followed A
   * in at least this share of the training sessions holding A and d is the 99th percentile of
   * their delays. A session holding A without B once d has passed — measured to the latest event
   * time the model has seen, so a session cut off by the end of the data is not judged early — is
   * anomalous. Only follow-ups faster than `idleTimeoutMs` are kept: the worker closes a live
   * session after that much silence, so a slower follow-up would never be in the same session.
   * Off by default: on HDFS it adds false alarms and no detection (see docs/quality.md); a value
   * > 1 turns the check off.
   * @defaultValue 2
   */
  followUpSupport?: number;
  /**
   * A session holding a template that fewer than this share of training sessions had is anomalous
   * ("it did something almost no session did"); 0 turns the check off.
   * @defaultValue 0.003
   */
  rareTemplateShare?: number;
  /**
   * A session holding a line at WARN or above whose template fewer than this share of training
   * sessions had is anomalous: a warning that is routine (logged by most sessions) says nothing,
   * one almost no session logged does; 0 turns the check off.
   * @defaultValue 0.05
   */
  rareWarningShare?: number;
  /**
   * What the forest sees of each template in a session: 'log' (log(1 + count)) or 'presence' (0/1).
   * The counts of templates that repeat through a session's life (reads, verifications, deletions
   * of an HDFS block) scale with how long and how busy the period was, so a count model trained on
   * one period flags ordinary sessions of a busier one; 'presence' removes that (counts above the
   * training range are still caught by `countRange`) but with few templates most sessions share
   * one row and the 'auto' fence collapses (see docs/quality.md), so it is not the default.
   * @defaultValue 'log'
   */
  counts?: 'presence' | 'log';
  /**
   * A session is flagged by the forest only when its score is beyond the threshold by more than
   * this many standard errors of the score (the score is a mean over random trees: a session
   * within its sampling error of the threshold falls on either side of it with another seed).
   * The default is a one-sided 95 % level; 0 = the threshold alone. Sessions with a novelty are
   * flagged whatever their score.
   * @defaultValue 1.645
   */
  forestConfidence?: number;
  /**
   * Trees in the Isolation Forest over template counts.
   * @defaultValue 100
   */
  nEstimators?: number;
  /**
   * Rows drawn per tree ('auto' = min(256, n)). Sessions repeat (most normal sessions share one
   * feature row), and trees over 256 rows stop at depth 8, where a rare-but-normal session and a
   * rare anomaly can tie; 1024 gives depth 10 (better ranking on new HDFS blocks, see docs/quality.md).
   * @defaultValue 'auto'
   */
  maxSamples?: 'auto' | number;
  /**
   * The threshold rule (see ThresholdRule): 'auto' = Tukey's far-out fence of the training
   * sessions' forest scores, 'tail' = a generalised Pareto tail at risk 0.001, or the fraction of
   * training sessions expected anomalous, in (0, 0.5].
   * @defaultValue 'auto'
   */
  contamination?: ThresholdRule;
  /**
   * Seed of every random draw.
   * @defaultValue 42
   */
  seed?: number;
  /**
   * Training time recorded in the model and its version.
   * @defaultValue new Date()
   */
  trainedAt?: Date;
}

export interface ResolvedSessionOptions {
  readonly keyPattern: string | null;
  readonly endPattern: string | null;
  readonly idleTimeoutMs: number;
  readonly transitions: boolean;
  readonly countRange: boolean;
  readonly expectedSupport: number;
  readonly invariantSupport: number;
  readonly followUpSupport: number;
  readonly rareTemplateShare: number;
  readonly rareWarningShare: number;
  readonly counts: 'presence' | 'log';
  readonly forestConfidence: number;
  readonly nEstimators: number;
  readonly maxSamples: 'auto' | number;
  readonly contamination: ThresholdRule;
  readonly seed: number;
}

const KEYS = new Set(['keyPattern', 'endPattern', 'idleTimeoutMs', 'transitions', 'countRange', 'expectedSupport', 'invariantSupport', 'followUpSupport', 'rareTemplateShare', 'rareWarningShare', 'counts', 'forestConfidence', 'nEstimators', 'maxSamples', 'contamination', 'seed', 'trainedAt']);

function checkRegex(src: unknown, name: string): string | null {
  if (src === undefined || src === null) return null;
  if (typeof src !== 'string' || src === '') throw new InvalidOptionError(`SessionDetector.train requires ${name} to be a non-empty regex source`);
  try {
    new RegExp(src);
  } catch (e) {
    throw new InvalidOptionError(`SessionDetector.train requires ${name} to be a valid regex: ${(e as Error).message}`);
  }
  return src;
}

function checkShare(v: unknown, name: string): number {
  if (typeof v === 'number' && v >= 0 && v < 1) return v;
  throw new InvalidOptionError(`SessionDetector.train requires ${name} to be a share in [0, 1) (got ${String(v)})`);
}

export function resolveSessionOptions(options: SessionOptions | undefined): ResolvedSessionOptions & { trainedAt: Date } {
  const o = options ?? {};
  if (o === null || typeof o !== 'object') throw new InvalidOptionError('SessionDetector.train requires options to be an object');
  for (const k of Object.keys(o)) if (!KEYS.has(k)) throw new InvalidOptionError(`SessionDetector.train got an unknown option '${k}'`);
  const keyPattern = checkRegex(o.keyPattern, 'keyPattern');
  const endPattern = checkRegex(o.endPattern, 'endPattern');
  const idleTimeoutMs = o.idleTimeoutMs ?? 30000;
  if (!(typeof idleTimeoutMs === 'number' && idleTimeoutMs > 0 && Number.isFinite(idleTimeoutMs))) {
    throw new InvalidOptionError(`SessionDetector.train requires idleTimeoutMs to be a positive number (got ${String(idleTimeoutMs)})`);
  }
  const transitions = o.transitions ?? true;
  if (typeof transitions !== 'boolean') throw new InvalidOptionError('SessionDetector.train requires transitions to be a boolean');
  const countRange = o.countRange ?? true;
  if (typeof countRange !== 'boolean') throw new InvalidOptionError('SessionDetector.train requires countRange to be a boolean');
  const expectedSupport = o.expectedSupport ?? 1;
  if (!(typeof expectedSupport === 'number' && expectedSupport > 0 && Number.isFinite(expectedSupport))) {
    throw new InvalidOptionError(`SessionDetector.train requires expectedSupport to be a positive number (got ${String(expectedSupport)})`);
  }
  const invariantSupport = o.invariantSupport ?? 0.99;
  if (!(typeof invariantSupport === 'number' && invariantSupport > 0 && Number.isFinite(invariantSupport))) {
    throw new InvalidOptionError(`SessionDetector.train requires invariantSupport to be a positive number (got ${String(invariantSupport)})`);
  }
  const followUpSupport = o.followUpSupport ?? 2;
  if (!(typeof followUpSupport === 'number' && followUpSupport > 0 && Number.isFinite(followUpSupport))) {
    throw new InvalidOptionError(`SessionDetector.train requires followUpSupport to be a positive number (got ${String(followUpSupport)})`);
  }
  const rareTemplateShare = checkShare(o.rareTemplateShare ?? 0.003, 'rareTemplateShare');
  const rareWarningShare = checkShare(o.rareWarningShare ?? 0.05, 'rareWarningShare');
  const counts = o.counts ?? 'log';
  if (counts !== 'presence' && counts !== 'log') throw new InvalidOptionError(`SessionDetector.train requires counts to be 'presence' or 'log' (got ${String(counts)})`);
  const forestConfidence = o.forestConfidence ?? 1.645;
  if (!(typeof forestConfidence === 'number' && forestConfidence >= 0 && Number.isFinite(forestConfidence))) {
    throw new InvalidOptionError(`SessionDetector.train requires forestConfidence to be a number >= 0 (got ${String(forestConfidence)})`);
  }
  const nEstimators = o.nEstimators ?? 100;
  if (!Number.isInteger(nEstimators) || nEstimators < 1 || nEstimators > 10000) {
    throw new InvalidOptionError(`SessionDetector.train requires nEstimators to be an integer in [1, 10000] (got ${String(nEstimators)})`);
  }
  const maxSamples = o.maxSamples ?? 'auto';
  if (maxSamples !== 'auto' && !(typeof maxSamples === 'number' && ((Number.isInteger(maxSamples) && maxSamples >= 2) || (maxSamples > 0 && maxSamples <= 1)))) {
    throw new InvalidOptionError(`SessionDetector.train requires maxSamples to be 'auto', an integer >= 2 or a fraction in (0, 1] (got ${String(maxSamples)})`);
  }
  const contamination = checkThresholdRule(o.contamination ?? 'auto', 'SessionDetector.train');
  const seed = o.seed ?? 42;
  if (!Number.isInteger(seed)) throw new InvalidOptionError(`SessionDetector.train requires seed to be an integer (got ${String(seed)})`);
  const trainedAt = o.trainedAt ?? new Date();
  if (!(trainedAt instanceof Date) || Number.isNaN(trainedAt.getTime())) throw new InvalidOptionError('SessionDetector.train requires trainedAt to be a valid Date');
  return { keyPattern, endPattern, idleTimeoutMs, transitions, countRange, expectedSupport, invariantSupport, followUpSupport, rareTemplateShare, rareWarningShare, counts, forestConfidence, nEstimators, maxSamples, contamination, seed, trainedAt };
}
