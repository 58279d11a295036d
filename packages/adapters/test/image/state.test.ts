import { describe, expect, it } from 'vitest';
import { ADAPTER_KINDS, adapterFromJSON, encodeInputs, fitImage, imageFromJSON } from '../../src/index.js';
import type { ImageAdapterState } from '../../src/index.js';
import { thrown } from '../thrown.js';
import { randomBytes } from './helpers.js';

function bits(a: Float32Array): number[] {
  return Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));
}

const images = [
  { data: randomBytes(9 * 7 * 4, 1), width: 9, height: 7 },
  { data: randomBytes(3 * 2 * 3, 2), width: 3, height: 2, channels: 3 as const },
];

/** The message imageFromJSON throws for a fitted state changed by `mutate`. */
function fromJSONError(mutate: (s: Record<string, any>) => void): string {
  const state = JSON.parse(JSON.stringify(fitImage({ width: 4, height: 4, channels: 3 }).toJSON()));
  mutate(state);
  return thrown(() => imageFromJSON(state)).message;
}

describe('image state round trip', () => {
  it('imageFromJSON(toJSON()) through JSON text encodes bit-identically', () => {
    const fitted = fitImage({ width: 5, height: 4, channels: 3 });
    const state = JSON.parse(JSON.stringify(fitted.toJSON())) as ImageAdapterState;
    const rebuilt = imageFromJSON(state);
    expect(rebuilt.toJSON()).toEqual(fitted.toJSON());
    expect(rebuilt.shape).toEqual(fitted.shape);
    expect(bits(rebuilt.encode(images))).toEqual(bits(fitted.encode(images)));
  });

  it('keeps its own copy of the state', () => {
    const state = fitImage({ width: 2, height: 2 }).toJSON();
    const adapter = imageFromJSON(state);
    state.size.width = 99;
    expect(adapter.size.width).toBe(2);
    const out = adapter.toJSON();
    out.size.height = 99;
    out.range[1] = 255 as never;
    expect(adapter.toJSON()).toEqual({ kind: 'image', version: 1, size: { width: 2, height: 2 }, channels: 1, resize: 'area-bilinear', range: [0, 1] });
    adapter.shape[0] = 7;
    expect(adapter.shape).toEqual([1, 2, 2]);
    expect(Object.isFrozen(adapter.inputShape)).toBe(true);
  });

  it('adapterFromJSON and encodeInputs handle kind image', () => {
    expect(ADAPTER_KINDS).toContain('image');
    const fitted = fitImage({ width: 3, height: 3 });
    const rebuilt = adapterFromJSON(fitted.toJSON());
    expect(rebuilt.kind).toBe('image');
    expect(rebuilt.width).toBe(9);
    expect(encodeInputs(rebuilt, images)).toEqual(fitted.encode(images));
    expect(thrown(() => adapterFromJSON({ kind: 'audio' } as never)).message).toBe(
      "adapter.kind: expected 'tabular', 'sensor' or 'image', got \"audio\"",
    );
  });
});

describe('imageFromJSON validation names the bad field', () => {
  it('rejects a state that is not an image state', () => {
    expect(thrown(() => imageFromJSON(null as never)).message).toBe('adapter: expected an image adapter state object, got null');
    expect(fromJSONError((s) => { s.kind = 'tabular'; })).toBe('adapter.kind: expected \'image\', got "tabular"');
  });

  it('rejects an encoding version it does not implement', () => {
    expect(fromJSONError((s) => { s.version = 2; })).toBe(
      'adapter.version: expected 1 (the image encodings this @novae/adapters implements; a newer one needs a newer @novae/adapters), got 2',
    );
    expect(fromJSONError((s) => { delete s.version; })).toContain('adapter.version: expected 1 (');
  });

  it('rejects a bad size', () => {
    expect(fromJSONError((s) => { delete s.size; })).toBe('adapter.size: expected an object { width, height }, got undefined');
    expect(fromJSONError((s) => { s.size = [4, 4]; })).toBe('adapter.size: expected an object { width, height }, got an array (length 2)');
    expect(fromJSONError((s) => { s.size.width = 0; })).toBe('adapter.size.width: expected a positive integer, got 0');
    expect(fromJSONError((s) => { s.size.height = '4'; })).toBe('adapter.size.height: expected a positive integer, got "4"');
  });

  it('rejects bad channels, resize and range', () => {
    expect(fromJSONError((s) => { s.channels = 4; })).toBe('adapter.channels: expected 1 (gray) or 3 (RGB), got 4');
    expect(fromJSONError((s) => { s.resize = 'bicubic'; })).toBe('adapter.resize: expected \'area-bilinear\', got "bicubic"');
    expect(fromJSONError((s) => { s.range = [0, 255]; })).toBe('adapter.range: expected [0, 1], got [0,255]');
    expect(fromJSONError((s) => { delete s.range; })).toBe('adapter.range: expected [0, 1], got undefined');
  });
});
