/**
 * Robust per-channel scaling: center = median, scale = IQR / 1.349 (the std of normal data), with
 * the population std when the IQR is 0 (a mostly constant channel) and 1 when both are 0 (a
 * constant channel), so no channel ever divides by zero.
 */

/** IQR of a standard normal distribution: IQR / 1.349 estimates the std. */
export const NORMAL_IQR = 1.349;

/** Quantile `p` of ascending `sorted` by linear interpolation between order statistics (R type 7). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Median of `values` (not modified). NaN for an empty list. */
export function median(values: ArrayLike<number>): number {
  return quantileSorted(Float64Array.from(values).sort(), 0.5);
}

/** Fit `{ center, scale }` on one channel's values (at least one). */
export function robustScale(values: ArrayLike<number>): { center: number; scale: number } {
  const sorted = Float64Array.from(values).sort();
  const center = quantileSorted(sorted, 0.5);
  const iqr = quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25);
  let scale = iqr / NORMAL_IQR;
  if (!(scale > 0 && Number.isFinite(scale))) {
    let mean = 0;
    for (let i = 0; i < sorted.length; i++) mean += sorted[i]!;
    mean /= sorted.length;
    let ss = 0;
    for (let i = 0; i < sorted.length; i++) ss += (sorted[i]! - mean) ** 2;
    scale = Math.sqrt(ss / sorted.length);
  }
  if (!(scale > 0 && Number.isFinite(scale))) scale = 1;
  return { center, scale };
}
