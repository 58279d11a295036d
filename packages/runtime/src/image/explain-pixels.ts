/**
 * Explanations for image rows: the pixels whose excess NLL is highest, with the value seen and the
 * value the model reconstructed there (the full picture is `anomalyMap(i)`).
 */
import type { ImageAdapter } from '@novae/adapters';
import type { ColumnContribution } from '../explain.js';
import { anomalyMapOf } from './anomaly-map.js';

/** How many pixels `explain()` lists for an image unless `top` says otherwise. */
export const DEFAULT_PIXELS = 10;

export interface PixelExplainInput {
  adapter: ImageAdapter;
  row: number;
  featureNll: Float32Array;
  recon: Float32Array;
  encoded: Float32Array;
  baseline: readonly number[] | undefined;
}

/**
 * The `top` hottest pixels of row `row`, hottest first, each as a contribution named `x,y` with its
 * share of the map's positive excess; `seen` and `expected` are the pixel's mean intensity over the
 * channels (0..1) in the input and in the reconstruction.
 */
export function explainPixels(input: PixelExplainInput, top = DEFAULT_PIXELS): ColumnContribution[] {
  const { adapter, row, featureNll, recon, encoded, baseline } = input;
  const [channels, height, width] = adapter.shape;
  const map = anomalyMapOf(featureNll, row, adapter.shape, baseline);
  const plane = height * width;
  let positive = 0;
  for (const v of map) positive += Math.max(0, v);
  const order = Array.from({ length: plane }, (_, p) => p).sort((a, b) => map[b]! - map[a]!).slice(0, top);
  const mean = (values: Float32Array, p: number): number => {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += values[row * adapter.width + c * plane + p]!;
    return sum / channels;
  };
  return order.map((p) => ({
    column: `${p % width},${Math.floor(p / width)}`,
    score: map[p]!,
    share: positive > 0 ? Math.max(0, map[p]!) / positive : 0,
    seen: mean(encoded, p),
    expected: mean(recon, p),
  }));
}
