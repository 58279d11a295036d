/**
 * The sensor adapter: `fitSensor` learns per-channel scaling and the sampling interval from one
 * training series; the fitted adapter cuts series into windows (in batch or as a stream) and encodes
 * them identically at training and scoring time; `sensorFromJSON` rebuilds it from a manifest.
 */
import { compileSensorLayout, decodeWindow, encodeWindows, type SensorLayout } from './codec.js';
import { fitSensorState } from './fit-sensor.js';
import { RingSlidingWindow, type WindowConfig } from './sliding-window.js';
import { validateSensorState } from './state-validation.js';
import type { FitSensorOptions, SensorAdapter, SensorAdapterState, SensorSample, SensorWindow, SlidingWindow } from './types.js';

class FittedSensorAdapter implements SensorAdapter {
  readonly kind = 'sensor' as const;
  readonly width: number;
  readonly inputShape: readonly number[];
  readonly channels: readonly string[];
  readonly columns: readonly string[];
  readonly window: number;
  readonly stride: number;
  readonly differences: boolean;
  readonly steps: number;
  readonly featureNames: readonly string[];
  readonly #state: SensorAdapterState;
  readonly #layout: SensorLayout;
  readonly #windowConfig: WindowConfig;

  constructor(state: SensorAdapterState) {
    this.#state = state;
    this.#layout = compileSensorLayout(state);
    const { channels, window, steps, width } = this.#layout;
    this.width = width;
    this.inputShape = Object.freeze([width]);
    this.channels = channels;
    this.columns = state.timestamp === null ? channels : [state.timestamp, ...channels];
    this.window = window;
    this.stride = state.stride;
    this.differences = state.differences;
    this.steps = steps;
    this.featureNames = Array.from({ length: width }, (_, f) => `${channels[f % channels.length]}@${Math.floor(f / channels.length) - window + 1}`);
    this.#windowConfig = {
      channels, timestamp: state.timestamp, interval: state.interval, maxGap: state.maxGap ?? Infinity,
      fills: state.channels.map((c) => c.fill), invalid: state.invalid, outOfOrder: state.outOfOrder,
      steps, stride: state.stride,
    };
  }

  encode(windows: readonly SensorWindow[]): Float32Array {
    return encodeWindows(this.#layout, windows);
  }

  windows(samples: readonly SensorSample[]): SensorWindow[] {
    const sliding = this.slidingWindow();
    const out: SensorWindow[] = [];
    for (const sample of samples) {
      const w = sliding.push(sample);
      if (w !== null) out.push(w);
    }
    return out;
  }

  slidingWindow(): SlidingWindow {
    return new RingSlidingWindow(this.#windowConfig);
  }

  decode(encoded: ArrayLike<number>, row = 0): Record<string, number[]> {
    return decodeWindow(this.#layout, encoded, row);
  }

  toJSON(): SensorAdapterState {
    return { ...this.#state, channels: this.#state.channels.map((c) => ({ ...c })) };
  }
}

/**
 * Fit a sensor adapter on one training series of samples (objects of numbers, or CSV-like records of
 * strings), in arrival order: `fitSensor(samples, { window: 32, stride: 4 })`.
 *
 * Scaling (robust): per channel, center = median and scale = IQR / 1.349 of the encoded quantity
 * (levels, or first differences with `differences: true`) over the accepted training samples; the
 * population std when the IQR is 0, and 1 for a constant channel (never NaN).
 *
 * Layout: a window is `window` time steps of every channel, time-major and oldest first: feature
 * `t * channels + c` is channel `c` at step `t`; `inputShape` is `[window * channels]` (the MLP).
 *
 * Input policy, the same at fit time, in `windows()` and in `slidingWindow()`:
 * - Timestamps: a finite number, a numeric string, a `Date` or an ISO-8601 string (read as epoch
 *   ms). A sample without one, or with an unreadable one, throws naming the sample and key.
 * - Out-of-order (earlier than the previous accepted sample): dropped and counted in
 *   `stats.outOfOrder` (default `outOfOrder: 'drop'`), or with `'error'` an `AdapterInputError`
 *   naming the sample and its timestamp.
 * - Duplicate timestamp (equal to the previous accepted one): dropped and counted in
 *   `stats.duplicates`; the first sample wins.
 * - Gaps: an interval longer than `maxGap` (default 3) times the training median interval restarts
 *   the window (counted in `stats.gaps`): no window spans a gap, the next one is due after `steps`
 *   new samples.
 * - Missing or non-numeric readings (`null`, `NaN`, `''`, `'NA'`, `'abc'`, `±Infinity`): carried
 *   forward from the channel's last valid reading (before any, the training median level) and
 *   counted in `stats.filled` and `stats.filledByChannel` (default `invalid: 'carry-forward'`), or
 *   with `'error'` an `AdapterInputError` naming the sample and channel.
 * - A channel missing from a sample (no such key) always throws
 *   `sample 7: missing channel 'rpm'; expected channels: ...; the sample has: ...`.
 *   Extra keys are ignored.
 *
 * Throws `AdapterInputError` for bad options, an empty series, a channel with no finite reading, or
 * a series with no `steps` consecutive samples to make a window of.
 */
export function fitSensor(samples: readonly SensorSample[], options: FitSensorOptions): SensorAdapter {
  return new FittedSensorAdapter(fitSensorState(samples, options));
}

/**
 * Rebuild a fitted sensor adapter from its state (`adapter.toJSON()`, possibly through JSON).
 * The state is validated first; a bad field throws `AdapterInputError` naming its path.
 */
export function sensorFromJSON(state: SensorAdapterState): SensorAdapter {
  return new FittedSensorAdapter(validateSensorState(state));
}
