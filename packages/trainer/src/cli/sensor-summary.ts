/** The paragraph `novae train --adapter sensor` prints when done: samples, windows, the time split. */
import type { SensorAdapter, SlidingWindowStats } from '@novae/adapters';
import type { TrainedModel } from '../trained-model.js';
import type { ExportCheck } from '../verify-export.js';
import { formatBytes, formatCount, formatNumber } from './format.js';
import { listColumns } from './read-csv.js';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** What the input policy did to the series, as one sentence; empty when it did nothing. */
export function inputPolicyText(stats: SlidingWindowStats | undefined): string {
  if (stats === undefined) return '';
  const parts = [
    stats.outOfOrder > 0 ? `${plural(stats.outOfOrder, 'out-of-order sample')} dropped` : '',
    stats.duplicates > 0 ? `${plural(stats.duplicates, 'duplicate timestamp')} dropped` : '',
    stats.gaps > 0 ? `${plural(stats.gaps, 'gap')} restarted the window` : '',
    stats.filled > 0 ? `${plural(stats.filled, 'missing reading')} carried forward` : '',
  ].filter((p) => p !== '');
  return parts.length === 0 ? '' : `Input: ${parts.join(', ')}.`;
}

/** The one-paragraph report for a sensor model. */
export function sensorTrainingSummary(model: TrainedModel<SensorAdapter>, check: ExportCheck, out: string): string {
  const { training, calibration, model: info } = model.manifest;
  const { adapter, data } = model;
  const stride = adapter.stride === 1 ? 'every sample' : `every ${adapter.stride} samples`;
  return [
    `Trained on ${plural(data.inputs, 'sample')} -> ${plural(data.rows, 'window')} of ${adapter.window} steps (${stride})`,
    `x ${plural(adapter.channels.length, 'channel')} (${listColumns(adapter.channels, 6)})` +
      `${adapter.differences ? ' as first differences' : ''}, encoded as ${info.inputShape.join('x')} features:`,
    `${formatCount(data.training)} windows for fitting, then the last ${formatCount(data.validation)} held out,`,
    `${formatCount(data.boundary)} dropped between them so none overlaps. Latent dimension ${info.latentDim},`,
    `${training.epochs} epochs on the ${training.backend} backend in ${training.seconds} s.`,
    inputPolicyText(data.stats),
    `Validation loss ${formatNumber(training.validationLoss, 5)}; threshold ${formatNumber(calibration.threshold, 5)}`,
    `(quantile q = ${calibration.q} of the held-out normal scores).`,
    `Export check: max relative difference ${check.maxRelativeDifference.toExponential(2)} over ${formatCount(check.rows)} windows`,
    `(ONNX Runtime ${check.backend}). Saved ${out} (${formatBytes(model.bytes.length)}).`,
  ].filter((line) => line !== '').join(' ');
}
