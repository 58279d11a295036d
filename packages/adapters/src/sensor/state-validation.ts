/**
 * Validation of a sensor adapter state read from JSON (a model manifest). Every error names the bad
 * field by its path, e.g. `adapter.channels[1].scale: expected a positive finite number, got 0`.
 */
import { fail, finite, isObject, oneOf, positive, positiveInteger, uniqueNamedList } from '../state-checks.js';
import type { SensorAdapterState, SensorChannelState } from './types.js';

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
  const channels = uniqueNamedList(raw, 'channels', 'channel', root, validateChannel);
  const timestamp = raw.timestamp;
  if (timestamp !== null && (typeof timestamp !== 'string' || timestamp === '')) {
    fail(`${root}.timestamp`, 'a non-empty string or null', timestamp);
  }
  if (timestamp !== null && channels.some((c) => c.name === timestamp)) {
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
