import type { DetectionReport } from '@logad/detector';
import type { ReviewStep } from './simulate-reviews';

const f3 = (x: number): string => x.toFixed(3);

/** A detection report as a few aligned lines for a terminal. */
export function formatReport(title: string, r: DetectionReport): string {
  if (Number.isNaN(r.rocAuc)) {
    return [
      `${title}`,
      `  items ${r.items}, anomalous ${r.positives}: one class only, so no ranking figures`,
      `  flagged ${r.flagged} (${(100 * r.flaggedShare).toFixed(3)} % of the items)`,
    ].join('\n');
  }
  return [
    `${title}`,
    `  items ${r.items}, anomalous ${r.positives}, flagged ${r.flagged} (tp ${r.tp}, fp ${r.fp}, fn ${r.fn})`,
    `  at the model's threshold: precision ${f3(r.precision)}  recall ${f3(r.recall)}  F1 ${f3(r.f1)}`,
    `  best-threshold F1 ${f3(r.bestF1)} (P ${f3(r.bestF1Precision)}, R ${f3(r.bestF1Recall)}; chosen with labels)`,
    `  ROC-AUC ${f3(r.rocAuc)}  PR-AUC ${f3(r.prAuc)}`,
  ].join('\n');
}

/** The simulated reviews, one line each (empty without reviews). */
export function formatReviews(steps: readonly ReviewStep[] | undefined): string {
  if (!steps || steps.length === 0) return '';
  const rows = steps.map((s) =>
    s.action === null
      ? `  before any review: flagged ${s.flagged}, P ${f3(s.precision)} R ${f3(s.recall)} F1 ${f3(s.f1)}`
      : `  review ${s.review}: ${s.action} ${s.group} (${s.groupSize} lines) -> flagged ${s.flagged}, P ${f3(s.precision)} R ${f3(s.recall)} F1 ${f3(s.f1)}`,
  );
  return ['', 'simulated reviews (alert group = template; majority label applied as Confirm or Mute):', ...rows].join('\n');
}
