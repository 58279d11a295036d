/**
 * Small seeded images for trainer tests: a soft bright disc at a random place on a dark, slightly
 * noisy background (normal), and the same with a bright horizontal bar through it (anomalous).
 */
import type { ImageLike } from '@novae/adapters';
import { mulberry32 } from './data.js';

/** `n` RGBA images of `size`×`size`; `bar` draws the anomalous bar at row size/4. */
export function discImages(n: number, seed: number, size = 16, bar = false): ImageLike[] {
  const random = mulberry32(seed);
  return Array.from({ length: n }, () => {
    const cx = size * (0.35 + 0.3 * random());
    const cy = size * (0.35 + 0.3 * random());
    const r = size * (0.18 + 0.08 * random());
    const data = new Uint8ClampedArray(size * size * 4);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
        let v = 20 + 10 * random() + 200 / (1 + Math.exp(2 * (d - r)));
        if (bar && Math.abs(y - Math.floor(size / 4)) < 1) v = 250;
        const p = (y * size + x) * 4;
        data[p] = v;
        data[p + 1] = v * 0.9;
        data[p + 2] = v * 0.8;
        data[p + 3] = 255;
      }
    }
    return { data, width: size, height: size };
  });
}
