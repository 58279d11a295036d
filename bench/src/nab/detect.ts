/**
 * One NAB series the way NAB runs a detector: train on the probationary period only, then stream
 * every row in order through the runtime's `scoreStream`, mapping each window's score to the
 * anomaly_score of the row that ends it, online. With several models (window lengths, levels or
 * differences) a row's score is the largest of their mapped scores, then suppressed (see
 * `Suppressor`); each step at row t uses rows up to t only. Rows before the first full window score 0.
 */
import type { SensorSample } from '@novae/adapters';
import { loadDetector, scoreStream } from '@novae/runtime';
import { train, type TrainOptions } from '@novae/trainer';
import type { NabSeries } from './data.js';
import { OnlineMapping, Suppressor, type MappingOptions } from './mapping.js';
import { probationLength } from './scoring.js';

/** One model per series: its window length and whether it encodes first differences. */
export interface ModelConfig {
  window: number;
  differences: boolean;
}

/** One configuration, the same for every series. */
export interface DetectorConfig {
  models: ModelConfig[];
  mapping: MappingOptions;
  /** Extra train() options (epochs, latentDim, ...); `{}` for the defaults. */
  trainOptions: Partial<TrainOptions>;
  seed: number;
}

export interface SeriesRun {
  /** anomaly_score per row, in [0, 1]. */
  anomalyScores: Float64Array;
  /** The first model's raw stream score per row (NaN before its first full window). */
  rawScores: Float64Array;
  probation: number;
  epochs: number;
  trainSeconds: number;
  streamSeconds: number;
  /** Rows per second through scoreStream (rows x models / streaming time), mapping included. */
  samplesPerSecond: number;
  scoringBackend: string;
}

/** The rows as sensor samples: one channel, `value`; the row index is the clock (NAB scores rows in order). */
export function toSamples(series: NabSeries): SensorSample[] {
  return Array.from(series.values, (value) => ({ value }));
}

interface ModelRun {
  mapped: Float64Array;
  raw: Float64Array;
  epochs: number;
  trainSeconds: number;
  streamSeconds: number;
  backend: string;
}

async function runModel(samples: SensorSample[], probation: number, model: ModelConfig, config: DetectorConfig): Promise<ModelRun> {
  const n = samples.length;
  const t0 = performance.now();
  const trained = await train(samples.slice(0, probation), {
    ...config.trainOptions,
    adapter: { kind: 'sensor', window: model.window, stride: 1, timestamp: null, channels: ['value'], differences: model.differences },
    seed: config.seed,
  });
  const trainSeconds = (performance.now() - t0) / 1000;
  const detector = await loadDetector(trained.bytes);
  try {
    const mapping = new OnlineMapping(detector.manifest.calibration.normalScores, config.mapping);
    const mapped = new Float64Array(n);
    const raw = new Float64Array(n).fill(Number.NaN);
    const t1 = performance.now();
    for await (const s of scoreStream(detector, samples, { drift: false })) {
      const row = s.timestamp; // the index of the window's last row
      raw[row] = s.score;
      mapped[row] = mapping.next(s.score, s.pValue);
    }
    return {
      mapped, raw, epochs: trained.manifest.training.epochs, trainSeconds,
      streamSeconds: (performance.now() - t1) / 1000, backend: detector.backend,
    };
  } finally {
    detector.dispose();
  }
}

export async function detectSeries(series: NabSeries, config: DetectorConfig): Promise<SeriesRun> {
  const n = series.values.length;
  const probation = probationLength(n);
  const samples = toSamples(series);
  const runs: ModelRun[] = [];
  for (const model of config.models) runs.push(await runModel(samples, probation, model, config));
  const suppressor = new Suppressor(config.mapping.suppress);
  const anomalyScores = new Float64Array(n);
  const first = Math.min(...config.models.map((m) => m.window + (m.differences ? 1 : 0))) - 1;
  for (let row = first; row < n; row++) {
    let top = 0;
    for (const r of runs) top = Math.max(top, r.mapped[row]!);
    anomalyScores[row] = suppressor.next(top);
  }
  const streamSeconds = runs.reduce((a, r) => a + r.streamSeconds, 0);
  return {
    anomalyScores, rawScores: runs[0]!.raw, probation,
    epochs: runs.reduce((a, r) => a + r.epochs, 0),
    trainSeconds: runs.reduce((a, r) => a + r.trainSeconds, 0),
    streamSeconds, samplesPerSecond: (n * runs.length) / streamSeconds, scoringBackend: runs[0]!.backend,
  };
}
