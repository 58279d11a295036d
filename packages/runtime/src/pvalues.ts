/**
 * Conformal p-values against the calibration scores of held-out normal rows:
 * p = (1 + #{normal >= s}) / (n + 1). Valid when calibration rows are exchangeable with normal traffic.
 */

/** Index of the first element of ascending `sorted` that is >= `value` (`strict`: > `value`); binary search. */
export function lowerBound(sorted: ArrayLike<number>, value: number, strict = false): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (strict ? sorted[mid]! <= value : sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The conformal p-value of each score (NaN scores get p = NaN, never a silent 1). */
export function conformalPValues(scores: ArrayLike<number>, sortedNormal: ArrayLike<number>): Float64Array {
  const n = sortedNormal.length;
  const out = new Float64Array(scores.length);
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    out[i] = Number.isNaN(s) ? Number.NaN : (1 + n - lowerBound(sortedNormal, s)) / (n + 1);
  }
  return out;
}
