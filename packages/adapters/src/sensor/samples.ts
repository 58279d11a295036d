/**
 * Reading one raw sensor sample, the same way at fit time and in the stream: the sample object, its
 * timestamp, and the presence of every channel. Errors name the sample, the field and what was expected.
 */
import { AdapterInputError } from '../errors.js';
import { describeValue, listNames } from '../tabular/values.js';
import type { SensorSample } from './types.js';

/** True when `v` can be read as a sample (a non-null, non-array object). */
export function isSample(v: unknown): v is SensorSample {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Throw unless `v` is a sample object. `index` is the sample's position in its series. */
export function requireSample(v: unknown, index: number, prefix: string): asserts v is SensorSample {
  if (!isSample(v)) {
    throw new AdapterInputError(
      `${prefix}sample ${index}: expected a sample object (timestamp and channel -> value), got ${describeValue(v)}`,
      { row: index },
    );
  }
}

/** A numeric string: what `Number()` reads fully, but not `''` (which it reads as 0). */
function numericString(s: string): number | undefined {
  if (s.trim() === '') return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Read a sample's timestamp as a number: a finite number as is, a numeric string (`'17'`) as its
 * number, a `Date` or an ISO-8601 string as epoch milliseconds. Throws naming the sample and key.
 */
export function readTimestamp(sample: SensorSample, key: string, index: number, prefix: string): number {
  const v = sample[key];
  if (v === undefined && !Object.hasOwn(sample, key)) {
    throw new AdapterInputError(
      `${prefix}sample ${index}: missing timestamp '${key}'; the sample has: ${listNames(Object.keys(sample))} ` +
        `(set the timestamp option to the right key, or to null for samples without one)`,
      { row: index, column: key },
    );
  }
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (v instanceof Date && Number.isFinite(v.getTime())) return v.getTime();
  if (typeof v === 'string') {
    const n = numericString(v) ?? Date.parse(v);
    if (Number.isFinite(n)) return n;
  }
  throw new AdapterInputError(
    `${prefix}sample ${index}, timestamp '${key}': expected a finite number, a numeric string or an ` +
      `ISO-8601 date, got ${describeValue(v)}`,
    { row: index, column: key },
  );
}

/** Throw unless the sample has every channel (a key present with `null` or `NaN` is a reading). */
export function requireChannels(
  sample: SensorSample, channels: readonly string[], index: number, prefix: string,
): void {
  for (const channel of channels) {
    if (sample[channel] === undefined && !Object.hasOwn(sample, channel)) {
      throw new AdapterInputError(
        `${prefix}sample ${index}: missing channel '${channel}'; expected channels: ${listNames(channels)}; ` +
          `the sample has: ${listNames(Object.keys(sample))}`,
        { row: index, column: channel },
      );
    }
  }
}
