import { describe, expect, it } from 'vitest';
import { fitImage } from '../../src/index.js';
import { close, f32, randomBytes, u8 } from './helpers.js';

/** Gray 8-bit values as the adapter scales them. */
const s = (values: readonly number[]) => values.map((v) => v / 255);

/**
 * Exact area average computed directly in 2D (not separably): output pixel (X, Y) is the mean of
 * the source over the rectangle it covers, each source pixel weighted by its overlap area.
 */
function areaReference(src: Float64Array, sw: number, sh: number, dw: number, dh: number): number[] {
  const out: number[] = [];
  const overlap = (lo: number, hi: number, i: number) => Math.max(0, Math.min(hi, i + 1) - Math.max(lo, i));
  for (let Y = 0; Y < dh; Y++) {
    for (let X = 0; X < dw; X++) {
      const x0 = (X * sw) / dw, x1 = ((X + 1) * sw) / dw, y0 = (Y * sh) / dh, y1 = ((Y + 1) * sh) / dh;
      let sum = 0;
      for (let y = 0; y < sh; y++) for (let x = 0; x < sw; x++) sum += overlap(x0, x1, x) * overlap(y0, y1, y) * src[y * sw + x]!;
      out.push(sum / ((x1 - x0) * (y1 - y0)));
    }
  }
  return out;
}

/** Bilinear with half-pixel centres, clamped, computed directly in 2D. */
function bilinearReference(src: Float64Array, sw: number, sh: number, dw: number, dh: number): number[] {
  const at = (o: number, n: number, d: number) => Math.min(Math.max((o + 0.5) * (n / d) - 0.5, 0), n - 1);
  const out: number[] = [];
  for (let Y = 0; Y < dh; Y++) {
    for (let X = 0; X < dw; X++) {
      const x = at(X, sw, dw), y = at(Y, sh, dh);
      const xi = Math.floor(x), yi = Math.floor(y), fx = x - xi, fy = y - yi;
      const v = (xx: number, yy: number) => src[Math.min(yy, sh - 1) * sw + Math.min(xx, sw - 1)]!;
      out.push((1 - fy) * ((1 - fx) * v(xi, yi) + fx * v(xi + 1, yi)) + fy * ((1 - fx) * v(xi, yi + 1) + fx * v(xi + 1, yi + 1)));
    }
  }
  return out;
}

describe('resize: shrinking averages exact areas', () => {
  it('4x4 -> 2x2 gives the mean of each 2x2 block', () => {
    const values = Array.from({ length: 16 }, (_, i) => i * 10);
    const x = fitImage({ width: 2, height: 2 }).encode([u8(4, 4, values)]);
    // Blocks: (0,1,4,5), (2,3,6,7), (8,9,12,13), (10,11,14,15), times 10.
    close(x, s([25, 45, 105, 125]));
  });

  it('3 -> 2 weighs the middle pixel by the third of it each output covers', () => {
    const [a, b, c] = [30, 60, 240];
    close(fitImage({ width: 2, height: 1 }).encode([u8(3, 1, [a, b, c])]), s([(2 * a + b) / 3, (b + 2 * c) / 3]));
    close(fitImage({ width: 1, height: 2 }).encode([u8(1, 3, [a, b, c])]), s([(2 * a + b) / 3, (b + 2 * c) / 3]));
  });

  it('5 -> 2 covers two and a half pixels per output', () => {
    const v = [10, 20, 100, 200, 250];
    close(
      fitImage({ width: 2, height: 1 }).encode([u8(5, 1, v)]),
      s([(v[0]! + v[1]! + 0.5 * v[2]!) / 2.5, (0.5 * v[2]! + v[3]! + v[4]!) / 2.5]),
    );
  });

  it('3x3 -> 2x2 is the 2D area average (fractional rows and columns)', () => {
    const v = [0, 90, 180, 30, 120, 210, 60, 150, 255];
    const w = [[2 / 3, 1 / 3, 0], [0, 1 / 3, 2 / 3]];
    const expected: number[] = [];
    for (let Y = 0; Y < 2; Y++) {
      for (let X = 0; X < 2; X++) {
        let sum = 0;
        for (let y = 0; y < 3; y++) for (let x = 0; x < 3; x++) sum += w[Y]![y]! * w[X]![x]! * v[y * 3 + x]!;
        expected.push(sum);
      }
    }
    close(fitImage({ width: 2, height: 2 }).encode([u8(3, 3, v)]), s(expected));
  });

  it('matches a direct 2D area average for odd ratios', () => {
    for (const [sw, sh, dw, dh] of [[7, 5, 3, 2], [10, 9, 4, 7], [13, 1, 5, 1], [6, 6, 1, 1]] as const) {
      const bytes = randomBytes(sw * sh, sw * 100 + sh);
      const src = Float64Array.from(bytes, (b) => b / 255);
      const x = fitImage({ width: dw, height: dh }).encode([{ data: bytes, width: sw, height: sh }]);
      close(x, areaReference(src, sw, sh, dw, dh), 2e-6);
    }
  });
});

describe('resize: enlarging is bilinear with half-pixel centres', () => {
  it('2 -> 4 samples at -0.25, 0.25, 0.75, 1.25 (clamped at the edges)', () => {
    const [a, b] = [40, 200];
    close(fitImage({ width: 4, height: 1 }).encode([u8(2, 1, [a, b])]), s([a, 0.75 * a + 0.25 * b, 0.25 * a + 0.75 * b, b]));
  });

  it('2 -> 3 puts the middle output half way', () => {
    const [a, b] = [10, 250];
    close(fitImage({ width: 1, height: 3 }).encode([u8(1, 2, [a, b])]), s([a, (a + b) / 2, b]));
  });

  it('a single pixel enlarges to a constant', () => {
    close(fitImage({ width: 3, height: 2 }).encode([u8(1, 1, [77])]), s([77, 77, 77, 77, 77, 77]));
  });

  it('matches a direct 2D bilinear for odd ratios', () => {
    for (const [sw, sh, dw, dh] of [[3, 2, 5, 7], [4, 4, 9, 6], [2, 5, 3, 11]] as const) {
      const bytes = randomBytes(sw * sh, sw * 10 + sh);
      const src = Float64Array.from(bytes, (b) => b / 255);
      const x = fitImage({ width: dw, height: dh }).encode([{ data: bytes, width: sw, height: sh }]);
      close(x, bilinearReference(src, sw, sh, dw, dh), 2e-6);
    }
  });
});

describe('resize: each axis on its own', () => {
  it('shrinks one axis by area and enlarges the other bilinearly (4x2 -> 2x4)', () => {
    const v = [0, 40, 80, 120, 200, 160, 120, 80];
    const rows = [[20, 100], [180, 100]]; // each row's pairs averaged
    const col = (a: number, b: number) => [a, 0.75 * a + 0.25 * b, 0.25 * a + 0.75 * b, b];
    const left = col(rows[0]![0]!, rows[1]![0]!), right = col(rows[0]![1]!, rows[1]![1]!);
    close(fitImage({ width: 2, height: 4 }).encode([u8(4, 2, v)]), s(left.flatMap((l, i) => [l, right[i]!])));
  });

  it('the same size is a plain copy (8-bit / 255, floats as given)', () => {
    const bytes = randomBytes(12, 7);
    const x = fitImage({ width: 4, height: 3 }).encode([{ data: bytes, width: 4, height: 3 }]);
    expect(Array.from(x)).toEqual(Array.from(Float32Array.from(bytes, (b) => b / 255)));
    const floats = Float32Array.from(bytes, (b) => b / 256);
    expect(fitImage({ width: 4, height: 3 }).encode([{ data: floats, width: 4, height: 3 }])).toEqual(floats);
  });

  it('encodes a float image as its 8-bit twin (same code path)', () => {
    const bytes = randomBytes(5 * 7 * 3, 3);
    const floats = Float32Array.from(bytes, (b) => b / 255);
    const adapter = fitImage({ width: 3, height: 9, channels: 3 });
    close(
      adapter.encode([{ data: floats, width: 5, height: 7 }]),
      Array.from(adapter.encode([{ data: bytes, width: 5, height: 7 }])),
      1e-6,
    );
  });

  it('stays within [0, 1] for all-white images', () => {
    const x = fitImage({ width: 3, height: 7, channels: 3 }).encode([f32(7, 3, new Array(7 * 3 * 3).fill(1))]);
    expect(Math.max(...x)).toBe(1);
    expect(Math.min(...x)).toBe(1);
  });
});
