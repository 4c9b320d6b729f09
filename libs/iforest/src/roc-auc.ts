import { InvalidArgumentError } from './errors/invalid-argument.error';

/**
 * Area under the ROC curve of `scores` (higher = more likely positive) against 0/1 `labels`,
 * by the rank-sum (Mann-Whitney) formula with ties counted half, as `sklearn.metrics.roc_auc_score`.
 * For `scoreSamples` output, where lower means more anomalous, pass the negated scores.
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  if (labels.length !== n) throw new InvalidArgumentError(`rocAuc requires as many labels (${labels.length}) as scores (${n})`);
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => scores[i] - scores[j]);
  let nPos = 0;
  let rankSumPos = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]] === scores[order[i]]) j++;
    const midRank = (i + j) / 2 + 1; // ties share the mean of their 1-based ranks
    for (let k = i; k <= j; k++) {
      if (labels[order[k]] === 1) {
        nPos++;
        rankSumPos += midRank;
      }
    }
    i = j + 1;
  }
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) throw new InvalidArgumentError('rocAuc requires at least one positive and one negative label');
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}
