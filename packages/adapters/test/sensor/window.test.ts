import { describe, expect, it } from 'vitest';
import { fitSensor } from '../../src/index.js';
import type { SensorAdapter, SensorSample, SensorWindow } from '../../src/index.js';
import { thrown } from '../thrown.js';

/** Training series: t = 0..9 (interval 1), a = t, b = 10 t. Medians: a 4.5, b 45. */
const training: SensorSample[] = Array.from({ length: 10 }, (_, t) => ({ timestamp: t, a: t, b: 10 * t }));
const s = (timestamp: number, a: unknown, b: unknown = 0): SensorSample => ({ timestamp, a, b });

function adapter(options: Partial<Parameters<typeof fitSensor>[1]> = {}): SensorAdapter {
  return fitSensor(training, { window: 3, ...options });
}

/** Push samples one by one; return [index of the push that emitted, window] pairs. */
function run(a: SensorAdapter, samples: SensorSample[]) {
  const sliding = a.slidingWindow();
  const out: Array<[number, SensorWindow]> = [];
  samples.forEach((sample, i) => {
    const w = sliding.push(sample);
    if (w !== null) out.push([i, w]);
  });
  return { out, stats: sliding.stats };
}

describe('SlidingWindow emission', () => {
  it('emits once full, then every stride samples, with the timestamps of its first and last sample', () => {
    const { out, stats } = run(adapter({ stride: 2 }), Array.from({ length: 9 }, (_, t) => s(t, t, -t)));
    expect(out.map(([i]) => i)).toEqual([2, 4, 6, 8]);
    const [, first] = out[0]!;
    expect([first.start, first.timestamp]).toEqual([0, 2]);
    // time-major, oldest first: (a, b) at t = 0, 1, 2.
    expect(Array.from(first.values)).toEqual([0, -0, 1, -1, 2, -2]);
    expect(Array.from(out[3]![1].values)).toEqual([6, -6, 7, -7, 8, -8]);
    expect(stats).toMatchObject({ samples: 9, accepted: 9, windows: 4, outOfOrder: 0, duplicates: 0, gaps: 0, filled: 0 });
  });

  it('emits every sample with stride 1, and skips samples between windows with stride > window', () => {
    expect(run(adapter(), Array.from({ length: 5 }, (_, t) => s(t, t))).out.map(([i]) => i)).toEqual([2, 3, 4]);
    const wide = run(adapter({ stride: 5 }), Array.from({ length: 14 }, (_, t) => s(t, t)));
    expect(wide.out.map(([, w]) => w.start)).toEqual([0, 5, 10]);
  });

  it('needs window + 1 samples per window with differences', () => {
    const a = adapter({ differences: true });
    expect(a.steps).toBe(4);
    expect(run(a, Array.from({ length: 5 }, (_, t) => s(t, t))).out.map(([i]) => i)).toEqual([3, 4]);
  });

  it('gives the same windows in batch (windows()) and streaming', () => {
    const a = adapter({ stride: 2 });
    const samples = [s(0, 1), s(1, 2), s(1, 9), s(2, null), s(3, 4), s(0.5, 7), s(4, 5), s(9, 6), s(10, 7), s(11, 8)];
    expect(a.windows(samples)).toEqual(run(a, samples).out.map(([, w]) => w));
  });
});

describe('SlidingWindow input policy', () => {
  it('drops out-of-order samples and counts them (default)', () => {
    const { out, stats } = run(adapter(), [s(0, 0), s(1, 1), s(0.5, 99), s(2, 2), s(1.5, 99)]);
    expect(stats).toMatchObject({ samples: 5, accepted: 3, outOfOrder: 2, windows: 1 });
    expect(out.map(([i, w]) => [i, Array.from(w.values)])).toEqual([[3, [0, 0, 1, 0, 2, 0]]]);
  });

  it("throws for out-of-order samples with outOfOrder: 'error', naming the sample and timestamps", () => {
    const sliding = adapter({ outOfOrder: 'error' }).slidingWindow();
    sliding.push(s(0, 0));
    sliding.push(s(5, 0));
    const e = thrown(() => sliding.push(s(3, 0)));
    expect(e.message).toBe(
      "sample 2: timestamp 3 is earlier than the previous sample's 5 (out of order; use outOfOrder: 'drop' to skip such samples)",
    );
    expect([e.row, e.column]).toEqual([2, 'timestamp']);
  });

  it('drops a duplicate timestamp, keeping the first sample, and counts it', () => {
    const { out, stats } = run(adapter(), [s(0, 0), s(1, 1), s(1, 50), s(2, 2)]);
    expect(stats).toMatchObject({ duplicates: 1, accepted: 3 });
    expect(Array.from(out[0]![1].values)).toEqual([0, 0, 1, 0, 2, 0]);
  });

  it('restarts the window after a gap longer than maxGap x the median interval, and counts it', () => {
    // interval 1, maxGap 3: a step of 3 is fine, a step of 4 is a gap.
    const { out, stats } = run(adapter(), [s(0, 0), s(1, 1), s(4, 2), s(8, 3), s(9, 4), s(10, 5), s(11, 6)]);
    expect(stats.gaps).toBe(1);
    expect(out.map(([i, w]) => [i, w.start, w.timestamp])).toEqual([[2, 0, 4], [5, 8, 10], [6, 9, 11]]);
    const never = run(adapter({ maxGap: Infinity }), [s(0, 0), s(1, 1), s(100, 2)]);
    expect([never.stats.gaps, never.out.length]).toEqual([0, 1]);
  });

  it('carries missing and non-numeric readings forward from the last valid value, counting them per channel', () => {
    const { out, stats } = run(adapter(), [s(0, 1, 5), s(1, Number.NaN, '6'), s(2, 'abc', null), s(3, '', 'NA'), s(4, '4', 8)]);
    expect(stats).toMatchObject({ filled: 5, filledByChannel: { a: 3, b: 2 } });
    expect(out.map(([, w]) => Array.from(w.values))).toEqual([
      [1, 5, 1, 6, 1, 6],
      [1, 6, 1, 6, 1, 6],
      [1, 6, 1, 6, 4, 8],
    ]);
  });

  it('fills a reading before any valid one with the training median level', () => {
    const { out } = run(adapter(), [s(0, null, 1), s(1, 2, 'x'), s(2, 3, 3)]);
    // a's training median is 4.5, b's is 45.
    expect(Array.from(out[0]![1].values)).toEqual([4.5, 1, 2, 1, 3, 3]);
  });

  it("throws for a bad reading with invalid: 'error', naming sample and channel", () => {
    const sliding = adapter({ invalid: 'error' }).slidingWindow();
    sliding.push(s(0, 1));
    const e = thrown(() => sliding.push(s(1, 'n/a', 2)));
    expect(e.message).toBe("sample 1, channel 'a': expected a finite number, got \"n/a\"");
    expect([e.row, e.column]).toEqual([1, 'a']);
  });

  it('throws when a channel goes missing, naming it and what the sample has', () => {
    const sliding = adapter().slidingWindow();
    sliding.push(s(0, 1));
    const e = thrown(() => sliding.push({ timestamp: 1, a: 2 }));
    expect(e.message).toBe("sample 1: missing channel 'b'; expected channels: 'a', 'b'; the sample has: 'timestamp', 'a'");
    expect([e.row, e.column]).toEqual([1, 'b']);
    expect(thrown(() => sliding.push(42 as never)).message).toContain('sample 2: expected a sample object');
  });

  it('reset() forgets the buffer and the last timestamp', () => {
    const sliding = adapter().slidingWindow();
    for (let t = 0; t < 3; t++) sliding.push(s(t + 10, t));
    sliding.reset();
    expect(sliding.push(s(0, 0))).toBeNull();
    expect(sliding.push(s(1, 0))).toBeNull();
    expect(sliding.push(s(2, 0))?.start).toBe(0);
    expect(sliding.stats.outOfOrder).toBe(0);
  });
});
