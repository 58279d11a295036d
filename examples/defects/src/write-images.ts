/**
 * Write images as PNG files: a dataset as a folder that `novae train <folder> --adapter image`
 * reads, one file per image named `<index>-<clean|kind>.png`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { Dataset } from './dataset.js';
import type { ImageLike } from './image.js';

/** PNG bytes (8-bit RGBA) of one image. */
export function encodePng(image: ImageLike): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  return PNG.sync.write(png);
}

/** RGBA pixels of PNG bytes (the inverse of `encodePng`). */
export function decodePng(bytes: Buffer): ImageLike {
  const png = PNG.sync.read(bytes);
  return { data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), width: png.width, height: png.height };
}

/**
 * Write every image of `dataset` into `dir` (created if missing) as `<index>-<clean|kind>.png`,
 * the index zero-padded so that file names sort in dataset order. Returns the paths written.
 */
export function writeDataset(dataset: Dataset, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const digits = String(Math.max(0, dataset.images.length - 1)).length;
  return dataset.images.map((image, i) => {
    const path = join(dir, `${String(i).padStart(digits, '0')}-${dataset.kinds[i] ?? 'clean'}.png`);
    writeFileSync(path, encodePng(image));
    return path;
  });
}
