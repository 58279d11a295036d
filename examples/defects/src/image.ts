/** The image shape this example passes around, and the few pixel helpers its generators share. */

/** ImageData-like: RGBA bytes, row-major, `width * height * 4` long. */
export interface ImageLike {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** Side of every image the example makes. */
export const SIZE = 64;

/** Rec. 601 luma weights: the grayscale the metrics and tests measure defects with. */
const LUMA = [0.299, 0.587, 0.114] as const;

/** An image from a function giving each pixel's linear RGB in [0, 1] (clamped, rounded to bytes). */
export function imageFrom(width: number, height: number, rgb: (x: number, y: number) => readonly [number, number, number]): ImageLike {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = rgb(x, y);
      const o = (y * width + x) * 4;
      data[o] = Math.round(r * 255);
      data[o + 1] = Math.round(g * 255);
      data[o + 2] = Math.round(b * 255);
      data[o + 3] = 255;
    }
  }
  return { data, width, height };
}

export function copyImage(image: ImageLike): ImageLike {
  return { data: new Uint8ClampedArray(image.data), width: image.width, height: image.height };
}

/** Per-pixel luma in [0, 1], `width * height` long. */
export function grayscale(image: ImageLike): Float32Array {
  const out = new Float32Array(image.width * image.height);
  const d = image.data;
  for (let i = 0; i < out.length; i++) {
    out[i] = (LUMA[0] * d[i * 4]! + LUMA[1] * d[i * 4 + 1]! + LUMA[2] * d[i * 4 + 2]!) / 255;
  }
  return out;
}

/** Mean colour in [0, 1] of the pixels where `weight` (default: all) is non-zero. */
export function meanColour(image: ImageLike, weight?: ArrayLike<number>): [number, number, number] {
  let r = 0, g = 0, b = 0, n = 0;
  const d = image.data;
  for (let i = 0; i < image.width * image.height; i++) {
    if (weight && !weight[i]) continue;
    r += d[i * 4]!;
    g += d[i * 4 + 1]!;
    b += d[i * 4 + 2]!;
    n++;
  }
  return n === 0 ? [0, 0, 0] : [r / n / 255, g / n / 255, b / n / 255];
}
