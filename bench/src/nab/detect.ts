/**
 * One NAB series the way NAB runs a detector: train on the probationary period only, then stream
 * every row in order through the runtime's `scoreStream`, mapping each window's score to the
 * anomaly_score of the row that ends it, online. Rows before the first full window score 0.
 */
import type { SensorSample } from '@novae/adapters';
import { loadDetector, scoreStream } from '@novae/runtime';
import { train, type TrainOptions } from '@novae/trainer';
import type { NabSeries } from './data.js';
import { OnlineMapping, type MappingOptions } from './likelihood.js';
import { probationLength } from './scoring.js';

/** One configuration, the same for every series. */
export interface DetectorConfig {
  window: number;
  differences: boolean;
  mapping: MappingOptions;
  /** Extra train() options (epochs, latentDim, ...); `{}` for the defaults. */
  trainOptions: Partial<TrainOptions>;
  seed: number;
}

export interface SeriesRun {
  /** anomaly_score per row, in [0, 1]. */
  anomalyScores: Float64Array;
  /** The stream's raw score per row (NaN before the first full window). */
  rawScores: Float64Array;
  probation: number;
  epochs: number;
  trainSeconds: number;
  streamSeconds: number;
  /** Rows per second through scoreStream, mapping included. */
  samplesPerSecond: number;
  scoringBackend: string;
}

/** The rows as sensor samples: one channel, `value`; the row index is the clock (NAB scores rows in order). */
export function toSamples(series: NabSeries): SensorSample[] {
  return Array.from(series.values, (value) => ({ value }));
}

export async function detectSeries(series: NabSeries, config: DetectorConfig): Promise<SeriesRun> {
  const n = series.values.length;
  const probation = probationLength(n);
  const samples = toSamples(series);
  const t0 = performance.now();
  const trained = await train(samples.slice(0, probation), {
    ...config.trainOptions,
    adapter: { kind: 'sensor', window: config.window, stride: 1, timestamp: null, channels: ['value'], differences: config.differences },
    seed: config.seed,
  });
  const trainSeconds = (performance.now() - t0) / 1000;
  const detector = await loadDetector(trained.bytes);
  try {
    const mapping = new OnlineMapping(detector.manifest.calibration.normalScores, config.mapping);
    const anomalyScores = new Float64Array(n);
    const rawScores = new Float64Array(n).fill(Number.NaN);
    const t1 = performance.now();
    for await (const s of scoreStream(detector, samples, { drift: false })) {
      const row = s.timestamp; // the index of the window's last row
      rawScores[row] = s.score;
      anomalyScores[row] = mapping.next(s.score, s.pValue);
    }
    const streamSeconds = (performance.now() - t1) / 1000;
    return {
      anomalyScores, rawScores, probation, epochs: trained.manifest.training.epochs, trainSeconds, streamSeconds,
      samplesPerSecond: n / streamSeconds, scoringBackend: detector.backend,
    };
  } finally {
    detector.dispose();
  }
}
