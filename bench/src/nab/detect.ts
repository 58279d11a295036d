/**
 * One NAB series the way NAB runs a detector: train on the probationary period only, then stream
 * every row in order through the runtime's `scoreStream`, mapping each window's score to the
 * anomaly_score of the row that ends it, online. Each model gives one signal (its window score) or
 * two (also `latest`, the newest sample's own NLL); every signal has its own online mapping, a row
 * keeps the largest mapped signal, then it is suppressed (see `Suppressor`). Each step at row t
 * uses rows up to t only. Rows before any model's first full window score 0.
 */
import type { SensorSample } from '@novae/adapters';
import { loadDetector, scoreStream } from '@novae/runtime';
import { train, type TrainOptions } from '@novae/trainer';
import { contextChannels, DailyContext, dailyContextShape, medianSpacing, type DailyContextShape } from './daily-context.js';
import type { NabSeries } from './data.js';
import { OnlineMapping, Suppressor, type MappingOptions } from './mapping.js';
import { probationLength } from './scoring.js';

/**
 * One model per series. `window`: a window of the last `window` readings (their first differences
 * with `differences`), also mapping the newest reading's NLL with `latest`. `daily`: one sample per
 * row of `blocks` block means covering about a day (see daily-context.ts).
 */
export type ModelConfig =
  | { kind: 'window'; window: number; differences: boolean; latest: boolean }
  | { kind: 'daily'; blocks: number };

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

/** What one model reads: its samples (sample k belongs to row `offset + k`) and adapter settings. */
interface ModelInput {
  samples: SensorSample[];
  offset: number;
  window: number;
  differences: boolean;
  channels: string[];
}

/** The daily context of a series: its shape from the timestamps of the rows (not the labels). */
export function dailyShape(series: NabSeries, blocks: number): DailyContextShape {
  return dailyContextShape(medianSpacing(series.times), probationLength(series.values.length), blocks);
}

function modelInput(series: NabSeries, model: ModelConfig): ModelInput {
  if (model.kind === 'window') {
    return { samples: toSamples(series), offset: 0, window: model.window, differences: model.differences, channels: ['value'] };
  }
  const shape = dailyShape(series, model.blocks);
  const context = new DailyContext(shape);
  const samples: SensorSample[] = [];
  for (const value of series.values) {
    const sample = context.push(value);
    if (sample !== null) samples.push(sample);
  }
  return { samples, offset: shape.span - 1, window: 1, differences: false, channels: contextChannels(shape) };
}

/** The first row a model scores (its first full window ends there). */
export function firstScoredRow(series: NabSeries, model: ModelConfig): number {
  if (model.kind === 'window') return model.window + (model.differences ? 1 : 0) - 1;
  return dailyShape(series, model.blocks).span - 1;
}

interface ModelRun {
  /** One mapped signal per row each: the window score, then `latest` when the model maps it. */
  mapped: Float64Array[];
  raw: Float64Array;
  epochs: number;
  trainSeconds: number;
  streamSeconds: number;
  backend: string;
}

async function runModel(series: NabSeries, probation: number, model: ModelConfig, config: DetectorConfig): Promise<ModelRun> {
  const n = series.values.length;
  const input = modelInput(series, model);
  const t0 = performance.now();
  const trained = await train(input.samples.slice(0, Math.max(0, probation - input.offset)), {
    ...config.trainOptions,
    adapter: {
      kind: 'sensor', window: input.window, stride: 1, timestamp: null, channels: input.channels, differences: input.differences,
    },
    seed: config.seed,
  });
  const trainSeconds = (performance.now() - t0) / 1000;
  const detector = await loadDetector(trained.bytes);
  try {
    const calibration = detector.manifest.calibration.normalScores;
    const withLatest = model.kind === 'window' && model.latest;
    const mappings = [new OnlineMapping(calibration, config.mapping)];
    // The newest reading's NLL has no calibration scores of its own: its mapping starts empty.
    if (withLatest) mappings.push(new OnlineMapping([], config.mapping));
    const mapped = mappings.map(() => new Float64Array(n));
    const raw = new Float64Array(n).fill(Number.NaN);
    const t1 = performance.now();
    for await (const s of scoreStream(detector, input.samples, { drift: false })) {
      const row = input.offset + s.timestamp; // the row of the window's last sample
      raw[row] = s.score;
      mapped[0]![row] = mappings[0]!.next(s.score, s.pValue);
      if (withLatest) mapped[1]![row] = mappings[1]!.next(s.latest, s.pValue);
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
  const runs: ModelRun[] = [];
  for (const model of config.models) runs.push(await runModel(series, probation, model, config));
  const suppressor = new Suppressor(config.mapping.suppress);
  const anomalyScores = new Float64Array(n);
  const first = Math.min(...config.models.map((m) => firstScoredRow(series, m)));
  for (let row = first; row < n; row++) {
    let top = 0;
    for (const r of runs) for (const signal of r.mapped) top = Math.max(top, signal[row]!);
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
