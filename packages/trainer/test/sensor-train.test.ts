/**
 * Training on a sensor series: the sensor adapter lands in the manifest, the windows are split in
 * time with no overlap between training and validation, the runtime reproduces the trainer's
 * scores of the held-out windows, and an injected spike scores above the calibrated threshold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitSensor, type SensorAdapter, type SensorWindow } from '@novae/adapters';
import { loadDetector } from '@novae/runtime';
import { cutWindows, relativeDifference, timeOrderedSplit, train, TrainInputError, type TrainedModel } from '../src/index.js';
import { sensorSeries } from './sensor-data.js';

// Explicit settings, so these tests do not move when the defaults are tuned.
const WINDOW = 12;
const settings = { epochs: 40, learningRate: 3e-3, seed: 0, hidden: [32, 16], latentDim: 4 } as const;
const series = sensorSeries(600);
let model: TrainedModel<SensorAdapter>;
let windows: SensorWindow[];

beforeAll(async () => {
  model = await train(series, { ...settings, adapter: { kind: 'sensor', window: WINDOW, channels: ['a', 'b', 'c'] } });
  windows = model.adapter.windows(series);
});
afterAll(async () => { await model.dispose(); });

describe('train on a sensor series', () => {
  it('fits a sensor adapter and records it in the manifest', () => {
    const m = model.manifest;
    expect(m.adapter.kind).toBe('sensor');
    expect(m.adapter).toMatchObject({ window: WINDOW, stride: 1, timestamp: 'timestamp', differences: false, interval: 1000 });
    expect(model.adapter.channels).toEqual(['a', 'b', 'c']);
    expect(m.model.inputShape).toEqual([WINDOW * 3]);
    expect(windows).toHaveLength(600 - WINDOW + 1);
    expect(model.data).toMatchObject({ kind: 'sensor', inputs: 600, rows: windows.length });
    expect(m.training.rows).toBe(model.data.training);
    expect(model.data.stats).toMatchObject({ samples: 600, accepted: 600, gaps: 0, filled: 0 });
  });

  it('holds out the last windows, after the training windows and overlapping none of them', () => {
    const { training, validation, boundary } = model.data;
    const n = windows.length;
    expect(validation).toBe(Math.round(n * 0.2));
    // Stride 1: the WINDOW - 1 windows that share a sample with the first validation window are dropped.
    expect(boundary).toBe(WINDOW - 1);
    expect(training + boundary + validation).toBe(n);
    const firstValidation = windows[n - validation]!;
    expect(windows[training - 1]!.timestamp).toBeLessThan(firstValidation.start);
    expect(windows[training]!.timestamp).toBeGreaterThanOrEqual(firstValidation.start);
    // The held-out rows are exactly the last windows, in time order.
    expect(model.heldOut.rows).toBe(validation);
    // Windows score by the ELBO alone: the marginal term is a table default.
    expect(model.manifest.score).toEqual({ default: 'elbo', samples: 1 });
    expect(Array.from(model.heldOut.encoded)).toEqual(Array.from(model.adapter.encode(windows.slice(n - validation))));
  });

  it('the runtime scores the held-out windows as the trainer does, within 1e-4 relative', async () => {
    const { encoded, rows, scores: reference } = model.heldOut;
    const detector = await loadDetector(model.bytes);
    try {
      const result = await detector.scoreEncoded(encoded, rows);
      let worst = 0;
      for (let i = 0; i < rows; i++) {
        worst = Math.max(
          worst,
          relativeDifference(result.scores[i]!, reference.score[i]!),
          relativeDifference(result.nll[i]!, reference.nll[i]!),
          relativeDifference(result.kl[i]!, reference.kl[i]!),
        );
        for (let f = 0; f < detector.width; f++) {
          const k = i * detector.width + f;
          worst = Math.max(worst, relativeDifference(result.featureScores[k]!, reference.featureNll[k]!));
        }
      }
      expect(worst).toBeLessThanOrEqual(1e-4);
      expect(model.exportCheck.rows).toBe(rows);
    } finally {
      await detector.dispose();
    }
  });

  it('scores a window ending at an injected spike above the threshold, and most normal windows below it', async () => {
    const later = sensorSeries(200, { from: 5000, seed: 9, spike: { at: 120, size: 8 } });
    const { ends } = cutWindows(model.adapter, later);
    const result = await model.score(later);
    expect(result.length).toBe(200 - WINDOW + 1);
    const spiked = ends.indexOf(120);
    expect(result.scores[spiked]!).toBeGreaterThan(model.manifest.calibration.threshold);
    expect(result.isAnomaly[spiked]).toBe(true);
    // Windows that do not contain the spike: few false alarms at q = 0.99.
    const clean = ends.map((end, i) => (end < 120 || end - WINDOW + 1 > 120 ? i : -1)).filter((i) => i >= 0);
    const alarms = clean.filter((i) => result.isAnomaly[i]).length;
    expect(alarms / clean.length).toBeLessThan(0.1);
    // evaluate(): one label per sample; each window takes its last sample's label.
    const labels = later.map((_, i) => (i === 120 ? 1 : 0));
    const ev = await model.evaluate(later, labels);
    expect(ev.threshold).toBe(model.manifest.calibration.threshold);
    expect(ev.rocAuc).toBeGreaterThan(0.8);
  });
});

describe('the time-ordered split', () => {
  const adapterWith = (options: { window: number; stride?: number; differences?: boolean }): SensorAdapter =>
    fitSensor(series, { ...options, channels: ['a', 'b', 'c'] });

  it('drops floor((steps - 1) / stride) windows at the boundary', () => {
    for (const [options, dropped] of [
      [{ window: 12, stride: 1 }, 11], [{ window: 12, stride: 3 }, 3], [{ window: 12, stride: 12 }, 0],
      [{ window: 8, stride: 2, differences: true }, 4],
    ] as const) {
      const w = adapterWith(options).windows(series);
      const split = timeOrderedSplit(w, 0.2);
      expect(split.boundary, JSON.stringify(options)).toBe(dropped);
      expect(split.validation[0]).toBe(w.length - split.validation.length);
      expect(w[split.train.at(-1)!]!.timestamp).toBeLessThan(w[split.validation[0]!]!.start);
    }
  });

  it('never lets a window span a gap into the validation set', () => {
    // A gap of 60 s (over 3 intervals) restarts the window, so windows on both sides share no sample.
    const gappy = [...series.slice(0, 400), ...series.slice(460)];
    const adapter = fitSensor(gappy, { window: 12, channels: ['a', 'b', 'c'] });
    const w = adapter.windows(gappy);
    expect(w).toHaveLength(389 + 129);
    // Hold out exactly the windows after the gap: none needs dropping.
    const split = timeOrderedSplit(w, 129 / 518);
    expect(split.validation[0]).toBe(389);
    expect(split.boundary).toBe(0);
    expect(w[split.train.at(-1)!]!.timestamp).toBeLessThan(w[split.validation[0]!]!.start);
  });

  it('takes windows already cut by the fitted adapter, split the same way', async () => {
    const adapter = adapterWith({ window: 12 });
    const cut = adapter.windows(series);
    const again = await train(cut, { ...settings, epochs: 2, adapter });
    try {
      expect(again.manifest.adapter.kind).toBe('sensor');
      expect(again.data).toMatchObject({ inputs: cut.length, rows: cut.length, boundary: 11, validation: model.data.validation });
      expect(again.data.stats).toBeUndefined();
    } finally {
      await again.dispose();
    }
  });
});

describe('bad sensor input', () => {
  const sensor = (options: Record<string, unknown>) => ({ adapter: { kind: 'sensor' as const, window: 8, ...options }, epochs: 1 });

  it('names the option when the series is too short for one window, or for enough windows', async () => {
    await expect(train(series.slice(0, 50), sensor({ window: 64 }))).rejects.toThrow(TrainInputError);
    await expect(train(series.slice(0, 50), sensor({ window: 64 })))
      .rejects.toThrow(/adapter\.window: a window of 64 time steps needs 64 samples, but the series has 50/);
    await expect(train(series.slice(0, 64), sensor({ window: 64, differences: true })))
      .rejects.toThrow(/needs 65 samples \(one more with differences\), but the series has 64/);
    await expect(train(series.slice(0, 40), sensor({ stride: 8 })))
      .rejects.toThrow(/need at least 10 windows, got 5 from 40 samples \(adapter\.window 8, adapter\.stride 8\)/);
    await expect(train(series.slice(0, 20), sensor({})))
      .rejects.toThrow(/validationSplit 0\.2: holding out the last 3 of 13 windows and dropping the 7 that overlap them leaves 3/);
  });

  it('names a bad window or stride, a missing channel and pre-cut windows without their adapter', async () => {
    await expect(train(series, sensor({ window: 0 }))).rejects.toThrow(/adapter\.window: expected a positive integer .*got 0/);
    await expect(train(series, sensor({ stride: 1.5 }))).rejects.toThrow(/adapter\.stride: expected a positive integer .*got 1\.5/);
    await expect(train(series, sensor({ channels: ['a', 'rpm'] }))).rejects.toThrow(/sample 0: missing channel 'rpm'/);
    const cut = fitSensor(series, { window: 8 }).windows(series);
    await expect(train(cut, sensor({}))).rejects.toThrow(/the data holds sensor windows, not samples/);
  });
});
