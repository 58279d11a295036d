import { describe, expect, it } from 'vitest';
import { adapterFromJSON, encodeInputs, fitSensor, sensorFromJSON } from '../../src/index.js';
import type { SensorAdapterState, SensorSample } from '../../src/index.js';
import { thrown } from '../thrown.js';

/** a = 1..5 (median 3, IQR 2), b = 7 (constant: scale 1), t = 0, 10, ... */
const series: SensorSample[] = [1, 2, 3, 4, 5].map((a, i) => ({ timestamp: i * 10, a, b: 7 }));
const S = 2 / 1.349;

function close(actual: ArrayLike<number>, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => expect(actual[i]).toBeCloseTo(e, 6));
}

describe('SensorAdapter.encode', () => {
  it('scales each reading by its channel, window-major then time-major', () => {
    const adapter = fitSensor(series, { window: 2 });
    const windows = adapter.windows(series);
    expect(windows.length).toBe(4);
    const x = adapter.encode(windows.slice(0, 2));
    expect(x).toBeInstanceOf(Float32Array);
    // window 0: (a, b) at t = 0, 10; window 1: t = 10, 20.
    close(x, [(1 - 3) / S, 0, (2 - 3) / S, 0, (2 - 3) / S, 0, (3 - 3) / S, 0]);
  });

  it('encodes first differences with differences: true', () => {
    const rows = [1, 2, 4, 7, 11].map((a, i) => ({ timestamp: i, a }));
    const adapter = fitSensor(rows, { window: 2, differences: true });
    // differences 1 2 3 4: center 2.5, scale 1.5 / 1.349; windows span 3 samples.
    const x = adapter.encode(adapter.windows(rows));
    const s = 1.5 / 1.349;
    close(x, [(1 - 2.5) / s, (2 - 2.5) / s, (2 - 2.5) / s, (3 - 2.5) / s, (3 - 2.5) / s, (4 - 2.5) / s]);
  });

  it('decodes an encoded row back to raw units per channel', () => {
    const adapter = fitSensor(series, { window: 2 });
    const x = adapter.encode(adapter.windows(series));
    const d = adapter.decode(x, 3);
    close(d.a!, [4, 5]);
    close(d.b!, [7, 7]);
    expect(thrown(() => adapter.decode(x, 4)).message).toBe('decode: row must be an integer from 0 to 3, got 4');
  });

  it('accepts hand-built windows and names a bad one', () => {
    const adapter = fitSensor(series, { window: 2 });
    close(adapter.encode([{ timestamp: 0, start: 0, values: Float64Array.from([3, 7, 5, 8]) }]), [0, 0, 2 / S, 1]);
    expect(thrown(() => adapter.encode([{ timestamp: 0, start: 0, values: new Float64Array(3) }])).message).toBe(
      'encode: window 0: expected values with 4 numbers (samples x channels), got 3 values',
    );
    const e = thrown(() => adapter.encode([{ timestamp: 0, start: 0, values: Float64Array.from([1, 7, Number.NaN, 7]) }]));
    expect(e.message).toBe("encode: window 0, channel 'a': expected finite readings, got NaN");
    expect(thrown(() => adapter.encode([{ a: 1 } as never])).message).toContain('encode: window 0: expected values');
    expect(thrown(() => adapter.encode('x' as never)).message).toBe('encode: expected an array of windows, got "x"');
  });

  it('encodes through encodeInputs like its own encode', () => {
    const adapter = fitSensor(series, { window: 2 });
    const windows = adapter.windows(series);
    expect(encodeInputs(adapter, windows)).toEqual(adapter.encode(windows));
  });
});

describe('sensor state round trip', () => {
  it('sensorFromJSON(toJSON()) through JSON text encodes and windows identically', () => {
    const fitted = fitSensor(series, { window: 3, stride: 2, differences: false, maxGap: Infinity, invalid: 'error' });
    const state = JSON.parse(JSON.stringify(fitted.toJSON())) as SensorAdapterState;
    const rebuilt = sensorFromJSON(state);
    expect(rebuilt.toJSON()).toEqual(fitted.toJSON());
    expect(rebuilt.windows(series)).toEqual(fitted.windows(series));
    expect(rebuilt.encode(rebuilt.windows(series))).toEqual(fitted.encode(fitted.windows(series)));
  });

  it('adapterFromJSON dispatches on kind sensor', () => {
    const fitted = fitSensor(series, { window: 2 });
    const rebuilt = adapterFromJSON(fitted.toJSON());
    expect(rebuilt.kind).toBe('sensor');
    expect(rebuilt.width).toBe(4);
    expect(thrown(() => adapterFromJSON({ kind: 'audio' } as never)).message).toBe(
      "adapter.kind: expected 'tabular', 'sensor' or 'image', got \"audio\"",
    );
  });

  it('toJSON returns a copy: mutating it does not change the adapter', () => {
    const fitted = fitSensor(series, { window: 2 });
    const state = fitted.toJSON();
    state.channels[0]!.center = 100;
    expect(fitted.toJSON().channels[0]!.center).toBe(3);
  });

  it('rejects a bad state, naming the field', () => {
    const good = fitSensor(series, { window: 2 }).toJSON();
    const bad = (edit: (s: Record<string, unknown>) => void): string => {
      const s = structuredClone(good) as unknown as Record<string, unknown>;
      edit(s);
      return thrown(() => sensorFromJSON(s as unknown as SensorAdapterState)).message;
    };
    expect(bad((s) => { (s.channels as Array<Record<string, unknown>>)[1]!.scale = 0; })).toBe(
      'adapter.channels[1].scale: expected a positive finite number, got 0',
    );
    expect(bad((s) => { s.window = 2.5; })).toBe('adapter.window: expected a positive integer, got 2.5');
    expect(bad((s) => { s.channels = []; })).toContain('adapter.channels: expected a non-empty array');
    expect(bad((s) => { (s.channels as Array<Record<string, unknown>>)[1]!.name = 'a'; })).toBe(
      'adapter.channels[1].name: duplicate channel name "a" (also adapter.channels[0].name)',
    );
    expect(bad((s) => { s.invalid = 'zero'; })).toBe("adapter.invalid: expected 'carry-forward' or 'error', got \"zero\"");
    expect(bad((s) => { s.maxGap = 0.5; })).toContain('adapter.maxGap: expected a number > 1');
    expect(bad((s) => { s.interval = -1; })).toBe('adapter.interval: expected a positive finite number, got -1');
    expect(bad((s) => { s.differences = 'yes'; })).toBe('adapter.differences: expected a boolean, got "yes"');
  });
});
