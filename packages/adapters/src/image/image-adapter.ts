/**
 * The image adapter: `fitImage` fixes the encoded size and channels (there is nothing to learn from
 * data); the adapter encodes images of any size and kind identically at training and scoring time;
 * `imageFromJSON` rebuilds it from a manifest.
 */
import { AdapterInputError } from '../errors.js';
import { ImageEncoder } from './encoder.js';
import { describePixelValue } from './pixels.js';
import { validateImageState } from './state-validation.js';
import type { FitImageOptions, ImageAdapter, ImageAdapterState, ImageChannels, ImageInput } from './types.js';

const P = 'fitImage: ';

class FittedImageAdapter implements ImageAdapter {
  readonly kind = 'image' as const;
  readonly width: number;
  readonly size: { readonly width: number; readonly height: number };
  readonly channels: ImageChannels;
  readonly inputShape: readonly number[];
  readonly #state: ImageAdapterState;
  readonly #encoder: ImageEncoder;

  constructor(state: ImageAdapterState) {
    this.#state = state;
    const { width, height } = state.size;
    this.size = Object.freeze({ width, height });
    this.channels = state.channels;
    this.width = state.channels * height * width;
    this.inputShape = Object.freeze([state.channels, height, width]);
    this.#encoder = new ImageEncoder(width, height, state.channels);
  }

  /** A fresh `[channels, height, width]` on every read, so no caller can change another's. */
  get shape(): [number, number, number] {
    const { size, channels } = this.#state;
    return [channels, size.height, size.width];
  }

  encode(images: readonly ImageInput[]): Float32Array {
    if (!Array.isArray(images)) {
      throw new AdapterInputError(`encode: expected an array of images, got ${describePixelValue(images)}`);
    }
    const out = new Float32Array(images.length * this.width);
    for (let i = 0; i < images.length; i++) {
      this.#encoder.encodeInto(images[i]!, out, i * this.width, { name: `encode: images[${i}]`, row: i });
    }
    return out;
  }

  encodeInto(image: ImageInput, out: Float32Array, offset: number): void {
    if (!(out instanceof Float32Array)) {
      throw new AdapterInputError(`encodeInto: out: expected a Float32Array, got ${describePixelValue(out)}`);
    }
    if (out.length < this.width) {
      throw new AdapterInputError(`encodeInto: out: expected at least ${this.width} floats (one image), got ${out.length}`);
    }
    const last = out.length - this.width;
    if (!Number.isInteger(offset) || offset < 0 || offset > last) {
      throw new AdapterInputError(
        `encodeInto: offset: expected an integer from 0 to ${last} (out holds ${out.length} floats, one image needs ${this.width}), ` +
          `got ${describePixelValue(offset)}`,
      );
    }
    this.#encoder.encodeInto(image, out, offset, { name: 'encodeInto: image' });
  }

  toJSON(): ImageAdapterState {
    const s = this.#state;
    return { ...s, size: { ...s.size }, range: [0, 1] };
  }
}

function sizeOption(options: FitImageOptions, key: 'width' | 'height'): number {
  const v = options[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new AdapterInputError(`${P}options.${key}: expected a positive integer (pixels), got ${describePixelValue(v)}`);
  }
  return v;
}

/** The options checked and defaulted, as an adapter state. */
function resolve(options: FitImageOptions): ImageAdapterState {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new AdapterInputError(`${P}options: expected an object { width, height, channels? }, got ${describePixelValue(options)}`);
  }
  const width = sizeOption(options, 'width');
  const height = sizeOption(options, 'height');
  const channels = options.channels ?? 1;
  if (channels !== 1 && channels !== 3) {
    throw new AdapterInputError(`${P}options.channels: expected 1 (gray) or 3 (RGB), got ${describePixelValue(channels)}`);
  }
  return { kind: 'image', version: 1, size: { width, height }, channels, resize: 'area-bilinear', range: [0, 1] };
}

/**
 * An image adapter that encodes images of any size to `width` x `height` pixels with `channels`
 * channels (1 gray, the default, or 3 RGB): `fitImage({ width: 64, height: 64 })`.
 *
 * Encoding, the same for every input kind (an `ImageLike`, or a browser source drawn at its native
 * size and read back first):
 * 1. Channels: gray from colour by BT.601 luma `0.299 R + 0.587 G + 0.114 B`; RGB from gray by
 *    copying the gray value; alpha is ignored (not composited: an RGBA pixel encodes as its RGB).
 * 2. Size, each axis on its own, as separable passes (horizontal, then vertical) in Float32:
 *    shrinking averages exact areas (each output pixel is the mean of the source pixels it covers,
 *    weighted by the fraction it covers: 3 -> 2 pixels gives `(2a + b) / 3`, `(b + 2c) / 3`);
 *    enlarging is bilinear with half-pixel centres, clamped at the edges; the same size is a copy.
 * 3. Range: 8-bit values divided by 255; float values (a `Float32Array`) must already lie in
 *    [0, 1], and NaN or anything outside throws naming `images[i].data[j]`.
 * 4. Layout: NCHW, `images.length * channels * height * width` floats: image, channel, row, column.
 *
 * Throws `AdapterInputError` naming the bad option.
 */
export function fitImage(options: FitImageOptions): ImageAdapter {
  return new FittedImageAdapter(resolve(options));
}

/**
 * Rebuild an image adapter from its state (`adapter.toJSON()`, possibly through JSON).
 * The state is validated first; a bad field throws `AdapterInputError` naming its path.
 */
export function imageFromJSON(state: ImageAdapterState): ImageAdapter {
  return new FittedImageAdapter(validateImageState(state));
}
