import { tokenize } from '@logad/text';
import { levelSeverity } from '../level-severity';
import type { NormalizedEvent } from '../log-event';
import { TemplateIndex, type TemplateIndexState } from '../template-index';

/** Serialisable form of a {@link SessionFeaturizer}. */
export interface SessionFeaturizerState {
  readonly nSessions: number;
  readonly templates: TemplateIndexState;
  /** Template id of each count column. */
  readonly columns: number[];
  /** Training sessions holding each column's template. */
  readonly sessionDf: number[];
  /** Most lines of each column's template in one training session. */
  readonly maxCount: number[];
  /** Consecutive template pairs `[fromId, toId]` seen in training sessions. */
  readonly transitions: Array<[number, number]>;
  /** What a count column holds: 1 when the template is present, or log(1 + count) (absent in older files: 'log'). */
  readonly counts?: 'presence' | 'log';
}

/** What a session shows besides its feature row. */
export interface SessionFacts {
  readonly templateIds: Int32Array;
  /** Count column of each line, -1 for a template no training session had. */
  readonly lineColumns: Int32Array;
  /** Lines of each count column's template (the row holds presence or log(1 + count)). */
  readonly counts: Float64Array;
  /** Distinct templates no training session had (masked text of the first such line). */
  readonly unseenTemplates: string[];
  /** Distinct consecutive pairs of known templates never seen in training, as [from, to] ids. */
  readonly unseenTransitions: Array<[number, number]>;
  /** Column of the template with the fewest training sessions, -1 when the session is empty or all unseen. */
  readonly rarestColumn: number;
  /** Count columns of the session's lines logged at WARN or above. */
  readonly warningColumns: number[];
}

/** Severity rank of WARN (see levelSeverity). */
const WARN = 3;

/**
 * A session as the forest sees it: each training template's presence among its lines (or, with
 * counts 'log', log(1 + its count): counts are heavy-tailed, and raw counts made the threshold
 * swing with the training size), then
 * the surprise (bits) of its rarest template, −log2 of the share of training sessions that hold it.
 */
export class SessionFeaturizer {
  private readonly columnOf: Map<number, number>;
  private readonly transitionSet: Set<string>;
  readonly width: number;

  private constructor(
    private readonly state: SessionFeaturizerState,
    private readonly templates: TemplateIndex,
  ) {
    this.columnOf = new Map(state.columns.map((id, c) => [id, c]));
    this.transitionSet = new Set(state.transitions.map(([a, b]) => this.pairKey(a, b)));
    this.width = state.columns.length + 1;
  }

  static fit(sessions: ReadonlyArray<ReadonlyArray<NormalizedEvent>>, counts: 'presence' | 'log'): SessionFeaturizer {
    const messages = sessions.flatMap((s) => s.map((e) => e.message));
    const templates = TemplateIndex.fit(
      messages,
      messages.map((m) => tokenize(m).join(' ')),
    );
    const df = new Map<number, number>();
    const max = new Map<number, number>();
    const pairs = new Map<string, [number, number]>();
    for (const s of sessions) {
      const ids = s.map((e) => templates.lookup(e.message, tokenize(e.message).join(' ')).id);
      const counts = new Map<number, number>();
      for (const id of ids) if (id >= 0) counts.set(id, (counts.get(id) ?? 0) + 1);
      for (const [id, k] of counts) {
        df.set(id, (df.get(id) ?? 0) + 1);
        max.set(id, Math.max(max.get(id) ?? 0, k));
      }
      for (let i = 1; i < ids.length; i++) if (ids[i - 1] >= 0 && ids[i] >= 0) pairs.set(`${ids[i - 1]}>${ids[i]}`, [ids[i - 1], ids[i]]);
    }
    const columns = [...df.keys()].sort((a, b) => a - b);
    const state: SessionFeaturizerState = {
      nSessions: sessions.length,
      templates: templates.toState(),
      columns,
      sessionDf: columns.map((id) => df.get(id) as number),
      maxCount: columns.map((id) => max.get(id) as number),
      transitions: [...pairs.values()],
      counts,
    };
    return new SessionFeaturizer(state, templates);
  }

  static fromState(state: SessionFeaturizerState): SessionFeaturizer {
    return new SessionFeaturizer(state, TemplateIndex.fromState(state.templates));
  }

  get templateCount(): number {
    return this.state.columns.length;
  }

  get trainingSessions(): number {
    return this.state.nSessions;
  }

  /** Template text of a template id. */
  templateText(id: number): string {
    return this.templates.text(id) ?? `template ${id}`;
  }

  /** Template id of count column `c`. */
  columnTemplate(c: number): number {
    return this.state.columns[c];
  }

  /** Share of training sessions holding column `c`'s template. */
  columnShare(c: number): number {
    return this.state.sessionDf[c] / this.state.nSessions;
  }

  /** Most lines of column `c`'s template in one training session. */
  columnMax(c: number): number {
    return this.state.maxCount[c];
  }

  /** Templates held by at least `support` of the training sessions (candidates for "missing"). */
  expectedColumns(support: number): number[] {
    const out: number[] = [];
    this.state.sessionDf.forEach((d, c) => {
      if (d >= support * this.state.nSessions) out.push(c);
    });
    return out;
  }

  /**
   * Writes the session's row into `row` (length `width`). `self` = 1 for a training session: its
   * own presence is left out of the template shares (leave-one-out), as for a new session.
   */
  featurize(session: ReadonlyArray<NormalizedEvent>, row: Float64Array, self: 0 | 1 = 0): SessionFacts {
    row.fill(0);
    const counts = new Float64Array(this.width - 1);
    const ids = new Int32Array(session.length);
    const lineColumns = new Int32Array(session.length).fill(-1);
    const unseen = new Set<string>();
    const warnings = new Set<number>();
    for (let i = 0; i < session.length; i++) {
      const e = session[i];
      const hit = this.templates.lookup(e.message, tokenize(e.message).join(' '));
      const c = hit.id < 0 ? undefined : this.columnOf.get(hit.id);
      ids[i] = c === undefined ? -1 : hit.id;
      if (c === undefined) unseen.add(hit.text);
      else {
        lineColumns[i] = c;
        counts[c]++;
        if (levelSeverity(e.level) >= WARN) warnings.add(c);
      }
    }
    const n = this.state.nSessions - self;
    const presence = this.state.counts === 'presence';
    let rarest = -1;
    let minDf = Infinity;
    for (let c = 0; c < this.state.columns.length; c++) {
      row[c] = presence ? (counts[c] > 0 ? 1 : 0) : Math.log1p(counts[c]);
      if (counts[c] > 0 && this.state.sessionDf[c] < minDf) {
        minDf = this.state.sessionDf[c];
        rarest = c;
      }
    }
    const rarestDf = unseen.size > 0 ? 0 : rarest < 0 ? n : Math.max(0, minDf - self);
    row[this.width - 1] = Math.log2((n + 1) / (rarestDf + 0.5));
    const unseenTransitions: Array<[number, number]> = [];
    const reported = new Set<string>();
    for (let i = 1; i < ids.length; i++) {
      const a = ids[i - 1];
      const b = ids[i];
      if (a < 0 || b < 0) continue;
      const k = this.pairKey(a, b);
      if (!this.transitionSet.has(k) && !reported.has(k) && !this.orderedByClock(session, ids, i)) {
        reported.add(k);
        unseenTransitions.push([a, b]);
      }
    }
    return { templateIds: ids, lineColumns, counts, unseenTemplates: [...unseen], unseenTransitions, rarestColumn: rarest, warningColumns: [...warnings] };
  }

  toState(): SessionFeaturizerState {
    return this.state;
  }

  /**
   * Whether the clock excuses the unseen pair (line i − 1, line i): lines stamped with the same
   * time (several hosts, one-second stamps) come in any order, so a pair within one tick is no
   * order at all, and line i may follow any line of the previous tick, not only the last one.
   */
  private orderedByClock(session: ReadonlyArray<NormalizedEvent>, ids: Int32Array, i: number): boolean {
    const t = session[i - 1].timestamp;
    if (t === null) return false;
    if (session[i].timestamp === t) return true;
    for (let j = i - 2; j >= 0 && session[j].timestamp === t; j--) {
      if (ids[j] >= 0 && this.transitionSet.has(this.pairKey(ids[j], ids[i]))) return true;
    }
    return false;
  }

  private pairKey(a: number, b: number): string {
    return `${a}>${b}`;
  }
}
