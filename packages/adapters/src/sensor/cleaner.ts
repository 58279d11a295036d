/**
 * The sensor input policy, one sample at a time, shared by fitting, batch windowing and streaming:
 * out-of-order and duplicate timestamps, gaps, missing or non-numeric readings, missing channels.
 */
import { AdapterInputError } from '../errors.js';
import { INVALID, MISSING, describeValue, readNumber } from '../tabular/values.js';
import { requireChannels, requireSample, readTimestamp } from './samples.js';
import type { InvalidReadingPolicy, OutOfOrderPolicy, SlidingWindowStats } from './types.js';

/** What the cleaner needs to know: a subset of the adapter state. */
export interface CleanerConfig {
  channels: readonly string[];
  timestamp: string | null;
  /** Median training interval, or null (no gap detection). */
  interval: number | null;
  /** Gap factor; `Infinity` never restarts. */
  maxGap: number;
  /** Raw level per channel used before any valid reading was seen. */
  fills: readonly number[];
  invalid: InvalidReadingPolicy;
  outOfOrder: OutOfOrderPolicy;
  /** Prefix of error messages, e.g. `'fitSensor: '`. */
  prefix?: string;
}

/** One accepted sample: its timestamp, its readings, and whether a gap precedes it. */
export interface CleanSample {
  timestamp: number;
  values: Float64Array;
  /** True when the gap since the previous accepted sample exceeds `maxGap` intervals. */
  gap: boolean;
}

export function emptyStats(channels: readonly string[]): SlidingWindowStats {
  const filledByChannel: Record<string, number> = {};
  for (const c of channels) filledByChannel[c] = 0;
  return { samples: 0, accepted: 0, windows: 0, outOfOrder: 0, duplicates: 0, gaps: 0, filled: 0, filledByChannel };
}

export class SampleCleaner {
  readonly stats: SlidingWindowStats;
  readonly #config: CleanerConfig;
  readonly #lastValid: Float64Array;
  readonly #prefix: string;
  #last: number | undefined;

  constructor(config: CleanerConfig) {
    this.#config = config;
    this.#prefix = config.prefix ?? '';
    this.stats = emptyStats(config.channels);
    this.#lastValid = Float64Array.from(config.fills);
  }

  /** Forget the last timestamp (a fresh series); carried-forward readings are kept. */
  reset(): void {
    this.#last = undefined;
  }

  /**
   * Apply the policy to the next sample: `null` when it is dropped (out of order, duplicate), else
   * its timestamp and readings. Throws `AdapterInputError` for a sample it cannot read.
   */
  push(sample: unknown): CleanSample | null {
    const { channels, timestamp: key, interval, maxGap, invalid, outOfOrder } = this.#config;
    const index = this.stats.samples++;
    const prefix = this.#prefix;
    requireSample(sample, index, prefix);
    const ts = key === null ? index : readTimestamp(sample, key, index, prefix);
    requireChannels(sample, channels, index, prefix);
    const last = this.#last;
    let gap = false;
    if (last !== undefined) {
      if (ts < last) {
        if (outOfOrder === 'error') {
          throw new AdapterInputError(
            `${prefix}sample ${index}: timestamp ${describeValue(sample[key!])} is earlier than the previous ` +
              `sample's ${last} (out of order; use outOfOrder: 'drop' to skip such samples)`,
            { row: index, column: key ?? undefined },
          );
        }
        this.stats.outOfOrder++;
        return null;
      }
      if (ts === last) {
        this.stats.duplicates++;
        return null;
      }
      if (interval !== null && ts - last > maxGap * interval) {
        this.stats.gaps++;
        gap = true;
      }
    }
    const values = new Float64Array(channels.length);
    for (let c = 0; c < channels.length; c++) {
      const raw = sample[channels[c]!];
      const v = readNumber(raw);
      if (v === MISSING || v === INVALID) {
        if (invalid === 'error') {
          throw new AdapterInputError(
            `${prefix}sample ${index}, channel '${channels[c]}': expected a finite number, got ${describeValue(raw)}`,
            { row: index, column: channels[c] },
          );
        }
        values[c] = this.#lastValid[c]!;
        this.stats.filled++;
        this.stats.filledByChannel[channels[c]!]!++;
      } else {
        values[c] = v;
        this.#lastValid[c] = v;
      }
    }
    this.#last = ts;
    this.stats.accepted++;
    return { timestamp: ts, values, gap };
  }
}
