/**
 * PNG and JPEG bytes to RGBA pixels, told apart by their magic bytes: PNG through pngjs (every bit
 * depth and colour type it reads: gray, RGB, palette, with or without alpha or tRNS, 1 to 16 bits;
 * 16-bit samples scaled to 8 bits), JPEG through jpeg-js (baseline and progressive, gray or colour).
 */
import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import { describePixelValue } from '../image/pixels.js';
import type { ImageLike } from '../image/types.js';
import { ImageDecodeError } from './decode-error.js';

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_MAGIC = [0xff, 0xd8, 0xff];

/** True when `bytes` starts with `magic`. */
function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/** The first bytes in hex and as text, for the "not an image" message. */
function describeStart(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'it is empty';
  const head = bytes.subarray(0, 8);
  const hex = Array.from(head, (b) => b.toString(16).padStart(2, '0')).join(' ');
  const text = Array.from(head, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
  return `starts with ${hex} ${JSON.stringify(text)}`;
}

/** The decoder's reason, whatever it threw. */
function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A `Uint8Array` view of a Node `Buffer`'s bytes (no copy). */
function bytesOf(buffer: Uint8Array): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
}

function decodePng(bytes: Uint8Array, name: string): ImageLike {
  try {
    const png = pngjs.PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
    return { data: bytesOf(png.data), width: png.width, height: png.height, channels: 4 };
  } catch (err) {
    const why = reason(err);
    // pngjs's words for data that stops before the image does.
    const truncated = /read requests waitng on finished stream|unexpected end/i.test(why) ? ', the data ends early (truncated file?)' : '';
    throw new ImageDecodeError(name, `corrupt PNG${truncated}: ${why}`);
  }
}

function decodeJpeg(bytes: Uint8Array, name: string): ImageLike {
  try {
    const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
    return { data: image.data, width: image.width, height: image.height, channels: 4 };
  } catch (err) {
    throw new ImageDecodeError(name, `corrupt JPEG: ${reason(err)}`);
  }
}

/**
 * Decode PNG or JPEG bytes (told apart by their magic bytes) into RGBA pixels: an `ImageLike` with
 * 8-bit `data` and `channels: 4` (opaque images get alpha 255). `name` names the source in errors
 * (default `'buffer'`). Throws `ImageDecodeError`: `<name>: not a PNG or JPEG file (starts with ...)`
 * for other bytes, `<name>: corrupt PNG: <the decoder's reason>` (or JPEG) for damaged ones.
 */
export function decodeImage(bytes: Uint8Array, name = 'buffer'): ImageLike {
  if (!(bytes instanceof Uint8Array)) {
    throw new ImageDecodeError(name, `expected the file's bytes as a Uint8Array (or Buffer), got ${describePixelValue(bytes)}`);
  }
  if (startsWith(bytes, PNG_MAGIC)) return decodePng(bytes, name);
  if (startsWith(bytes, JPEG_MAGIC)) return decodeJpeg(bytes, name);
  throw new ImageDecodeError(name, `not a PNG or JPEG file (${describeStart(bytes)})`);
}
