import { describe, expect, it } from 'vitest';
import { fitSensor } from '../../src/index.js';
import type { SensorSample } from '../../src/index.js';
import { thrown } from '../thrown.js';

/** t = 0, 10, 20, ...; channel a = 1..5, flat = 7 always, spiky = 0 0 0 0 10. */
const series: SensorSample[] = [1, 2, 3, 4, 5].map((a, i) => ({
  timestamp: i * 10, a, flat: 7, spiky: i === 4 ? 10 : 0,
}));

describe('fitSensor scaling (median / IQR)', () => {
  it('centers on the median and scales by IQR / 1.349 (type-7 quantiles)', () => {
    const a = fitSensor(series, { window: 2 }).toJSON().channels[0]!;
    // sorted 1..5: median 3, Q1 = 2, Q3 = 4, IQR 2.
    expect(a).toEqual({ name: 'a', center: 3, scale: 2 / 1.349, fill: 3 });
  });

  it('falls back to the std when the IQR is 0, and to 1 for a constant channel (never NaN)', () => {
    const [, flat, spiky] = fitSensor(series, { window: 2 }).toJSON().channels;
    expect(flat).toEqual({ name: 'flat', center: 7, scale: 1, fill: 7 });
    // 0 0 0 0 10: IQR 0; mean 2, population variance (4 * 4 + 64) / 5 = 16, std 4.
    expect(spiky).toEqual({ name: 'spiky', center: 0, scale: 4, fill: 0 });
    const encoded = fitSensor(series, { window: 2 }).encode(fitSensor(series, { window: 2 }).windows(series));
    expect(encoded.every(Number.isFinite)).toBe(true);
  });

  it('reads CSV-like string records the same as numbers', () => {
    const csv = series.map((s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, ` ${v} `])));
    expect(fitSensor(csv, { window: 2 }).toJSON()).toEqual(fitSensor(series, { window: 2 }).toJSON());
  });

  it('fits first differences when asked: median and IQR of x[t] - x[t-1]', () => {
    const rows = [1, 2, 4, 7, 11].map((a, i) => ({ timestamp: i, a }));
    const a = fitSensor(rows, { window: 2, differences: true }).toJSON().channels[0]!;
    // differences 1 2 3 4: median 2.5, Q1 = 1.75, Q3 = 3.25, IQR 1.5; fill is the median level 4.
    expect(a).toEqual({ name: 'a', center: 2.5, scale: 1.5 / 1.349, fill: 4 });
  });

  it('does not difference across a gap', () => {
    // interval 1; the jump 2 -> 100 happens across a gap of 10 (> 3 intervals): differences 1 1 | 1 1.
    const rows = [[0, 1], [1, 2], [2, 3], [12, 100], [13, 101], [14, 102]].map(([timestamp, a]) => ({ timestamp, a }));
    const a = fitSensor(rows, { window: 2, differences: true }).toJSON().channels[0]!;
    expect(a.center).toBe(1);
    expect(a.scale).toBe(1); // IQR 0, std 0: constant differences
  });
});

describe('fitSensor state', () => {
  it('records channels, timestamp key, window, stride, median interval and policies', () => {
    const state = fitSensor(series, { window: 3, stride: 2 }).toJSON();
    expect(state).toMatchObject({
      kind: 'sensor', timestamp: 'timestamp', window: 3, stride: 2, differences: false, scaling: 'robust',
      interval: 10, maxGap: 3, invalid: 'carry-forward', outOfOrder: 'drop',
    });
    expect(state.channels.map((c) => c.name)).toEqual(['a', 'flat', 'spiky']);
  });

  it('takes the median interval over in-order timestamps, read from ISO-8601 strings as ms', () => {
    const rows = ['2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z', '2026-01-01T00:00:03Z', '2026-01-01T00:00:04Z']
      .map((timestamp, i) => ({ timestamp, v: i }));
    // intervals 1000, 2000, 1000 ms: median 1000.
    expect(fitSensor(rows, { window: 2 }).toJSON().interval).toBe(1000);
  });

  it('uses options.channels in their order, ignoring extra keys', () => {
    const a = fitSensor(series, { window: 2, channels: ['spiky', 'a'] });
    expect(a.channels).toEqual(['spiky', 'a']);
    expect(a.width).toBe(4);
    expect(a.inputShape).toEqual([4]);
    expect(a.columns).toEqual(['timestamp', 'spiky', 'a']);
    expect(a.featureNames).toEqual(['spiky@-1', 'a@-1', 'spiky@0', 'a@0']);
  });

  it('supports samples without timestamps (timestamp: null): sample order is the clock', () => {
    const rows = [{ v: 1 }, { v: 2 }, { v: 3 }];
    const a = fitSensor(rows, { window: 2, timestamp: null });
    expect(a.toJSON()).toMatchObject({ timestamp: null, interval: null });
    expect(a.windows(rows).map((w) => [w.start, w.timestamp])).toEqual([[0, 1], [1, 2]]);
  });

  it('stores maxGap Infinity as null (JSON has no Infinity)', () => {
    expect(fitSensor(series, { window: 2, maxGap: Infinity }).toJSON().maxGap).toBeNull();
  });
});

describe('fitSensor errors name the argument and the expected value', () => {
  it('rejects bad options', () => {
    expect(thrown(() => fitSensor(series, { window: 0 })).message).toBe(
      'fitSensor: options.window: expected a positive integer, got 0',
    );
    expect(thrown(() => fitSensor(series, { window: 2, stride: 1.5 })).message).toBe(
      'fitSensor: options.stride: expected a positive integer, got 1.5',
    );
    expect(thrown(() => fitSensor(series, { window: 2, maxGap: 1 })).message).toContain('options.maxGap: expected a number > 1');
    expect(thrown(() => fitSensor(series, { window: 2, invalid: 'zero' as never })).message).toBe(
      "fitSensor: options.invalid: expected 'carry-forward' or 'error', got \"zero\"",
    );
    expect(thrown(() => fitSensor(series, { window: 2, channels: ['a', 'a'] })).message).toBe(
      "fitSensor: options.channels: duplicate channel 'a'",
    );
    expect(thrown(() => fitSensor(series, { window: 2, channels: ['timestamp'] })).message).toContain(
      "'timestamp' is the timestamp key",
    );
  });

  it('rejects an empty series, and one too short for a window', () => {
    expect(thrown(() => fitSensor([], { window: 2 })).message).toContain('samples is empty');
    expect(thrown(() => fitSensor(series, { window: 6 })).message).toBe(
      'fitSensor: no window fits: a window needs 6 consecutive samples but the longest run without a gap ' +
        'or dropped sample is 5 (5 samples given)',
    );
    expect(thrown(() => fitSensor(series, { window: 5, differences: true })).message).toContain('needs 6 consecutive');
  });

  it('names a channel with no finite reading, and a sample missing a channel or its timestamp', () => {
    const noReading = series.map((s) => ({ ...s, dead: 'NA' }));
    const e = thrown(() => fitSensor(noReading, { window: 2 }));
    expect(e.message).toBe("fitSensor: channel 'dead' has no finite reading in the training samples");
    expect(e.column).toBe('dead');
    const missing = [...series.slice(0, 3), { timestamp: 30, a: 4, flat: 7 }];
    const m = thrown(() => fitSensor(missing, { window: 2 }));
    expect(m.message).toBe(
      "fitSensor: sample 3: missing channel 'spiky'; expected channels: 'a', 'flat', 'spiky'; " +
        "the sample has: 'timestamp', 'a', 'flat'",
    );
    expect([m.row, m.column]).toEqual([3, 'spiky']);
    const t = thrown(() => fitSensor([{ time: 1, a: 1 }, { time: 2, a: 2 }], { window: 1, channels: ['a'] }));
    expect(t.message).toContain("sample 0: missing timestamp 'timestamp'");
    expect(thrown(() => fitSensor([{ timestamp: 'soon', a: 1 }], { window: 1 })).message).toBe(
      "fitSensor: sample 0, timestamp 'timestamp': expected a finite number, a numeric string or an ISO-8601 date, got \"soon\"",
    );
  });
});
