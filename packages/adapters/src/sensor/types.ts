/**
 * The public shape of the sensor adapter: what the trainer and the runtime rely on.
 * The fitted state (`SensorAdapterState`) is stored verbatim in the model manifest.
 */

/**
 * One raw sensor reading: a timestamp and one value per channel, as an object of numbers or as a
 * CSV-like record of strings, e.g. `{ timestamp: '2026-01-01T00:00:00Z', temp: '21.5', rpm: 1200 }`.
 */
export type SensorSample = Readonly<Record<string, unknown>>;

/** What to do with a reading that is missing or not a finite number (`null`, `NaN`, `''`, `'abc'`). */
export type InvalidReadingPolicy = 'carry-forward' | 'error';

/** What to do with a sample whose timestamp is earlier than the previous accepted sample's. */
export type OutOfOrderPolicy = 'drop' | 'error';

export interface FitSensorOptions {
  /** Channels to read, in this order. Default: every key of the first sample but the timestamp. */
  channels?: readonly string[];
  /**
   * Key of the timestamp in each sample (default `'timestamp'`); `null` when samples carry none:
   * sample order is then the only clock and gaps cannot be detected.
   */
  timestamp?: string | null;
  /** Time steps per model input window (a positive integer). */
  window: number;
  /** Samples between two consecutive windows (default 1: a window per sample once full). */
  stride?: number;
  /**
   * Encode first differences `x[t] - x[t-1]` instead of levels (default false). A window then spans
   * `window + 1` samples, so the model input keeps `window` time steps.
   */
  differences?: boolean;
  /**
   * A gap between two samples longer than `maxGap` times the training series' median interval
   * restarts the window (default 3; a number > 1, or `Infinity` to never restart).
   */
  maxGap?: number;
  /** Policy for missing or non-numeric readings (default `'carry-forward'`). */
  invalid?: InvalidReadingPolicy;
  /** Policy for out-of-order timestamps (default `'drop'`). */
  outOfOrder?: OutOfOrderPolicy;
}

/** Fitted scaling of one channel: encoded = (value - center) / scale. */
export interface SensorChannelState {
  name: string;
  /** Training median of the encoded quantity (the level, or the first difference). */
  center: number;
  /** Training IQR / 1.349 of the encoded quantity (std if the IQR is 0; 1 if both are 0). */
  scale: number;
  /** Raw level used for a missing reading before any valid one was seen (training median level). */
  fill: number;
}

/** The fitted, JSON-serialisable state of a sensor adapter (lives in the model manifest). */
export interface SensorAdapterState {
  kind: 'sensor';
  channels: SensorChannelState[];
  /** Key of the timestamp in each sample, or `null` (sample order is the clock). */
  timestamp: string | null;
  window: number;
  stride: number;
  differences: boolean;
  /** How `center` and `scale` were fitted. */
  scaling: 'robust';
  /** Median interval between consecutive training samples (timestamp units), or `null` if unknown. */
  interval: number | null;
  /** Gap restart factor (see `FitSensorOptions.maxGap`); `null` in JSON stands for `Infinity`. */
  maxGap: number | null;
  invalid: InvalidReadingPolicy;
  outOfOrder: OutOfOrderPolicy;
}

/**
 * One window of consecutive accepted samples, as cleaned by the input policy (readings carried
 * forward), before scaling. `encode()` turns windows into model inputs.
 */
export interface SensorWindow {
  /** Timestamp of the window's last sample (its sample index when the adapter has no timestamp). */
  readonly timestamp: number;
  /** Timestamp of the window's first sample. */
  readonly start: number;
  /** Raw readings, time-major: `values[s * channels + c]` is channel `c` at sample `s`, oldest first. */
  readonly values: Float64Array;
}

/** What a `SlidingWindow` has seen so far. Every sample it did not use is counted here. */
export interface SlidingWindowStats {
  /** Samples pushed. */
  samples: number;
  /** Samples accepted into the window (pushed minus dropped). */
  accepted: number;
  /** Windows emitted. */
  windows: number;
  /** Samples dropped because their timestamp was earlier than the previous accepted one. */
  outOfOrder: number;
  /** Samples dropped because their timestamp equalled the previous accepted one (the first wins). */
  duplicates: number;
  /** Gaps longer than `maxGap` intervals: each restarted the window. */
  gaps: number;
  /** Readings that were missing or non-numeric and were carried forward. */
  filled: number;
  /** `filled`, per channel. */
  filledByChannel: Record<string, number>;
}

/** A streaming window over one series: push samples in arrival order, get windows out. */
export interface SlidingWindow {
  /**
   * Add one sample. Returns a window when one is due: the first once `steps` samples have been
   * accepted (since the start or the last gap), then every `stride` accepted samples; else `null`.
   * Throws `AdapterInputError` for a sample it cannot read (see `fitSensor` for the policy).
   */
  push(sample: SensorSample): SensorWindow | null;
  /** Counts of what was pushed, emitted, dropped and filled (a snapshot). */
  readonly stats: SlidingWindowStats;
  /** Forget the buffered samples and the last timestamp (counts are kept). */
  reset(): void;
}

export interface SensorAdapter {
  readonly kind: 'sensor';
  /** Encoded features per window: `window * channels.length`. */
  readonly width: number;
  /** Shape of one model input: `[window * channels.length]` (the MLP's flat, time-major layout). */
  readonly inputShape: readonly number[];
  /** Channel names, in encoding order. */
  readonly channels: readonly string[];
  /** The keys the adapter reads from each sample: the timestamp key (if any), then the channels. */
  readonly columns: readonly string[];
  /** Time steps per model input. */
  readonly window: number;
  readonly stride: number;
  readonly differences: boolean;
  /** Samples per window: `window`, or `window + 1` with differences. */
  readonly steps: number;
  /** One name per encoded feature, time-major: `temp@-3`, `rpm@-3`, ..., `temp@0`, `rpm@0` (0 = last). */
  readonly featureNames: readonly string[];
  /**
   * Encode windows into `windows.length * width` floats, window-major then time-major: feature
   * `t * channels + c` is channel `c` at time step `t` (oldest first). Throws `AdapterInputError`.
   */
  encode(windows: readonly SensorWindow[]): Float32Array;
  /** All windows of one series, exactly as a `slidingWindow()` fed the same samples emits them. */
  windows(samples: readonly SensorSample[]): SensorWindow[];
  /** A fresh streaming window with this adapter's channels, window, stride and input policy. */
  slidingWindow(): SlidingWindow;
  /**
   * Decode one encoded row (e.g. the model's reconstruction) back to raw units per channel, oldest
   * step first: levels, or first differences when the adapter encodes differences.
   */
  decode(encoded: ArrayLike<number>, row?: number): Record<string, number[]>;
  /** The fitted state, for the manifest. `sensorFromJSON(adapter.toJSON())` encodes identically. */
  toJSON(): SensorAdapterState;
}
