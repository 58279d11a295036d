/**
 * From interleaved source pixels to planar values in [0, 1] with the adapter's channels, at the
 * source size (resizing comes next):
 * - gray from colour by BT.601 luma, `0.299 R + 0.587 G + 0.114 B`;
 * - RGB from gray by copying the gray plane (done after resizing: one plane is resized, not three);
 * - alpha ignored: an RGBA pixel encodes as its RGB values, whatever its opacity;
 * - 8-bit values divided by 255; float values used as they are, once checked to lie in [0, 1].
 */
import { describePixelValue, imageError, type ImageWhere, type SourcePixels } from './pixels.js';
import type { ImageChannels } from './types.js';

/** BT.601 luma weights. */
export const LUMA = Object.freeze({ r: 0.299, g: 0.587, b: 0.114 });

/** Throw naming the first float value that is NaN or outside [0, 1]. */
export function checkFloatRange(src: SourcePixels, where: ImageWhere): void {
  const d = src.data;
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    if (!(v >= 0 && v <= 1)) {
      const pixel = Math.floor(i / src.channels);
      imageError(
        where, `.data[${i}]`,
        `expected a float pixel value in [0, 1] (pixel ${pixel % src.width},${Math.floor(pixel / src.width)}, ` +
          `channel ${i % src.channels}), got ${describePixelValue(v)}`,
      );
    }
  }
}

/** Planes `toPlanes` writes for these source and target channels: 3 for colour to RGB, else 1. */
export function planeCount(source: SourcePixels['channels'], target: ImageChannels): 1 | 3 {
  return target === 3 && source >= 3 ? 3 : 1;
}

/**
 * Write `planeCount(src.channels, target)` planes of `src.width * src.height` values in [0, 1] into
 * `planes` (from index 0). Throws naming `where` for a float value outside [0, 1].
 */
export function toPlanes(src: SourcePixels, target: ImageChannels, planes: Float32Array, where: ImageWhere): 1 | 3 {
  if (src.float) checkFloatRange(src, where);
  const d = src.data;
  const C = src.channels;
  const n = src.width * src.height;
  const max = src.float ? 1 : 255;
  const count = planeCount(C, target);
  if (C < 3) {
    // Gray (and gray + alpha): the gray plane serves both targets.
    for (let p = 0, i = 0; p < n; p++, i += C) planes[p] = d[i]! / max;
  } else if (count === 3) {
    for (let p = 0, i = 0; p < n; p++, i += C) {
      planes[p] = d[i]! / max;
      planes[n + p] = d[i + 1]! / max;
      planes[2 * n + p] = d[i + 2]! / max;
    }
  } else {
    const { r, g, b } = LUMA;
    for (let p = 0, i = 0; p < n; p++, i += C) {
      const y = (r * d[i]! + g * d[i + 1]! + b * d[i + 2]!) / max;
      planes[p] = y > 1 ? 1 : y;
    }
  }
  return count;
}
