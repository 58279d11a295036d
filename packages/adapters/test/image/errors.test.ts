import { describe, expect, it } from 'vitest';
import { fitImage } from '../../src/index.js';
import type { FitImageOptions, ImageInput } from '../../src/index.js';
import { thrown } from '../thrown.js';
import { f32, u8 } from './helpers.js';

const SOURCES = 'ImageData, ImageBitmap, HTMLImageElement, HTMLCanvasElement, OffscreenCanvas, HTMLVideoElement, VideoFrame';

describe('fitImage options', () => {
  it('defaults to gray and describes itself', () => {
    const adapter = fitImage({ width: 4, height: 3 });
    expect(adapter.kind).toBe('image');
    expect(adapter.channels).toBe(1);
    expect(adapter.size).toEqual({ width: 4, height: 3 });
    expect(adapter.width).toBe(12);
    expect(adapter.shape).toEqual([1, 3, 4]);
    expect(adapter.inputShape).toEqual([1, 3, 4]);
    expect(adapter.toJSON()).toEqual({
      kind: 'image', version: 1, size: { width: 4, height: 3 }, channels: 1, resize: 'area-bilinear', range: [0, 1],
    });
    const rgb = fitImage({ width: 2, height: 5, channels: 3 });
    expect([rgb.width, ...rgb.shape]).toEqual([30, 3, 5, 2]);
  });

  it('names the bad option', () => {
    const message = (options: unknown) => thrown(() => fitImage(options as FitImageOptions)).message;
    expect(message(undefined)).toBe('fitImage: options: expected an object { width, height, channels? }, got undefined');
    expect(message([64, 64])).toBe('fitImage: options: expected an object { width, height, channels? }, got an array (length 2)');
    expect(message({ height: 8 })).toBe('fitImage: options.width: expected a positive integer (pixels), got undefined');
    expect(message({ width: 0, height: 8 })).toBe('fitImage: options.width: expected a positive integer (pixels), got 0');
    expect(message({ width: 8, height: 2.5 })).toBe('fitImage: options.height: expected a positive integer (pixels), got 2.5');
    expect(message({ width: 8, height: '8' })).toBe('fitImage: options.height: expected a positive integer (pixels), got "8"');
    expect(message({ width: 8, height: 8, channels: 4 })).toBe('fitImage: options.channels: expected 1 (gray) or 3 (RGB), got 4');
  });
});

describe('encode errors name images[i] and what was wrong', () => {
  const adapter = fitImage({ width: 2, height: 2 });
  const message = (image: unknown, at = 0) => {
    const images: unknown[] = [u8(1, 1, [0]), u8(1, 1, [0])];
    images[at] = image;
    const e = thrown(() => adapter.encode(images as ImageInput[]));
    expect(e.row).toBe(at);
    return e.message;
  };

  it('rejects what is not an array of images', () => {
    expect(thrown(() => adapter.encode('x' as never)).message).toBe('encode: expected an array of images, got "x"');
    expect(thrown(() => adapter.encode(u8(1, 1, [0]) as never)).message).toBe('encode: expected an array of images, got an object');
  });

  it('rejects what is not an image', () => {
    expect(message(null, 1)).toBe(`encode: images[1]: expected an ImageLike { data, width, height, channels? } (in browsers also ${SOURCES}), got null`);
    expect(message(7)).toBe(`encode: images[0]: expected an ImageLike { data, width, height, channels? } (in browsers also ${SOURCES}), got 7`);
    // A canvas-shaped object in Node: nothing is drawable here.
    expect(message({ width: 4, height: 4, getContext: () => null })).toBe(
      `encode: images[0]: expected an ImageLike { data, width, height, channels? } (in browsers also ${SOURCES}), got an object without a data array`,
    );
  });

  it('names a bad size', () => {
    expect(message({ data: new Uint8Array(4), width: -1, height: 4 }, 1)).toBe('encode: images[1].width: expected a positive integer, got -1');
    expect(message({ data: new Uint8Array(4), width: 2, height: 2.5 })).toBe('encode: images[0].height: expected a positive integer, got 2.5');
    expect(message({ data: new Uint8Array(4), width: 2 })).toBe('encode: images[0].height: expected a positive integer, got undefined');
  });

  it('names a bad pixel array', () => {
    expect(message({ data: new Float64Array(4), width: 2, height: 2 })).toBe(
      'encode: images[0].data: expected a Uint8Array, Uint8ClampedArray or Float32Array, got a Float64Array (length 4)',
    );
    expect(message({ data: [1, 2, 3, 4], width: 2, height: 2 })).toBe(
      'encode: images[0].data: expected a Uint8Array, Uint8ClampedArray or Float32Array, got an array (length 4)',
    );
    expect(message({ data: undefined, width: 2, height: 2 })).toBe(
      'encode: images[0].data: expected a Uint8Array, Uint8ClampedArray or Float32Array, got undefined',
    );
  });

  it('names channels it cannot tell or that do not fit the data', () => {
    expect(message(u8(2, 2, [1, 2, 3, 4, 5]))).toBe(
      'encode: images[0]: cannot tell the channels: data has 5 values for 2x2 = 4 pixels ' +
        '(expected 1, 2, 3 or 4 values per pixel: 4, 8, 12 or 16)',
    );
    expect(message(u8(1, 1, [1, 2, 3, 4, 5]))).toContain('data has 5 values for 1x1 = 1 pixel (expected 1, 2, 3 or 4 values per pixel: 1, 2, 3 or 4)');
    expect(message({ data: new Uint8Array(4), width: 2, height: 2, channels: 5 })).toBe(
      'encode: images[0].channels: expected 1, 2, 3 or 4 (values per pixel), got 5',
    );
    expect(message({ data: new Uint8Array(8), width: 2, height: 2, channels: 3 })).toBe(
      'encode: images[0].data: expected width * height * channels = 2 * 2 * 3 = 12 values, got 8',
    );
  });

  it('names the float value outside [0, 1], with its pixel and channel', () => {
    expect(message(f32(2, 2, [0, 0.5, Number.NaN, 1]))).toBe(
      'encode: images[0].data[2]: expected a float pixel value in [0, 1] (pixel 0,1, channel 0), got NaN',
    );
    expect(message(f32(2, 1, [0, 0, 0, 0, 0.1, 1.5], 3), 1)).toBe(
      'encode: images[1].data[5]: expected a float pixel value in [0, 1] (pixel 1,0, channel 2), got 1.5',
    );
    expect(message(f32(1, 1, [-0.25]))).toContain('got -0.25');
    expect(message(f32(1, 1, [Number.POSITIVE_INFINITY]))).toContain('got Infinity');
    // Alpha is ignored when encoding, but it must still be a valid value.
    expect(message(f32(1, 1, [0.5, 0.5, 0.5, 2]))).toContain('images[0].data[3]');
  });
});

describe('encodeInto errors', () => {
  const adapter = fitImage({ width: 2, height: 2 });
  const image = u8(1, 1, [0]);

  it('names a bad output buffer or offset', () => {
    expect(thrown(() => adapter.encodeInto(image, [0, 0, 0, 0] as never, 0)).message).toBe(
      'encodeInto: out: expected a Float32Array, got an array (length 4)',
    );
    expect(thrown(() => adapter.encodeInto(image, new Float64Array(4) as never, 0)).message).toBe(
      'encodeInto: out: expected a Float32Array, got a Float64Array (length 4)',
    );
    expect(thrown(() => adapter.encodeInto(image, new Float32Array(3), 0)).message).toBe(
      'encodeInto: out: expected at least 4 floats (one image), got 3',
    );
    expect(thrown(() => adapter.encodeInto(image, new Float32Array(8), 5)).message).toBe(
      'encodeInto: offset: expected an integer from 0 to 4 (out holds 8 floats, one image needs 4), got 5',
    );
    expect(thrown(() => adapter.encodeInto(image, new Float32Array(8), 1.5)).message).toContain('got 1.5');
    expect(thrown(() => adapter.encodeInto(image, new Float32Array(8), -1)).message).toContain('got -1');
    expect(thrown(() => adapter.encodeInto(image, new Float32Array(8), undefined as never)).message).toContain('got undefined');
  });

  it('names the image as `image` and leaves out untouched', () => {
    const out = new Float32Array(4).fill(-1);
    expect(thrown(() => adapter.encodeInto(f32(2, 2, [0, 0, 0, 9]), out, 0)).message).toBe(
      'encodeInto: image.data[3]: expected a float pixel value in [0, 1] (pixel 1,1, channel 0), got 9',
    );
    expect(Array.from(out)).toEqual([-1, -1, -1, -1]);
    expect(thrown(() => adapter.encodeInto({ width: 2 } as never, out, 0)).row).toBeUndefined();
  });
});
