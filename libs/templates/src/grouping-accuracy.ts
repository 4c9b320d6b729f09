import { InvalidArgumentError } from './errors/invalid-argument.error';

/**
 * Grouping accuracy as defined by the LogHub / Drain benchmark (logparser's `get_accuracy`): a line counts as
 * correct only when the group it was predicted into holds exactly the lines of its true EventId, no more and
 * no fewer. Returns the fraction of correct lines. Predicted labels are compared by value (1 and '1' differ).
 */
export function groupingAccuracy(truth: ReadonlyArray<string>, predicted: ReadonlyArray<string | number>): number {
  if (!Array.isArray(truth) || !Array.isArray(predicted)) throw new InvalidArgumentError('groupingAccuracy requires two arrays');
  if (truth.length !== predicted.length) {
    throw new InvalidArgumentError(`groupingAccuracy requires arrays of the same length, got ${truth.length} and ${predicted.length}`);
  }
  if (truth.length === 0) throw new InvalidArgumentError('groupingAccuracy requires at least one line');
  const truthSize = new Map<string, number>();
  for (const t of truth) truthSize.set(t, (truthSize.get(t) ?? 0) + 1);
  // per predicted group: its size and whether all its lines share one true event
  const groups = new Map<string | number, { size: number; event: string; pure: boolean }>();
  for (let i = 0; i < truth.length; i++) {
    const g = groups.get(predicted[i]);
    if (g === undefined) groups.set(predicted[i], { size: 1, event: truth[i], pure: true });
    else {
      g.size++;
      if (g.event !== truth[i]) g.pure = false;
    }
  }
  let correct = 0;
  for (const g of groups.values()) if (g.pure && truthSize.get(g.event) === g.size) correct += g.size;
  return correct / truth.length;
}
