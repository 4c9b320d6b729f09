import { percentile } from '@logad/iforest';

/**
 * "After A, B comes within `delayMs`": in at least `support` of the training sessions holding
 * template A, a line of template B was logged at or after A's first line, and `delayMs` is the
 * 99th percentile of that delay. A session holding A without B once `delayMs` has passed is overdue.
 */
export interface FollowUp {
  /** Count column of A (see SessionFeaturizer). */
  readonly from: number;
  /** Count column of B. */
  readonly to: number;
  /** Share of the timed training sessions holding A in which B followed. */
  readonly support: number;
  /** 99th percentile of the delay from A's first line to the first B at or after it, in ms. */
  readonly delayMs: number;
}

/** One training session as the miner sees it: each line's count column (-1 = unknown) and time. */
export interface TimedColumns {
  readonly columns: ArrayLike<number>;
  /** Epoch ms of each line; a session with any line lacking one is left out. */
  readonly times: ReadonlyArray<number | null>;
}

/** Options of {@link mineFollowUps}. */
export interface MineFollowUpOptions {
  /** Least share of the sessions holding A in which B must follow. */
  readonly support: number;
  /** Least share of the timed sessions holding A for A to lead a rule. */
  readonly minShare: number;
  /** Only follow-ups whose 99th-percentile delay is at most this are kept (see SessionOptions.followUpSupport). */
  readonly maxDelayMs: number;
}

const DELAY_PERCENTILE = 99;

/** The first time of each column present in a session (untimed lines left out). */
function firstTimes(s: TimedColumns): Map<number, number> {
  const first = new Map<number, number>();
  for (let i = 0; i < s.columns.length; i++) {
    const c = s.columns[i];
    const t = s.times[i];
    if (c < 0 || t === null) continue;
    const seen = first.get(c);
    if (seen === undefined || t < seen) first.set(c, t);
  }
  return first;
}

/** First line of column `to` logged at or after `since`, or null. */
function followedAt(s: TimedColumns, to: number, since: number): number | null {
  let best: number | null = null;
  for (let i = 0; i < s.columns.length; i++) {
    const t = s.times[i];
    if (s.columns[i] === to && t !== null && t >= since && (best === null || t < best)) best = t;
  }
  return best;
}

/**
 * Mines follow-up rules from the training sessions, without labels. Lines logged in the same
 * second by different hosts arrive in any order, hence "at or after" A's first line rather than
 * "after it in the session". The support is below 1 for the same reason as the count invariants':
 * unlabelled anomalies in training miss real follow-ups.
 */
export function mineFollowUps(sessions: readonly TimedColumns[], width: number, options: MineFollowUpOptions): FollowUp[] {
  const timed = sessions.filter((s) => s.times.length > 0 && s.times.every((t) => t !== null));
  if (timed.length === 0) return [];
  const firsts = timed.map(firstTimes);
  const held = new Array<number>(width).fill(0);
  for (const f of firsts) for (const c of f.keys()) held[c]++;
  const out: FollowUp[] = [];
  for (let a = 0; a < width; a++) {
    if (held[a] === 0 || held[a] < options.minShare * timed.length) continue;
    const delays = new Map<number, number[]>();
    timed.forEach((s, k) => {
      const ta = firsts[k].get(a);
      if (ta === undefined) return;
      for (const b of firsts[k].keys()) {
        if (b === a) continue;
        const tb = followedAt(s, b, ta);
        if (tb === null) continue;
        let d = delays.get(b);
        if (d === undefined) delays.set(b, (d = []));
        d.push(tb - ta);
      }
    });
    for (const [b, d] of [...delays].sort((x, y) => x[0] - y[0])) {
      const support = d.length / held[a];
      if (support < options.support) continue;
      const delayMs = percentile(d, DELAY_PERCENTILE);
      if (delayMs <= options.maxDelayMs) out.push({ from: a, to: b, support, delayMs });
    }
  }
  return out;
}

/**
 * Whether a session (its lines' columns and times) is overdue on `rule` at time `now`: it holds A,
 * no B at or after A's first line, and more than the rule's delay has passed since A. A session
 * whose A is not timed is not judged.
 */
export function overdue(rule: FollowUp, s: TimedColumns, now: number): boolean {
  const ta = firstTimes(s).get(rule.from);
  if (ta === undefined || now - ta <= rule.delayMs) return false;
  return followedAt(s, rule.to, ta) === null;
}
