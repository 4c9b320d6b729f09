import { InvalidInputError } from '../errors/invalid-input.error';

/** Throws unless `labels` are 0/1 and as many as `values`. */
export function checkScoredLabels(values: ArrayLike<unknown>, labels: ArrayLike<number>, caller: string): void {
  if (values.length !== labels.length) throw new InvalidInputError(`${caller} requires as many labels (${labels.length}) as scores (${values.length})`);
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 0 && labels[i] !== 1) throw new InvalidInputError(`${caller} requires 0/1 labels (label ${i} is ${String(labels[i])})`);
  }
}
