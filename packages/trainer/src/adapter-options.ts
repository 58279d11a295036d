/**
 * What `train()` accepts as data and as `options.adapter`: tabular records or a sensor series, and a
 * fitted adapter or the options to fit one (`{ kind: 'sensor', window, ... }` for a series).
 */
import type {
  FitSensorOptions, FitTabularOptions, SensorAdapter, SensorSample, SensorWindow, TabularAdapter, TabularRecord,
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

/** The sensor forms of `options.adapter`: a fitted sensor adapter, or options to fit one. */
export type SensorAdapterOption = SensorAdapter | SensorTrainAdapterOptions;

/** The tabular forms of `options.adapter` (the default is `{}`: fit on every column). */
export type TabularAdapterOption = TabularAdapter | TabularTrainAdapterOptions;

/** `options.adapter`: a fitted adapter, or the options to fit one. */
export type TrainAdapterOption = TabularAdapterOption | SensorAdapterOption;

/**
 * One element of `train()`'s data: a record (tabular), a sample of a series in time order (sensor),
 * or a window already cut by the fitted sensor adapter passed as `options.adapter`.
 */
export type TrainInput = TabularRecord | SensorSample | SensorWindow;

/** True when `option` asks for a sensor adapter (fitted, or options with `kind: 'sensor'`). */
export function isSensorOption(option: TrainAdapterOption | undefined): option is SensorAdapterOption {
  return typeof option === 'object' && option !== null && (option as { kind?: unknown }).kind === 'sensor';
}

/** True when `option` is an adapter already fitted (it can encode), not options to fit one. */
export function isFittedAdapter(option: TrainAdapterOption | undefined): option is TabularAdapter | SensorAdapter {
  return typeof (option as { encode?: unknown } | undefined)?.encode === 'function';
}
