/**
 * The encoding pipeline of one image, the same for every input kind: read the input as pixels
 * (an `ImageLike` as is, a browser source drawn and read back), convert to the adapter's channels
 * at the source size (`channels.ts`), resize each plane (`resize.ts`), write NCHW into the output.
 * Scratch buffers and resize taps are kept between calls, so streaming frames of one size allocates
 * nothing (beyond what a browser's `getImageData` allocates).
 */
import { DRAWABLE_NAMES, drawableKind, readDrawable } from './browser-sources.js';
import { planeCount, toPlanes } from './channels.js';
import { checkImageLike, describePixelValue, imageError, type ImageWhere } from './pixels.js';
import { axisWeights, resizePlane, type AxisWeights } from './resize.js';
import type { ImageChannels, ImageInput, ImageLike } from './types.js';

/** Resize taps kept per axis (source lengths seen most recently). */
const MAX_CACHED_AXES = 8;

/** The input as an `ImageLike`, or an error naming `where` and every accepted kind. */
function readInput(input: ImageInput, where: ImageWhere): ImageLike {
  const kind = drawableKind(input);
  if (kind !== undefined) return readDrawable(input, kind, where);
  if (typeof input === 'object' && input !== null && 'data' in input) return input;
  const got = typeof input === 'object' && input !== null && !Array.isArray(input)
    ? 'an object without a data array'
    : describePixelValue(input);
  return imageError(
    where, '',
    `expected an ImageLike { data, width, height, channels? } (in browsers also ImageData, ${DRAWABLE_NAMES.join(', ')}), got ${got}`,
  );
}

export class ImageEncoder {
  readonly #width: number;
  readonly #height: number;
  readonly #channels: ImageChannels;
  readonly #xAxes = new Map<number, AxisWeights>();
  readonly #yAxes = new Map<number, AxisWeights>();
  #planes: Float32Array = new Float32Array(0);
  #scratch: Float32Array = new Float32Array(0);

  constructor(width: number, height: number, channels: ImageChannels) {
    this.#width = width;
    this.#height = height;
    this.#channels = channels;
  }

  /** Encode `input` as `channels * height * width` floats into `out` from `offset` on. */
  encodeInto(input: ImageInput, out: Float32Array, offset: number, where: ImageWhere): void {
    const src = checkImageLike(readInput(input, where), where);
    const n = src.width * src.height;
    this.#planes = grown(this.#planes, planeCount(src.channels, this.#channels) * n);
    const count = toPlanes(src, this.#channels, this.#planes, where);
    const x = cachedAxis(this.#xAxes, src.width, this.#width);
    const y = cachedAxis(this.#yAxes, src.height, this.#height);
    if (src.width !== this.#width && src.height !== this.#height) this.#scratch = grown(this.#scratch, src.height * this.#width);
    const plane = this.#width * this.#height;
    for (let c = 0; c < count; c++) {
      resizePlane(this.#planes.subarray(c * n, (c + 1) * n), x, y, this.#scratch, out, offset + c * plane);
    }
    // Gray to RGB: the one resized plane, copied.
    for (let c = count; c < this.#channels; c++) out.copyWithin(offset + c * plane, offset, offset + plane);
  }
}

/** `buffer`, or a larger one when it holds fewer than `length` floats. */
function grown(buffer: Float32Array, length: number): Float32Array {
  return buffer.length >= length ? buffer : new Float32Array(length);
}

/** The taps from `src` to `dst` pixels, computed once per source length (the most recent few kept). */
function cachedAxis(cache: Map<number, AxisWeights>, src: number, dst: number): AxisWeights {
  let axis = cache.get(src);
  if (axis === undefined) {
    if (cache.size >= MAX_CACHED_AXES) cache.delete(cache.keys().next().value!);
    axis = axisWeights(src, dst);
    cache.set(src, axis);
  }
  return axis;
}
