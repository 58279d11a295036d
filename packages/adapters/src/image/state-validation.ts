/**
 * Validation of an image adapter state read from JSON (a model manifest). Every error names the bad
 * field by its path, e.g. `adapter.size.width: expected a positive integer, got 0`.
 */
import { AdapterInputError } from '../errors.js';
import { fail, isObject, oneOf, positiveInteger } from '../state-checks.js';
import type { ImageAdapterState, ImageChannels } from './types.js';

/** The encoding versions this build implements. */
export const IMAGE_STATE_VERSIONS = Object.freeze([1] as const);

/**
 * Validate an image adapter state (e.g. `manifest.adapter` after `JSON.parse`) and return a deep
 * copy that later changes to `raw` cannot affect. Throws `AdapterInputError` naming the bad field.
 */
export function validateImageState(raw: unknown): ImageAdapterState {
  const root = 'adapter';
  if (!isObject(raw)) fail(root, 'an image adapter state object', raw);
  if (raw.kind !== 'image') fail(`${root}.kind`, "'image'", raw.kind);
  if (raw.version !== 1) {
    fail(`${root}.version`, `${IMAGE_STATE_VERSIONS.join(' or ')} (the image encodings this @novae/adapters implements; a newer one needs a newer @novae/adapters)`, raw.version);
  }
  const size = raw.size;
  if (!isObject(size)) fail(`${root}.size`, 'an object { width, height }', size);
  const width = positiveInteger(size, 'width', `${root}.size`);
  const height = positiveInteger(size, 'height', `${root}.size`);
  const channels = raw.channels;
  if (channels !== 1 && channels !== 3) fail(`${root}.channels`, '1 (gray) or 3 (RGB)', channels);
  const resize = oneOf(raw, 'resize', ['area-bilinear'] as const, root);
  const range = raw.range;
  if (!Array.isArray(range) || range.length !== 2 || range[0] !== 0 || range[1] !== 1) {
    if (!Array.isArray(range)) fail(`${root}.range`, '[0, 1]', range);
    throw new AdapterInputError(`${root}.range: expected [0, 1], got ${JSON.stringify(range)}`);
  }
  return { kind: 'image', version: 1, size: { width, height }, channels: channels as ImageChannels, resize, range: [0, 1] };
}
