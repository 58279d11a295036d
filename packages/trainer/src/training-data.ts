/**
 * What `train()` fits on: the adapter (fitted here, or given), the encoded rows and their split into
 * training and validation rows.
 *
 * Tabular records are split by a seeded shuffle. A sensor series is cut into windows and split in
 * time: the last `validationSplit` of the windows are held out, and the training windows that
 * would overlap the first held-out window are dropped, so no sample is in both sets and the
 * calibration scores are those of unseen data.
 */
import {
  fitImage, fitSensor, fitTabular, type ImageAdapter, type ImageInput, type FitTabularOptions, type SensorAdapter, type SensorSample, type SensorWindow,
  type SlidingWindowStats, type TabularAdapter, type TabularRecord,
} from '@novae/adapters';
import { mulberry32 } from '@novae/runtime';
import {
  isFittedAdapter, isImageOption, isSensorOption, type ImageAdapterOption, type SensorAdapterOption, type TabularAdapterOption, type TrainAdapterOption,
  type TrainInput,
} from './adapter-options.js';
import { defaultValidationSplit, TrainInputError } from './options.js';
import { cutWindows, isSensorWindow } from './sensor-series.js';

/** Fewest rows (records, or windows) `train()` accepts: enough for a validation split and a calibration quantile. */
export const MIN_TRAINING_ROWS = 10;

/** Row indices (into the encoded rows) of the training and validation sets, ascending. */
export interface TrainingSplit {
  train: number[];
  validation: number[];
}

/** What the data became: counts for reports (`novae train` prints them). */
export interface TrainingDataSummary {
  kind: 'tabular' | 'sensor' | 'image';
  /** Inputs given: records, images, sensor samples, or windows when pre-cut windows were given. */
  inputs: number;
  /** Model rows: the records, or the windows cut from the series. */
  rows: number;
  /** Rows fitted on. */
  training: number;
  /** Rows held out for early stopping and calibration. */
  validation: number;
  /** Windows dropped between the training and validation windows so that none overlaps (0 for tabular). */
  boundary: number;
  /** The sensor input policy's counts (dropped samples, gaps, filled readings) when a series was cut here. */
  stats?: SlidingWindowStats;
}

export interface TrainingData {
  adapter: TabularAdapter | SensorAdapter | ImageAdapter;
  /** Encoded features per row. */
  width: number;
  split: TrainingSplit;
  /** The training rows, encoded, in `split.train` order. */
  trainX: Float32Array;
  /** The validation rows, encoded, in `split.validation` order. */
  valX: Float32Array;
  summary: TrainingDataSummary;
}

/** Split row indices into training and validation sets with a seeded shuffle. */
export function splitRows(n: number, fraction: number, seed: number): TrainingSplit {
  const random = mulberry32(seed ^ 0x51ce);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const nVal = Math.min(n - 1, Math.max(1, Math.round(n * fraction)));
  return { validation: order.slice(0, nVal).sort((a, b) => a - b), train: order.slice(nVal).sort((a, b) => a - b) };
}

/**
 * Split time-ordered windows: the last `fraction` of them for validation, and every earlier window
 * that ends before the first validation window starts for training. `boundary` counts the windows
 * dropped in between (about `(steps - 1) / stride` on a regular series).
 */
export function timeOrderedSplit(windows: readonly SensorWindow[], fraction: number): TrainingSplit & { boundary: number } {
  const n = windows.length;
  const nVal = Math.min(n - 1, Math.max(1, Math.round(n * fraction)));
  const first = n - nVal;
  const start = windows[first]!.start;
  let end = first;
  while (end > 0 && windows[end - 1]!.timestamp >= start) end--;
  const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);
  return { train: range(0, end), validation: range(first, n), boundary: first - end };
}

function gather(encoded: Float32Array, width: number, rows: readonly number[]): Float32Array {
  const out = new Float32Array(rows.length * width);
  rows.forEach((row, i) => out.set(encoded.subarray(row * width, (row + 1) * width), i * width));
  return out;
}

function describe(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value) ?? String(value);
}

function prepareTabular(
  records: readonly TabularRecord[], option: TabularAdapterOption | undefined, fraction: number, seed: number,
): TrainingData {
  if (records.length < MIN_TRAINING_ROWS) {
    throw new TrainInputError(`train: need at least ${MIN_TRAINING_ROWS} records, got ${records.length}`);
  }
  let adapter: TabularAdapter;
  if (isFittedAdapter(option)) adapter = option;
  else if (option !== undefined && 'kind' in option) {
    const { kind: _kind, ...fit } = option;
    adapter = fitTabular(records, fit as FitTabularOptions);
  } else adapter = fitTabular(records, option);
  return shuffledSplit(adapter, adapter.encode(records), records.length, fraction, seed);
}

/** Rows (records or images) split by a seeded shuffle: nothing is dropped at the boundary. */
function shuffledSplit(
  adapter: TabularAdapter | ImageAdapter, encoded: Float32Array, n: number, fraction: number, seed: number,
): TrainingData {
  const width = adapter.width;
  const split = splitRows(n, fraction, seed);
  return {
    adapter, width, split, trainX: gather(encoded, width, split.train), valX: gather(encoded, width, split.validation),
    summary: {
      kind: adapter.kind, inputs: n, rows: n, training: split.train.length, validation: split.validation.length, boundary: 0,
    },
  };
}

function prepareImages(
  images: readonly ImageInput[], option: ImageAdapterOption, fraction: number, seed: number,
): TrainingData {
  if (images.length < MIN_TRAINING_ROWS) {
    throw new TrainInputError(`train: need at least ${MIN_TRAINING_ROWS} images, got ${images.length}`);
  }
  let adapter: ImageAdapter;
  if (isFittedAdapter(option)) adapter = option;
  else {
    const { kind: _kind, ...fit } = option;
    adapter = fitImage(fit);
  }
  return shuffledSplit(adapter, adapter.encode(images), images.length, fraction, seed);
}

/** Check the sensor options `train()` itself relies on, before fitting: window and stride. */
function sensorSteps(option: SensorAdapterOption): { window: number; stride: number; steps: number } {
  if (isFittedAdapter(option)) return { window: option.window, stride: option.stride, steps: option.steps };
  const { window, stride = 1, differences } = option;
  if (typeof window !== 'number' || !Number.isInteger(window) || window < 1) {
    throw new TrainInputError(`adapter.window: expected a positive integer (time steps per window), got ${describe(window)}`);
  }
  if (typeof stride !== 'number' || !Number.isInteger(stride) || stride < 1) {
    throw new TrainInputError(`adapter.stride: expected a positive integer (samples between windows), got ${describe(stride)}`);
  }
  return { window, stride, steps: window + (differences === true ? 1 : 0) };
}

function prepareSensor(data: readonly TrainInput[], option: SensorAdapterOption, fraction: number): TrainingData {
  const preCut = data.length > 0 && isSensorWindow(data[0]);
  const { window, stride, steps } = sensorSteps(option);
  const sizes = `adapter.window ${window}, adapter.stride ${stride}`;
  let windows: SensorWindow[];
  let stats: SlidingWindowStats | undefined;
  let adapter: SensorAdapter;
  if (preCut) {
    if (!isFittedAdapter(option)) {
      throw new TrainInputError(
        'train: the data holds sensor windows, not samples: pass the raw samples with adapter: { kind: \'sensor\', window }, ' +
          'or the fitted adapter that cut the windows as options.adapter',
      );
    }
    const bad = data.findIndex((w) => !isSensorWindow(w));
    if (bad >= 0) throw new TrainInputError(`train: data[${bad}]: expected a sensor window like data[0], got ${describe(data[bad])}`);
    adapter = option;
    windows = data as SensorWindow[];
  } else {
    if (data.length < steps) {
      throw new TrainInputError(
        `train: adapter.window: a window of ${window} time steps needs ${steps} samples` +
          `${steps > window ? ' (one more with differences)' : ''}, but the series has ${data.length}`,
      );
    }
    const samples = data as readonly SensorSample[];
    if (isFittedAdapter(option)) adapter = option;
    else {
      const { kind: _kind, ...fit } = option;
      adapter = fitSensor(samples, fit);
    }
    ({ windows, stats } = cutWindows(adapter, samples));
  }
  if (windows.length < MIN_TRAINING_ROWS) {
    const from = preCut ? '' : ` from ${data.length} samples`;
    const gaps = stats !== undefined && stats.gaps > 0 ? `; ${stats.gaps} gap${stats.gaps === 1 ? '' : 's'} restarted the window` : '';
    throw new TrainInputError(
      `train: need at least ${MIN_TRAINING_ROWS} windows, got ${windows.length}${from} (${sizes}${gaps}); ` +
        'pass a longer series, or a smaller window or stride',
    );
  }
  const split = timeOrderedSplit(windows, fraction);
  if (split.train.length < 1 || split.train.length + split.validation.length < MIN_TRAINING_ROWS) {
    throw new TrainInputError(
      `train: validationSplit ${fraction}: holding out the last ${split.validation.length} of ${windows.length} windows ` +
        `and dropping the ${split.boundary} that overlap them leaves ${split.train.length} for training; need at least ` +
        `${MIN_TRAINING_ROWS} windows for training and validation together (${sizes}); pass a longer series, ` +
        'a smaller window or stride, or a smaller validationSplit',
    );
  }
  const width = adapter.width;
  const encoded = adapter.encode(windows);
  return {
    adapter, width, split: { train: split.train, validation: split.validation },
    trainX: gather(encoded, width, split.train), valX: gather(encoded, width, split.validation),
    summary: {
      kind: 'sensor', inputs: data.length, rows: windows.length, training: split.train.length,
      validation: split.validation.length, boundary: split.boundary, ...(stats === undefined ? {} : { stats }),
    },
  };
}

/**
 * Fit (or take) the adapter, encode the data and split it: records and images by a seeded shuffle,
 * a sensor series in time. Throws `TrainInputError` naming the option for data too small to train on, and
 * the adapter's `AdapterInputError` for data it cannot read.
 */
export function prepareTrainingData(
  data: readonly TrainInput[], option: TrainAdapterOption | undefined, validationSplit: number | undefined, seed: number,
): TrainingData {
  const sensor = isSensorOption(option);
  if (!Array.isArray(data)) {
    throw new TrainInputError(
      sensor
        ? `train: samples must be an array of sensor samples (objects, in time order), got ${typeof data}`
        : isImageOption(option)
          ? `train: images must be an array of images, got ${typeof data}`
          : `train: records must be an array of objects, got ${typeof data}`,
    );
  }
  const kind = sensor ? 'sensor' : isImageOption(option) ? 'image' : 'tabular';
  const fraction = validationSplit ?? defaultValidationSplit(kind);
  if (sensor) return prepareSensor(data, option, fraction);
  if (isImageOption(option)) return prepareImages(data as readonly ImageInput[], option, fraction, seed);
  return prepareTabular(data as readonly TabularRecord[], option as TabularAdapterOption | undefined, fraction, seed);
}
