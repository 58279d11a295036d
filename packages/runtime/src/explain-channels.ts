/**
 * Per-channel explanations for sensor windows: each channel's feature NLL over the window's time
 * steps, minus what is typical for normal windows (the calibration baseline), with the reading seen
 * and the reading expected at the window's last step. Also the per-channel shares a stream reports.
 */
import type { SensorAdapter } from '@novae/adapters';
import type { ColumnContribution } from './explain.js';

/**
 * Excess NLL per channel of row `row`: `sum_t (featureNll[t, c] - baseline[t, c])`, in channel order.
 * `out` (length `channels`) is filled and returned.
 */
export function channelExcess(
  featureNll: Float32Array, row: number, channels: number, width: number,
  baseline: readonly number[] | undefined, out: Float64Array = new Float64Array(channels),
): Float64Array {
  out.fill(0);
  const offset = row * width;
  for (let f = 0; f < width; f++) out[f % channels]! += featureNll[offset + f]! - (baseline?.[f] ?? 0);
  return out;
}

/**
 * Each channel's share of the row's positive excess NLL (0..1, summing to 1; all 0 when no channel
 * is above its baseline).
 */
export function channelShares(excess: Float64Array, names: readonly string[]): Record<string, number> {
  let positive = 0;
  for (let c = 0; c < excess.length; c++) positive += Math.max(0, excess[c]!);
  const shares: Record<string, number> = {};
  for (let c = 0; c < excess.length; c++) shares[names[c]!] = positive > 0 ? Math.max(0, excess[c]!) / positive : 0;
  return shares;
}

export interface ChannelExplainInput {
  adapter: SensorAdapter;
  row: number;
  featureNll: Float32Array;
  recon: Float32Array;
  encoded: Float32Array;
  baseline: readonly number[] | undefined;
}

/** Rank the channels of one window by how much they add to its score, with per-step detail. */
export function explainChannels(input: ChannelExplainInput): ColumnContribution[] {
  const { adapter, row, featureNll, recon, encoded, baseline } = input;
  const C = adapter.channels.length;
  const width = adapter.width;
  const excess = channelExcess(featureNll, row, C, width, baseline);
  const shares = channelShares(excess, adapter.channels);
  const seen = adapter.decode(encoded, row);
  const expected = adapter.decode(recon, row);
  const last = adapter.window - 1;
  const columns = adapter.channels.map((channel, c) => {
    const steps = new Array<number>(adapter.window);
    for (let t = 0; t < adapter.window; t++) {
      const f = t * C + c;
      steps[t] = featureNll[row * width + f]! - (baseline?.[f] ?? 0);
    }
    return {
      column: channel, score: excess[c]!, share: shares[channel]!,
      seen: seen[channel]![last]!, expected: expected[channel]![last]!, steps,
    };
  });
  return columns.sort((a, b) => b.score - a.score);
}
