import { precisionRecallF1 } from '@logad/detector';

/** One scored item, as a review sees it. */
export interface ReviewItem {
  /** Higher = more anomalous (the model's 0–100 score). */
  readonly score: number;
  readonly flagged: boolean;
  /** The alert group: the item's template. */
  readonly group: string;
  readonly label: boolean;
}

/** Which alert group an operator looks at next. */
export type ReviewOrder = 'top-score' | 'size';

/** The figures after one review. */
export interface ReviewStep {
  readonly review: number;
  /** The reviewed group (null for the figures before any review). */
  readonly group: string | null;
  readonly groupSize: number;
  readonly action: 'confirm' | 'mute' | null;
  readonly flagged: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/**
 * Simulates an operator reviewing alert groups: K times, takes the current top group among those
 * with a flagged item that nobody reviewed yet (highest score, or the largest with `size`), and
 * applies its majority label as the dashboard would: Confirm flags every item of that template,
 * Mute clears them all. Stops early when no unreviewed alert is left (there is nothing to look at).
 * The labels are used only for the reviewed groups, as an operator's verdict would be.
 */
export function simulateReviews(items: readonly ReviewItem[], reviews: number, order: ReviewOrder = 'top-score'): ReviewStep[] {
  const verdict = new Map<string, boolean>(); // group -> confirmed (true) or muted (false)
  const decide = (it: ReviewItem): boolean => verdict.get(it.group) ?? it.flagged;
  const figures = (review: number, group: string | null, groupSize: number, action: ReviewStep['action']): ReviewStep => {
    const flags = items.map(decide);
    const m = precisionRecallF1(
      flags,
      items.map((i) => (i.label ? 1 : 0)),
    );
    return { review, group, groupSize, action, flagged: flags.filter(Boolean).length, precision: m.precision, recall: m.recall, f1: m.f1 };
  };
  const steps = [figures(0, null, 0, null)];
  for (let k = 1; k <= reviews; k++) {
    const groups = new Map<string, { top: number; size: number; flagged: number; anomalous: number }>();
    for (const it of items) {
      if (verdict.has(it.group)) continue;
      const g = groups.get(it.group) ?? { top: -Infinity, size: 0, flagged: 0, anomalous: 0 };
      g.size++;
      if (it.flagged) {
        g.flagged++;
        g.top = Math.max(g.top, it.score);
      }
      if (it.label) g.anomalous++;
      groups.set(it.group, g);
    }
    let best: [string, { top: number; size: number; flagged: number; anomalous: number }] | null = null;
    for (const e of groups) {
      if (e[1].flagged === 0) continue;
      const better = best === null || (order === 'size' ? e[1].flagged > best[1].flagged : e[1].top > best[1].top);
      if (better) best = e;
    }
    if (best === null) break;
    const [group, g] = best;
    const confirm = g.anomalous * 2 > g.size;
    verdict.set(group, confirm);
    steps.push(figures(k, group, g.size, confirm ? 'confirm' : 'mute'));
  }
  return steps;
}
