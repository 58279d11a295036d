/** Pixels to PNG bytes (pngjs), e.g. to save an anomaly heat map or a test fixture. */
import pngjs from 'pngjs';
import type { ColorType } from 'pngjs';
import { checkFloatRange } from '../image/channels.js';
import { checkImageLike } from '../image/pixels.js';
import type { ImageLike } from '../image/types.js';

/** PNG colour type per values per pixel: gray, gray + alpha, RGB, RGBA. */
const COLOR_TYPES: Record<1 | 2 | 3 | 4, ColorType> = { 1: 0, 2: 4, 3: 2, 4: 6 };

/**
 * Encode an image as 8-bit PNG bytes, keeping its channels: gray, gray + alpha, RGB or RGBA
 * (`channels` given, or told by `data.length` as for `encode()`). 8-bit values are written as they
 * are; float values (a `Float32Array` in [0, 1]) as `round(v * 255)`. Throws `AdapterInputError`
 * (`encodePng: image...`) for a bad image or a float value outside [0, 1].
 */
export function encodePng(image: ImageLike): Uint8Array {
  const where = { name: 'encodePng: image' };
  const src = checkImageLike(image, where);
  const data = Buffer.alloc(src.data.length);
  if (src.float) {
    checkFloatRange(src, where);
    for (let i = 0; i < data.length; i++) data[i] = Math.round(src.data[i]! * 255);
  } else {
    data.set(src.data);
  }
  const colorType = COLOR_TYPES[src.channels];
  // PNG.sync.write reads only width, height and data (and gamma) of its PNG argument.
  const bytes = pngjs.PNG.sync.write(
    { width: src.width, height: src.height, data } as pngjs.PNG,
    { colorType, inputColorType: colorType, inputHasAlpha: src.channels === 2 || src.channels === 4, bitDepth: 8 },
  );
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}
