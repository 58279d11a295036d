/** Detection metrics from scores and 0/1 labels (1 = anomaly): ROC-AUC, PR-AUC and F1. */

export class MetricsInputError extends Error {
  override readonly name = 'MetricsInputError';
}

function check(scores: ArrayLike<number>, labels: ArrayLike<number | boolean>): void {
  if (scores.length !== labels.length) {
    throw new MetricsInputError(`labels: expected ${scores.length} labels (one per row), got ${labels.length}`);
  }
}

function counts(labels: ArrayLike<number | boolean>): { pos: number; neg: number } {
  let pos = 0;
  for (let i = 0; i < labels.length; i++) if (Number(labels[i])) pos++;
  return { pos, neg: labels.length - pos };
}

/** ROC-AUC with ties counted half (Mann–Whitney U). NaN when one class is absent. */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number | boolean>): number {
  check(scores, labels);
  const { pos, neg } = counts(labels);
  if (pos === 0 || neg === 0) return Number.NaN;
  const idx = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let rankSumPos = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]!] === scores[idx[i]!]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (Number(labels[idx[k]!])) rankSumPos += avgRank;
    i = j + 1;
  }
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** PR-AUC as average precision (the step-wise area, as scikit-learn computes it). */
export function prAuc(scores: ArrayLike<number>, labels: ArrayLike<number | boolean>): number {
  check(scores, labels);
  const { pos } = counts(labels);
  if (pos === 0) return Number.NaN;
  const idx = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  let tp = 0;
  let fp = 0;
  let ap = 0;
  let lastRecall = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]!] === scores[idx[i]!]) j++;
    for (let k = i; k <= j; k++) Number(labels[idx[k]!]) ? tp++ : fp++;
    const recall = tp / pos;
    ap += (recall - lastRecall) * (tp / (tp + fp));
    lastRecall = recall;
    i = j + 1;
  }
  return ap;
}

/** F1 of the rule `score > threshold`. */
export function f1At(scores: ArrayLike<number>, labels: ArrayLike<number | boolean>, threshold: number): number {
  check(scores, labels);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < scores.length; i++) {
    const flagged = scores[i]! > threshold;
    const anomaly = Boolean(Number(labels[i]));
    if (flagged && anomaly) tp++;
    else if (flagged) fp++;
    else if (anomaly) fn++;
  }
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}
