/** Small images and float comparisons shared by the image adapter tests. */
import { expect } from 'vitest';
import type { ImageLike } from '../../src/index.js';

/** An 8-bit image from its values (interleaved, row-major). */
export function u8(width: number, height: number, values: readonly number[], channels?: 1 | 2 | 3 | 4): ImageLike {
  return { data: Uint8Array.from(values), width, height, ...(channels === undefined ? {} : { channels }) };
}

/** A float image from its values. */
export function f32(width: number, height: number, values: readonly number[], channels?: 1 | 2 | 3 | 4): ImageLike {
  return { data: Float32Array.from(values), width, height, ...(channels === undefined ? {} : { channels }) };
}

/** `actual` equals `expected` element-wise within `atol` (Float32 rounding by default). */
export function close(actual: ArrayLike<number>, expected: readonly number[], atol = 1e-6): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!(Math.abs(actual[i]! - expected[i]!) <= atol)) {
      throw new Error(`value ${i}: expected ${expected[i]} ± ${atol}, got ${actual[i]}`);
    }
  }
}

/** Deterministic pseudo-random bytes (mulberry32). */
export function randomBytes(n: number, seed = 1): Uint8Array {
  let a = seed >>> 0;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) % 256;
  }
  return out;
}
