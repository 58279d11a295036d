/** Seeded sensor CSV files for the CLI tests: `timestamp,temp,load,label`, one sample a second. */
import { mulberry32 } from '../data.js';

export const SENSOR_HEADER = 'timestamp,temp,load,label';

export interface SensorCsvOptions {
  seed?: number;
  /** Index of the first sample (a later stretch of the same process). */
  from?: number;
  /** Rows (0-based) where `temp` jumps by +15 and the label is 1. */
  spikes?: readonly number[];
}

/** `rows` samples: ISO-8601 timestamps, `temp` a sine (period 24 s), `load` its cosine, plus noise. */
export function sensorCsv(rows: number, options: SensorCsvOptions = {}): string {
  const random = mulberry32(options.seed ?? 5);
  const from = options.from ?? 0;
  const spikes = new Set(options.spikes ?? []);
  const lines = [SENSOR_HEADER];
  for (let k = 0; k < rows; k++) {
    const i = from + k;
    const phase = (2 * Math.PI * i) / 24;
    const spike = spikes.has(k);
    const temp = 20 + 3 * Math.sin(phase) + 0.2 * (random() - 0.5) + (spike ? 15 : 0);
    const load = 0.5 + 0.4 * Math.cos(phase) + 0.05 * (random() - 0.5);
    lines.push([new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(), temp.toFixed(3), load.toFixed(4), spike ? 1 : 0].join(','));
  }
  return `${lines.join('\n')}\n`;
}
