import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: a plain .mjs fixture shared with the script that made the model
import { sensorSeries } from './fixtures/sensor-series.mjs';

/** The tiny sensor model made by fixtures/make-tiny-sensor-model.mjs (channels temp, load; window 8, stride 2). */
export const TINY_SENSOR_MODEL_PATH = fileURLToPath(new URL('./fixtures/tiny-sensor.onnx', import.meta.url));

/** A sample of the tiny sensor model's series (fixtures/sensor-series.mjs): one a second. */
export type SensorFixtureSample = { timestamp: number; temp: number; load: number };

/** `n` samples of the series the tiny sensor model was trained on, from sample `from` on (same seed, same samples). */
export function tinySensorSeries(n: number, options?: { seed?: number; from?: number }): SensorFixtureSample[] {
  return sensorSeries(n, options);
}

/** The tiny tabular model made by fixtures/make-tiny-model.mjs (columns a, b, colour, flag, c). */
export const TINY_MODEL_PATH = fileURLToPath(new URL('./fixtures/tiny-tabular.onnx', import.meta.url));
export const tinyModelBytes = (): Uint8Array => new Uint8Array(readFileSync(TINY_MODEL_PATH));

/** Records shaped like the fixture's training data; row 2 is far out of distribution. */
export const sampleRecords = [
  { a: '1.5', b: '3.4', colour: 'red', flag: 'false', c: '2.5' },
  { a: '7.0', b: '14.5', colour: 'blue', flag: 'true', c: '' },
  { a: '9.0', b: '-40', colour: 'purple', flag: 'false', c: '300' },
];

export function expectCloseArrays(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol = 1e-5, atol = 1e-5): void {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} != ${expected.length}`);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) throw new Error(`index ${i}: ${a} != ${e}`);
  }
}
