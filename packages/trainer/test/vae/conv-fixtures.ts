/** Tiny real fixtures for the convolutional VAE tests: models with random weights, synthetic images. */
import { ConvVae, type ConvVaeConfig } from '../../src/vae/conv-vae.js';
import { mulberry32, normals } from '../onnx/helpers.js';

/**
 * A ConvVae whose every variable (biases and the Gaussian output log-variance included) is set
 * to seeded random values, scaled by 1/sqrt(fan-in) so activations stay of order one.
 */
export function randomizedConvVae(config: ConvVaeConfig, seed: number): ConvVae {
  const vae = new ConvVae(config, seed);
  const rand = mulberry32(seed + 101);
  vae.restore(vae.variables.map((v) => {
    const values = normals(rand, v.size);
    const fanIn = v.rank === 1 ? 1 : v.shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const scale = v.rank === 1 ? 0.3 : 1.2 / Math.sqrt(fanIn);
    return values.map((x) => x * scale);
  }));
  return vae;
}

/**
 * n synthetic [C, H, W] images (NCHW rows) in [0, 1]: a bright axis-aligned rectangle of random
 * position and size on a dark background, with a little noise; the channels differ in brightness.
 */
export function rectangleImages(n: number, [c, h, w]: readonly [number, number, number], seed: number): Float32Array {
  const rand = mulberry32(seed);
  const out = new Float32Array(n * c * h * w);
  for (let i = 0; i < n; i++) {
    const top = Math.floor(rand() * (h / 2));
    const left = Math.floor(rand() * (w / 2));
    const bottom = top + 2 + Math.floor(rand() * (h / 2 - 1));
    const right = left + 2 + Math.floor(rand() * (w / 2 - 1));
    for (let ch = 0; ch < c; ch++) {
      const bright = 0.9 - 0.2 * ch;
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const inside = y >= top && y < bottom && x >= left && x < right;
          out[((i * c + ch) * h + y) * w + x] = Math.min(1, (inside ? bright : 0.05) + 0.05 * rand());
        }
      }
    }
  }
  return out;
}
