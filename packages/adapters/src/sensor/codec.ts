/**
 * Encoding windows into model inputs and decoding a model row back to raw units. Layout: window-major,
 * then time-major: feature `t * C + c` of a row is channel `c` at time step `t`, oldest step first.
 */
import { AdapterInputError } from '../errors.js';
import { describeValue } from '../tabular/values.js';
import type { SensorAdapterState, SensorWindow } from './types.js';

/** The per-channel constants encoding needs, compiled once from the state. */
export interface SensorLayout {
  channels: readonly string[];
  centers: Float64Array;
  scales: Float64Array;
  window: number;
  steps: number;
  differences: boolean;
  width: number;
}

export function compileSensorLayout(state: SensorAdapterState): SensorLayout {
  const channels = state.channels.map((c) => c.name);
  return {
    channels,
    centers: Float64Array.from(state.channels, (c) => c.center),
    scales: Float64Array.from(state.channels, (c) => c.scale),
    window: state.window,
    steps: state.window + (state.differences ? 1 : 0),
    differences: state.differences,
    width: state.window * channels.length,
  };
}

function windowValues(w: unknown, i: number, expected: number): ArrayLike<number> {
  if (typeof w !== 'object' || w === null || Array.isArray(w)) {
    throw new AdapterInputError(
      `encode: window ${i}: expected a window object ({ timestamp, start, values }), got ${describeValue(w)}`,
      { row: i },
    );
  }
  const values = (w as Partial<SensorWindow>).values as unknown;
  const ok = values instanceof Float64Array || values instanceof Float32Array || Array.isArray(values);
  if (!ok || (values as ArrayLike<number>).length !== expected) {
    const got = ok ? `${(values as ArrayLike<number>).length} values` : describeValue(values);
    throw new AdapterInputError(
      `encode: window ${i}: expected values with ${expected} numbers (samples x channels), got ${got}`,
      { row: i },
    );
  }
  return values as ArrayLike<number>;
}

/** Encode windows into `windows.length * width` floats. Throws `AdapterInputError` naming the window. */
export function encodeWindows(layout: SensorLayout, windows: readonly SensorWindow[]): Float32Array {
  if (!Array.isArray(windows)) {
    throw new AdapterInputError(`encode: expected an array of windows, got ${describeValue(windows)}`);
  }
  const { channels, centers, scales, window, steps, differences, width } = layout;
  const C = channels.length;
  const out = new Float32Array(windows.length * width);
  for (let i = 0; i < windows.length; i++) {
    const v = windowValues(windows[i], i, steps * C);
    const base = i * width;
    for (let t = 0; t < window; t++) {
      for (let c = 0; c < C; c++) {
        const at = t * C + c;
        const level = v[at]!;
        const raw = differences ? v[at + C]! - level : level;
        if (!Number.isFinite(raw)) {
          const bad = Number.isFinite(level) ? v[at + C] : level;
          throw new AdapterInputError(
            `encode: window ${i}, channel '${channels[c]}': expected finite readings, got ${describeValue(bad)}`,
            { row: i, column: channels[c] },
          );
        }
        out[base + at] = (raw - centers[c]!) / scales[c]!;
      }
    }
  }
  return out;
}

/** Decode encoded row `row` back to raw units per channel (levels or first differences), oldest first. */
export function decodeWindow(layout: SensorLayout, encoded: ArrayLike<number>, row: number): Record<string, number[]> {
  const { channels, centers, scales, window, width } = layout;
  const C = channels.length;
  if (!Number.isInteger(row) || row < 0 || (row + 1) * width > encoded.length) {
    throw new AdapterInputError(
      `decode: row must be an integer from 0 to ${Math.floor(encoded.length / width) - 1}, got ${row}`,
    );
  }
  const out: Record<string, number[]> = {};
  for (let c = 0; c < C; c++) {
    const series = new Array<number>(window);
    for (let t = 0; t < window; t++) series[t] = encoded[row * width + t * C + c]! * scales[c]! + centers[c]!;
    out[channels[c]!] = series;
  }
  return out;
}
