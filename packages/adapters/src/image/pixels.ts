/**
 * Checking one `ImageLike` before it is encoded: its size, its pixel array and how many values per
 * pixel it holds (given, or told by the array's length). Errors name the image (`where`, e.g.
 * `encode: images[3]`), the field and what was expected.
 */
import { AdapterInputError } from '../errors.js';
import { describeValue } from '../tabular/values.js';
import type { ImageLike } from './types.js';

/** Values per source pixel: gray, gray + alpha, RGB, RGBA. */
export type SourceChannels = 1 | 2 | 3 | 4;

/** A checked image: `data` holds exactly `width * height * channels` values. */
export interface SourcePixels {
  data: Uint8Array | Uint8ClampedArray | Float32Array;
  width: number;
  height: number;
  channels: SourceChannels;
  /** True for a `Float32Array` (values in [0, 1]); false for 8-bit values (0..255). */
  float: boolean;
}

/** Where a bad image is, for messages and for `AdapterInputError.row`. */
export interface ImageWhere {
  /** Prefix naming the image, e.g. `encode: images[3]`. */
  name: string;
  /** Index in the batch, when there is one. */
  row?: number;
}

/** A value for an error message; typed arrays by their class and length. */
export function describePixelValue(v: unknown): string {
  if (ArrayBuffer.isView(v)) {
    const length = (v as { length?: unknown }).length;
    return `a ${v.constructor.name}${typeof length === 'number' ? ` (length ${length})` : ''}`;
  }
  return describeValue(v);
}

/** Throw `AdapterInputError` with `${where.name}${field}: ${message}`. */
export function imageError(where: ImageWhere, field: string, message: string): never {
  throw new AdapterInputError(`${where.name}${field}: ${message}`, where.row === undefined ? {} : { row: where.row });
}

function dimension(image: ImageLike, key: 'width' | 'height', where: ImageWhere): number {
  const v = image[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    imageError(where, `.${key}`, `expected a positive integer, got ${describePixelValue(v)}`);
  }
  return v;
}

/** True for the pixel arrays an `ImageLike` may hold. */
function isPixelArray(v: unknown): v is SourcePixels['data'] {
  return v instanceof Uint8Array || v instanceof Uint8ClampedArray || v instanceof Float32Array;
}

/**
 * Check an `ImageLike` and resolve its channels. Float values are checked later, as they are read
 * (see `channels.ts`), so an image is walked once.
 */
export function checkImageLike(image: ImageLike, where: ImageWhere): SourcePixels {
  const width = dimension(image, 'width', where);
  const height = dimension(image, 'height', where);
  const data = image.data;
  if (!isPixelArray(data)) {
    imageError(where, '.data', `expected a Uint8Array, Uint8ClampedArray or Float32Array, got ${describePixelValue(data)}`);
  }
  const pixels = width * height;
  const given = image.channels;
  let channels: SourceChannels;
  if (given === undefined) {
    const per = data.length / pixels;
    if (!(per === 1 || per === 2 || per === 3 || per === 4)) {
      imageError(
        where, '',
        `cannot tell the channels: data has ${data.length} values for ${width}x${height} = ${pixels} pixel${pixels === 1 ? '' : 's'} ` +
          `(expected 1, 2, 3 or 4 values per pixel: ${pixels}, ${2 * pixels}, ${3 * pixels} or ${4 * pixels})`,
      );
    }
    channels = per;
  } else {
    if (!(given === 1 || given === 2 || given === 3 || given === 4)) {
      imageError(where, '.channels', `expected 1, 2, 3 or 4 (values per pixel), got ${describePixelValue(given)}`);
    }
    channels = given;
    if (data.length !== pixels * channels) {
      imageError(
        where, '.data',
        `expected width * height * channels = ${width} * ${height} * ${channels} = ${pixels * channels} values, got ${data.length}`,
      );
    }
  }
  return { data, width, height, channels, float: data instanceof Float32Array };
}
