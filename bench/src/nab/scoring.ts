/**
 * The NAB score of one series at one threshold, written from the paper (Lavin & Ahmad 2015,
 * "Evaluating Real-time Anomaly Detection Algorithms — the Numenta Anomaly Benchmark", section 4).
 *
 * - Anomaly windows are the contiguous runs of `label = 1`.
 * - A detection is a point whose anomaly score is >= the threshold, outside the probationary period.
 * - The first detection inside a window earns `A_TP · σ(y) / σ(−1)`, where `y = −(end − i + 1) / width`
 *   is its relative position (−1 at the window's first point, about 0 at its last) and
 *   `σ(y) = 2 / (1 + e^{5y}) − 1` is the scaled sigmoid; later detections in the same window count 0.
 * - A window with no detection costs `A_FN`.
 * - Every detection outside a window costs `|A_FP| · σ(y)` with `y = (i − prevEnd) / (prevWidth − 1)`
 *   its distance after the preceding window (σ = −1 beyond 3 window widths, so far away it is `A_FP`),
 *   and `A_FP` when no window precedes it.
 */

/** Application profile weights: reward of a true positive, cost of a false positive and of a miss. */
export interface Profile {
  tp: number;
  fp: number;
  fn: number;
}

/** NAB's standard profile: A_TP = 1, A_FP = −0.11, A_FN = −1. */
export const STANDARD_PROFILE: Readonly<Profile> = Object.freeze({ tp: 1, fp: -0.11, fn: -1 });

/** An anomaly window: indices of its first and last rows (inclusive). */
export interface LabelWindow {
  start: number;
  end: number;
}

/** The scaled sigmoid σ(y) = 2 / (1 + e^{5y}) − 1, and −1 for y > 3 (far after a window). */
export function scaledSigmoid(y: number): number {
  if (y > 3) return -1;
  return 2 / (1 + Math.exp(5 * y)) - 1;
}

/** NAB's probationary period: the first 15% of the rows, at most 15% of 5000 (750 rows). */
export function probationLength(rows: number, fraction = 0.15): number {
  return Math.min(Math.floor(fraction * rows), fraction * 5000);
}

/** The contiguous runs of `label === 1`, in order. */
export function windowsFromLabels(labels: ArrayLike<number>): LabelWindow[] {
  const windows: LabelWindow[] = [];
  let start = -1;
  for (let i = 0; i <= labels.length; i++) {
    const inside = i < labels.length && labels[i] === 1;
    if (inside && start < 0) start = i;
    if (!inside && start >= 0) {
      windows.push({ start, end: i - 1 });
      start = -1;
    }
  }
  return windows;
}

/**
 * What detecting each row would be worth, before the "first detection per window" rule:
 * `window[i]` is the index of the window row i lies in (−1 outside), `value[i]` the TP reward
 * (inside) or the FP cost (outside); rows in the probationary period are marked `scorable = 0`.
 */
export interface PointValues {
  windows: LabelWindow[];
  window: Int32Array;
  value: Float64Array;
  scorable: Uint8Array;
}

export function pointValues(labels: ArrayLike<number>, probation: number, profile: Profile = STANDARD_PROFILE): PointValues {
  const n = labels.length;
  const windows = windowsFromLabels(labels);
  const window = new Int32Array(n).fill(-1);
  const value = new Float64Array(n);
  const scorable = new Uint8Array(n);
  const maxTp = scaledSigmoid(-1);
  let next = 0;
  let previous: LabelWindow | undefined;
  for (let i = 0; i < n; i++) {
    scorable[i] = i >= probation ? 1 : 0;
    const current = windows[next];
    if (current !== undefined && i >= current.start && i <= current.end) {
      const width = current.end - current.start + 1;
      window[i] = next;
      value[i] = (profile.tp * scaledSigmoid(-(current.end - i + 1) / width)) / maxTp;
      if (i === current.end) { previous = current; next++; }
    } else if (previous === undefined) {
      value[i] = profile.fp;
    } else {
      const width = previous.end - previous.start + 1;
      // A one-row window has no width to scale by: treat every later row as far away.
      const y = width > 1 ? (i - previous.end) / (width - 1) : Infinity;
      value[i] = -profile.fp * scaledSigmoid(y);
    }
  }
  return { windows, window, value, scorable };
}

/** One series' score at one threshold, with its counts. */
export interface SeriesScore {
  score: number;
  tp: number;
  fp: number;
  fn: number;
  /** Score of the null detector (never detects): `A_FN` per window. */
  nullScore: number;
  /** Score of the perfect detector (detects every window at its first scorable row, nothing else). */
  perfectScore: number;
}

/** Score of detections `detected[i]` (truthy = detection at row i) against precomputed point values. */
export function scoreDetections(pv: PointValues, detected: (i: number) => boolean, profile: Profile = STANDARD_PROFILE): SeriesScore {
  const { windows, window, value, scorable } = pv;
  const hit = new Array<boolean>(windows.length).fill(false);
  let score = 0;
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < window.length; i++) {
    if (!scorable[i] || !detected(i)) continue;
    const w = window[i]!;
    if (w < 0) { score += value[i]!; fp++; }
    else if (!hit[w]) { hit[w] = true; score += value[i]!; tp++; }
  }
  const fn = hit.filter((h) => !h).length;
  score += fn * profile.fn;
  return { score, tp, fp, fn, nullScore: windows.length * profile.fn, perfectScore: perfectScore(pv, profile) };
}

/** The perfect detector's score: the best reward of every window (its first scorable row), or A_FN. */
export function perfectScore(pv: PointValues, profile: Profile = STANDARD_PROFILE): number {
  let total = 0;
  for (const w of pv.windows) {
    let first = w.start;
    while (first <= w.end && !pv.scorable[first]) first++;
    total += first <= w.end ? pv.value[first]! : profile.fn;
  }
  return total;
}

/** One series' score for anomaly scores `scores` at `threshold` (a detection is `score >= threshold`). */
export function scoreSeries(
  scores: ArrayLike<number>, labels: ArrayLike<number>, threshold: number,
  probation = probationLength(labels.length), profile: Profile = STANDARD_PROFILE,
): SeriesScore {
  if (scores.length !== labels.length) {
    throw new RangeError(`scoreSeries: ${scores.length} scores for ${labels.length} labels`);
  }
  return scoreDetections(pointValues(labels, probation, profile), (i) => scores[i]! >= threshold, profile);
}

/** NAB's normalised score: 100 · (S − S_null) / (S_perfect − S_null). */
export function normalise(score: number, nullScore: number, perfect: number): number {
  return perfect === nullScore ? Number.NaN : (100 * (score - nullScore)) / (perfect - nullScore);
}
