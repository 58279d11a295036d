/**
 * Cutting one sensor series into windows, remembering which sample ends each window: the trainer
 * labels a window by its last sample, and `novae score` writes that sample's timestamp.
 */
import type { SensorAdapter, SensorSample, SensorWindow, SlidingWindowStats } from '@novae/adapters';

/** A series cut into windows. */
export interface CutSeries {
  /** The windows, in time order: the same as `adapter.windows(samples)`. */
  windows: SensorWindow[];
  /** `ends[i]`: index in the series of the sample that ends window `i` (its last sample). */
  ends: number[];
  /** What the adapter's input policy did: samples dropped, gaps, readings carried forward. */
  stats: SlidingWindowStats;
}

/**
 * Cut `samples` into windows with the adapter's sliding window (exactly what `adapter.windows()`
 * returns). Throws the adapter's `AdapterInputError` (with `row` = the sample index) for a sample
 * it cannot read.
 */
export function cutWindows(adapter: SensorAdapter, samples: readonly SensorSample[]): CutSeries {
  const sliding = adapter.slidingWindow();
  const windows: SensorWindow[] = [];
  const ends: number[] = [];
  samples.forEach((sample, i) => {
    const window = sliding.push(sample);
    if (window === null) return;
    windows.push(window);
    ends.push(i);
  });
  return { windows, ends, stats: sliding.stats };
}

/** True for a window cut by a sensor adapter (`{ timestamp, start, values: Float64Array }`). */
export function isSensorWindow(value: unknown): value is SensorWindow {
  const w = value as Partial<SensorWindow> | null;
  return typeof w === 'object' && w !== null && w.values instanceof Float64Array &&
    typeof w.timestamp === 'number' && typeof w.start === 'number';
}

/** The label of each window: the label of its last sample (`labels` has one entry per sample). */
export function windowLabels<T>(labels: ArrayLike<T>, ends: readonly number[]): T[] {
  return ends.map((end) => labels[end]!);
}
