/**
 * Validation of a sensor adapter state read from JSON (a model manifest). Every error names the bad
 * field by its path, e.g. `adapter.channels[1].scale: expected a positive finite number, got 0`.
 */
import { AdapterInputError } from '../errors.js';
import { describeValue } from '../tabular/values.js';
import type { SensorAdapterState, SensorChannelState } from './types.js';

function fail(path: string, expected: string, got: unknown): never {
  throw new AdapterInputError(`${path}: expected ${expected}, got ${describeValue(got)}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function finite(obj: Record<string, unknown>, key: string, path: string): number {
  const v = obj[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${path}.${key}`, 'a finite number', v);
  return v;
}

function positive(obj: Record<string, unknown>, key: string, path: string): number {
  const v = obj[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) fail(`${path}.${key}`, 'a positive finite number', v);
  return v;
}

function positiveInteger(obj: Record<string, unknown>, key: string, path: string): number {
  const v = obj[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) fail(`${path}.${key}`, 'a positive integer', v);
  return v;
}

function oneOf<T extends string>(obj: Record<string, unknown>, key: string, options: readonly T[], path: string): T {
  const v = obj[key];
  if (!options.includes(v as T)) fail(`${path}.${key}`, options.map((o) => `'${o}'`).join(' or '), v);
  return v as T;
}

function validateChannel(raw: unknown, path: string): SensorChannelState {
  if (!isObject(raw)) fail(path, 'a channel object ({ name, center, scale, fill })', raw);
  const name = raw.name;
  if (typeof name !== 'string' || name === '') fail(`${path}.name`, 'a non-empty string', name);
  return { name, center: finite(raw, 'center', path), scale: positive(raw, 'scale', path), fill: finite(raw, 'fill', path) };
}

/**
 * Validate a sensor adapter state (e.g. `manifest.adapter` after `JSON.parse`) and return a deep copy
 * that later changes to `raw` cannot affect. Throws `AdapterInputError` naming the bad field.
 */
export function validateSensorState(raw: unknown): SensorAdapterState {
  const root = 'adapter';
  if (!isObject(raw)) fail(root, 'a sensor adapter state object', raw);
  if (raw.kind !== 'sensor') fail(`${root}.kind`, "'sensor'", raw.kind);
  const list = raw.channels;
  if (!Array.isArray(list) || list.length === 0) fail(`${root}.channels`, 'a non-empty array of channel states', list);
  const seen = new Map<string, number>();
  const channels = list.map((c: unknown, i: number) => {
    const path = `${root}.channels[${i}]`;
    const channel = validateChannel(c, path);
    const previous = seen.get(channel.name);
    if (previous !== undefined) {
      throw new AdapterInputError(
        `${path}.name: duplicate channel name ${describeValue(channel.name)} (also ${root}.channels[${previous}].name)`,
      );
    }
    seen.set(channel.name, i);
    return channel;
  });
  const timestamp = raw.timestamp;
  if (timestamp !== null && (typeof timestamp !== 'string' || timestamp === '')) {
    fail(`${root}.timestamp`, 'a non-empty string or null', timestamp);
  }
  if (timestamp !== null && seen.has(timestamp)) {
    fail(`${root}.timestamp`, 'a key that is not also a channel', timestamp);
  }
  const window = positiveInteger(raw, 'window', root);
  const stride = positiveInteger(raw, 'stride', root);
  if (typeof raw.differences !== 'boolean') fail(`${root}.differences`, 'a boolean', raw.differences);
  const scaling = oneOf(raw, 'scaling', ['robust'] as const, root);
  const interval = raw.interval === null ? null : positive(raw, 'interval', root);
  const maxGap = raw.maxGap === null ? null : finite(raw, 'maxGap', root);
  if (maxGap !== null && !(maxGap > 1)) fail(`${root}.maxGap`, 'a number > 1, or null (never restart)', maxGap);
  return {
    kind: 'sensor', channels, timestamp, window, stride, differences: raw.differences, scaling, interval, maxGap,
    invalid: oneOf(raw, 'invalid', ['carry-forward', 'error'] as const, root),
    outOfOrder: oneOf(raw, 'outOfOrder', ['drop', 'error'] as const, root),
  };
}
