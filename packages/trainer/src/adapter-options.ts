/**
 * What `train()` accepts as data and as `options.adapter`: tabular records, a sensor series or images,
 * and a fitted adapter or the options to fit one (`{ kind: 'sensor', window, ... }` for a series,
 * `{ kind: 'image', width, height }` for images).
 */
import type {
  FitImageOptions, FitSensorOptions, FitTabularOptions, ImageAdapter, ImageInput, SensorAdapter, SensorSample, SensorWindow,
  TabularAdapter, TabularRecord,
} from '@novae/adapters';

/** Options to fit a tabular adapter on the training records (`kind` may be left out). */
export interface TabularTrainAdapterOptions extends FitTabularOptions {
  kind?: 'tabular';
}

/**
 * Options to fit a sensor adapter on the training series, e.g. `{ kind: 'sensor', window: 64 }`.
 * The series is cut into windows and split in time (see `train()`).
 */
export interface SensorTrainAdapterOptions extends FitSensorOptions {
  kind: 'sensor';
}

/**
 * Options to fit an image adapter, e.g. `{ kind: 'image', width: 64, height: 64, channels: 1 }`:
 * every image is resized to that size (area averaging when shrinking) and scaled to [0, 1].
 */
export interface ImageTrainAdapterOptions extends FitImageOptions {
  kind: 'image';
}

/** The image forms of `options.adapter`: a fitted image adapter, or options to fit one. */
export type ImageAdapterOption = ImageAdapter | ImageTrainAdapterOptions;

/** The sensor forms of `options.adapter`: a fitted sensor adapter, or options to fit one. */
export type SensorAdapterOption = SensorAdapter | SensorTrainAdapterOptions;

/** The tabular forms of `options.adapter` (the default is `{}`: fit on every column). */
export type TabularAdapterOption = TabularAdapter | TabularTrainAdapterOptions;

/** `options.adapter`: a fitted adapter, or the options to fit one. */
export type TrainAdapterOption = TabularAdapterOption | SensorAdapterOption | ImageAdapterOption;

/**
 * One element of `train()`'s data: a record (tabular), a sample of a series in time order (sensor),
 * or a window already cut by the fitted sensor adapter passed as `options.adapter`.
 */
export type TrainInput = TabularRecord | SensorSample | SensorWindow | ImageInput;

/** True when `option` asks for a sensor adapter (fitted, or options with `kind: 'sensor'`). */
export function isSensorOption(option: TrainAdapterOption | undefined): option is SensorAdapterOption {
  return typeof option === 'object' && option !== null && (option as { kind?: unknown }).kind === 'sensor';
}

/** True when `option` asks for an image adapter (fitted, or options with `kind: 'image'`). */
export function isImageOption(option: TrainAdapterOption | undefined): option is ImageAdapterOption {
  return typeof option === 'object' && option !== null && (option as { kind?: unknown }).kind === 'image';
}

/** True when `option` is an adapter already fitted (it can encode), not options to fit one. */
export function isFittedAdapter(option: TrainAdapterOption | undefined): option is TabularAdapter | SensorAdapter | ImageAdapter {
  return typeof (option as { encode?: unknown } | undefined)?.encode === 'function';
}
