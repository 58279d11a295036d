/**
 * Fitting a sensor adapter on one training series: resolve and check the options, learn the median
 * sampling interval, the fill level and the robust scaling of every channel.
 */
import { AdapterInputError } from '../errors.js';
import { INVALID, MISSING, describeValue, listNames, readNumber } from '../tabular/values.js';
import { SampleCleaner } from './cleaner.js';
import { requireChannels, requireSample, readTimestamp } from './samples.js';
import { median, robustScale } from './scaling.js';
import type { FitSensorOptions, SensorAdapterState, SensorSample } from './types.js';

const P = 'fitSensor: ';

function positiveInteger(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new AdapterInputError(`${P}options.${name}: expected a positive integer, got ${describeValue(v)}`);
  }
  return v;
}

function oneOf<T extends string>(name: string, v: unknown, options: readonly T[], fallback: T): T {
  if (v === undefined) return fallback;
  if (!options.includes(v as T)) {
    throw new AdapterInputError(`${P}options.${name}: expected ${options.map((o) => `'${o}'`).join(' or ')}, got ${describeValue(v)}`);
  }
  return v as T;
}

/** The options checked and defaulted, with the channel list resolved from the first sample. */
function resolve(samples: readonly SensorSample[], options: FitSensorOptions) {
  if (typeof options !== 'object' || options === null) {
    throw new AdapterInputError(`${P}options: expected an object with at least { window }, got ${describeValue(options)}`);
  }
  const window = positiveInteger('window', options.window);
  const stride = options.stride === undefined ? 1 : positiveInteger('stride', options.stride);
  const timestamp = options.timestamp === undefined ? 'timestamp' : options.timestamp;
  if (timestamp !== null && (typeof timestamp !== 'string' || timestamp === '')) {
    throw new AdapterInputError(`${P}options.timestamp: expected a key name or null, got ${describeValue(timestamp)}`);
  }
  if (options.differences !== undefined && typeof options.differences !== 'boolean') {
    throw new AdapterInputError(`${P}options.differences: expected a boolean, got ${describeValue(options.differences)}`);
  }
  const maxGap = options.maxGap ?? 3;
  if (typeof maxGap !== 'number' || !(maxGap > 1)) {
    throw new AdapterInputError(`${P}options.maxGap: expected a number > 1 (or Infinity), got ${describeValue(maxGap)}`);
  }
  requireSample(samples[0], 0, P);
  let channels: string[];
  if (options.channels === undefined) {
    channels = Object.keys(samples[0]).filter((k) => k !== timestamp);
  } else {
    if (!Array.isArray(options.channels)) {
      throw new AdapterInputError(`${P}options.channels: expected an array of channel names, got ${describeValue(options.channels)}`);
    }
    channels = options.channels.map((c, i) => {
      if (typeof c !== 'string' || c === '') {
        throw new AdapterInputError(`${P}options.channels[${i}]: expected a non-empty string, got ${describeValue(c)}`);
      }
      if (c === timestamp) throw new AdapterInputError(`${P}options.channels[${i}]: '${c}' is the timestamp key, not a channel`);
      return c;
    });
    const dup = channels.find((c, i) => channels.indexOf(c) !== i);
    if (dup !== undefined) throw new AdapterInputError(`${P}options.channels: duplicate channel '${dup}'`);
  }
  if (channels.length === 0) {
    throw new AdapterInputError(
      `${P}no channels: the first sample has only ${listNames(Object.keys(samples[0]))}; pass options.channels`,
    );
  }
  return {
    window, stride, timestamp, channels, maxGap,
    differences: options.differences ?? false,
    invalid: oneOf('invalid', options.invalid, ['carry-forward', 'error'] as const, 'carry-forward'),
    outOfOrder: oneOf('outOfOrder', options.outOfOrder, ['drop', 'error'] as const, 'drop'),
  };
}

/** First pass: the median positive interval between in-order timestamps, and each channel's median level. */
function survey(samples: readonly SensorSample[], channels: readonly string[], timestamp: string | null) {
  const deltas: number[] = [];
  const readings: number[][] = channels.map(() => []);
  let last = -Infinity;
  samples.forEach((sample: unknown, i) => {
    requireSample(sample, i, P);
    requireChannels(sample, channels, i, P);
    if (timestamp !== null) {
      const ts = readTimestamp(sample, timestamp, i, P);
      if (ts > last && last !== -Infinity) deltas.push(ts - last);
      last = Math.max(last, ts);
    }
    channels.forEach((c, k) => {
      const v = readNumber(sample[c]);
      if (v !== MISSING && v !== INVALID) readings[k]!.push(v);
    });
  });
  const fills = readings.map((values, k) => {
    if (values.length === 0) {
      throw new AdapterInputError(`${P}channel '${channels[k]}' has no finite reading in the training samples`, { column: channels[k] });
    }
    return median(values);
  });
  return { interval: deltas.length > 0 ? median(deltas) : null, fills };
}

/** Fit a sensor adapter's state on one training series (see `fitSensor` for the policy). */
export function fitSensorState(samples: readonly SensorSample[], options: FitSensorOptions): SensorAdapterState {
  if (!Array.isArray(samples)) throw new AdapterInputError(`${P}expected an array of samples, got ${describeValue(samples)}`);
  if (samples.length === 0) throw new AdapterInputError(`${P}samples is empty; pass the training series to fit on`);
  const o = resolve(samples, options);
  const { interval, fills } = survey(samples, o.channels, o.timestamp);
  const cleaner = new SampleCleaner({ ...o, interval, fills, prefix: P });
  const C = o.channels.length;
  const encoded: number[][] = o.channels.map(() => []);
  const steps = o.window + (o.differences ? 1 : 0);
  let previous: Float64Array | undefined;
  let run = 0;
  let longest = 0;
  for (const sample of samples) {
    const clean = cleaner.push(sample);
    if (clean === null) continue;
    if (clean.gap) { previous = undefined; run = 0; }
    run++;
    longest = Math.max(longest, run);
    for (let c = 0; c < C; c++) {
      if (!o.differences) encoded[c]!.push(clean.values[c]!);
      else if (previous !== undefined) encoded[c]!.push(clean.values[c]! - previous[c]!);
    }
    previous = clean.values;
  }
  if (longest < steps) {
    throw new AdapterInputError(
      `${P}no window fits: a window needs ${steps} consecutive samples but the longest run without a gap ` +
        `or dropped sample is ${longest} (${samples.length} samples given)`,
    );
  }
  const channels = o.channels.map((name, c) => ({ name, ...robustScale(encoded[c]!), fill: fills[c]! }));
  return {
    kind: 'sensor', channels, timestamp: o.timestamp, window: o.window, stride: o.stride, differences: o.differences,
    scaling: 'robust', interval, maxGap: Number.isFinite(o.maxGap) ? o.maxGap : null,
    invalid: o.invalid, outOfOrder: o.outOfOrder,
  };
}


