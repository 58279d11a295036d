/** A small seeded multichannel sensor series for trainer tests: three periodic channels plus noise. */
import { mulberry32 } from './data.js';

/** Epoch ms of sample 0. */
export const SERIES_START = Date.UTC(2026, 0, 1);

export interface SensorSeriesOptions {
  /** Index of the first sample (a later stretch of the same process). Default 0. */
  from?: number;
  seed?: number;
  /** Add `spike.size` to channel `a` at sample index `spike.at` (relative to `from`). */
  spike?: { at: number; size: number };
}

/**
 * `n` samples `{ timestamp (ms), a, b, c }` one second apart: `a` a sine of period 24 samples, `b` its
 * cosine, `c` a slower sine (period 60), each with uniform noise.
 */
export function sensorSeries(n: number, options: SensorSeriesOptions = {}): { timestamp: number; a: number; b: number; c: number }[] {
  const from = options.from ?? 0;
  const random = mulberry32(options.seed ?? 3);
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const phase = (2 * Math.PI * i) / 24;
    const spike = options.spike !== undefined && options.spike.at === k ? options.spike.size : 0;
    return {
      timestamp: SERIES_START + i * 1000,
      a: 2 * Math.sin(phase) + 0.2 * (random() - 0.5) + spike,
      b: 1 + Math.cos(phase) + 0.1 * (random() - 0.5),
      c: 5 + 0.5 * Math.sin((2 * Math.PI * i) / 60) + 0.1 * (random() - 0.5),
    };
  });
}
