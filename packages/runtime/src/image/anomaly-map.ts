/**
 * Per-pixel anomaly maps of image models: the model's per-pixel NLL (`feature_nll`, NCHW) minus what
 * is typical at that pixel for normal images (the calibration baseline), summed over channels.
 */

/**
 * The H×W map of row `row`: `sum_c (featureNll[row, c, y, x] - baseline[c, y, x])`, in nats, row-major
 * (index `y * width + x`). Positive = less likely than in normal images; it can be negative.
 */
export function anomalyMapOf(
  featureNll: Float32Array, row: number, shape: readonly [number, number, number], baseline: readonly number[] | undefined,
): Float32Array {
  const [channels, height, width] = shape;
  const plane = height * width;
  const offset = row * channels * plane;
  const map = new Float32Array(plane);
  for (let c = 0; c < channels; c++) {
    const base = c * plane;
    for (let p = 0; p < plane; p++) map[p]! += featureNll[offset + base + p]! - (baseline?.[base + p] ?? 0);
  }
  return map;
}

/** The map's hottest pixel: its coordinates and excess NLL. */
export function hottestPixel(map: Float32Array, width: number): { x: number; y: number; score: number } {
  let best = 0;
  for (let p = 1; p < map.length; p++) if (map[p]! > map[best]!) best = p;
  return { x: best % width, y: Math.floor(best / width), score: map[best] ?? 0 };
}
