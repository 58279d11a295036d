/**
 * Calibration from held-out normal rows: a quantile threshold (no labels needed), up to 1000 sorted
 * scores for conformal p-values, and the per-feature baseline that explanations compare against.
 */
import type { Calibration } from '@novae/runtime';

/** At most this many normal scores are stored in the manifest. */
export const MAX_NORMAL_SCORES = 1000;

/** The q-quantile of ascending `sorted` values (linear interpolation, as numpy's default). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Keep `max` evenly spaced order statistics of ascending `sorted` (all of them if there are fewer). */
function thin(sorted: Float64Array, max: number): number[] {
  if (sorted.length <= max) return Array.from(sorted);
  return Array.from({ length: max }, (_, i) => sorted[Math.round((i * (sorted.length - 1)) / (max - 1))]!);
}

export interface CalibrationOptions {
  /** Quantile of normal scores used as the threshold (default 0.99). */
  q: number;
}

/** Quantile of normal images' per-pixel excess NLL that overlays draw at full strength. */
export const MAP_SCALE_QUANTILE = 0.999;

/**
 * `calibration.mapScale` for an image model of `shape` [C, H, W]: the MAP_SCALE_QUANTILE quantile of
 * the held-out normal images' anomaly-map values (per-pixel NLL above `baseline`, summed over channels).
 */
export function mapScale(featureNll: Float32Array, n: number, shape: readonly [number, number, number], baseline: readonly number[]): number {
  const [channels, height, width] = shape;
  const plane = height * width;
  const values = new Float64Array(n * plane);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < channels; c++) {
      for (let p = 0; p < plane; p++) values[i * plane + p]! += featureNll[(i * channels + c) * plane + p]! - baseline[c * plane + p]!;
    }
  }
  values.sort();
  return Math.max(1e-6, quantile(values, MAP_SCALE_QUANTILE));
}

/**
 * Calibrate from the scores and per-feature NLL ([n, width]) of held-out normal rows; `imageShape`
 * ([C, H, W], image models) adds the overlay scale `mapScale`.
 */
export function calibrate(
  scores: Float32Array, featureNll: Float32Array, width: number, options: CalibrationOptions,
  imageShape?: readonly [number, number, number],
): Calibration {
  if (!(options.q > 0 && options.q < 1)) {
    throw new RangeError(`calibration.q: expected a number in (0, 1), got ${options.q}`);
  }
  const sorted = Float64Array.from(scores).sort();
  const n = scores.length;
  const baseline = new Float64Array(width);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < width; f++) baseline[f]! += featureNll[i * width + f]!;
  }
  const featureBaseline = Array.from(baseline, (b) => b / Math.max(1, n));
  return {
    threshold: quantile(sorted, options.q),
    method: 'quantile',
    q: options.q,
    normalScores: thin(sorted, MAX_NORMAL_SCORES),
    featureBaseline,
    ...(imageShape === undefined ? {} : { mapScale: mapScale(featureNll, n, imageShape, featureBaseline) }),
  };
}
