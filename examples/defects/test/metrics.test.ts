import { describe, expect, it } from 'vitest';
import { boxBlur3, HIT_TOLERANCE, MetricsInputError, pixelAuroc, pixelHitRate } from '../src/metrics.js';

const N = 64 * 64;

/** A mask with the square [x0, x0 + w) x [y0, y0 + w) set. */
function square(x0: number, y0: number, w: number): Uint8Array {
  const mask = new Uint8Array(N);
  for (let y = y0; y < y0 + w; y++) for (let x = x0; x < x0 + w; x++) mask[y * 64 + x] = 1;
  return mask;
}

/** Low noise everywhere, a 3x3 bump of `height` centred at (x, y). */
function bumpAt(x: number, y: number, height = 1, seed = 1): Float32Array {
  const map = new Float32Array(N);
  let s = seed;
  for (let p = 0; p < N; p++) map[p] = ((s = (s * 16807) % 2147483647) / 2147483647) * 0.1;
  for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) map[(y + dy) * 64 + x + dx] = height;
  return map;
}

/** AUROC by brute force over every (positive, negative) pair, ties half. */
function pairwiseAuc(maps: Float32Array[], masks: Uint8Array[]): number {
  const pos: number[] = [];
  const neg: number[] = [];
  maps.forEach((map, i) => map.forEach((v, p) => (masks[i]![p] ? pos : neg).push(v)));
  let u = 0;
  for (const a of pos) for (const b of neg) u += a > b ? 1 : a === b ? 0.5 : 0;
  return u / (pos.length * neg.length);
}

describe('pixelHitRate', () => {
  const mask = square(20, 20, 6);

  it('is 1 when the map peaks inside the mask and 0 when it peaks well outside', () => {
    expect(pixelHitRate([bumpAt(22, 22)], [mask], [1])).toBe(1);
    expect(pixelHitRate([bumpAt(50, 50)], [mask], [1])).toBe(0);
    expect(pixelHitRate([bumpAt(22, 22), bumpAt(50, 50), bumpAt(23, 24)], [mask, mask, mask], [1, 1, 1])).toBeCloseTo(2 / 3, 12);
  });

  it(`counts a peak up to ${HIT_TOLERANCE} px outside the mask`, () => {
    expect(pixelHitRate([bumpAt(25 + HIT_TOLERANCE, 22)], [mask], [1])).toBe(1);
    expect(pixelHitRate([bumpAt(25 + HIT_TOLERANCE + 1, 22)], [mask], [1])).toBe(0);
  });

  it('ignores a single hot pixel thanks to the 3x3 blur', () => {
    const map = bumpAt(22, 22, 0.5);
    map[50 * 64 + 50] = 1; // one noisy pixel, hotter than the bump but alone
    expect(pixelHitRate([map], [mask], [1])).toBe(1);
  });

  it('skips clean images (their masks may be null) and is NaN without defective ones', () => {
    expect(pixelHitRate([bumpAt(50, 50), bumpAt(22, 22)], [null, mask], [0, 1])).toBe(1);
    expect(pixelHitRate([bumpAt(50, 50)], [null], [0])).toBeNaN();
  });

  it('names the argument that does not fit', () => {
    expect(() => pixelHitRate([bumpAt(22, 22)], [mask], [1, 0])).toThrow('labels: expected 1 labels (one per map), got 2');
    expect(() => pixelHitRate([bumpAt(22, 22)], [null], [1])).toThrow('masks[0]: expected a mask for a defective image (labels[0] is 1), got null');
    expect(() => pixelHitRate([new Float32Array(10)], [mask], [1])).toThrow(MetricsInputError);
    expect(() => pixelHitRate([new Float32Array(10)], [mask], [1])).toThrow('maps[0]: expected 4096 values (a 64x64 map), got 10');
  });
});

describe('boxBlur3', () => {
  it('averages each 3x3 neighbourhood, edges over the neighbours that exist', () => {
    const map = new Float32Array(N);
    map[0] = 4;
    map[10 * 64 + 10] = 9;
    const blurred = boxBlur3(map);
    expect(blurred[0]).toBeCloseTo(1, 6); // corner: 4 neighbours
    expect(blurred[1]).toBeCloseTo(4 / 6, 6); // edge: 6 neighbours
    expect(blurred[11 * 64 + 11]).toBeCloseTo(1, 6);
    expect(blurred[12 * 64 + 12]).toBe(0);
  });
});

describe('pixelAuroc', () => {
  const masks = [square(20, 20, 6), square(3, 40, 4)];

  it('is 1 for the mask itself, 0 for its inverse and 0.5 for a constant map', () => {
    const asMaps = masks.map((m) => Float32Array.from(m));
    expect(pixelAuroc(asMaps, masks)).toBe(1);
    expect(pixelAuroc(masks.map((m) => Float32Array.from(m, (v) => 1 - v)), masks)).toBe(0);
    expect(pixelAuroc(masks.map(() => new Float32Array(N).fill(3)), masks)).toBe(0.5);
  });

  it('matches the pairwise count, ties half, on maps with many ties', () => {
    let s = 7;
    const maps = masks.map((mask) => Float32Array.from(mask, (v) => Math.floor(((s = (s * 16807) % 2147483647) / 2147483647) * 5) + v));
    const expected = pairwiseAuc(maps, masks);
    expect(expected).toBeGreaterThan(0.55);
    expect(expected).toBeLessThan(0.95);
    expect(pixelAuroc(maps, masks)).toBeCloseTo(expected, 12);
  });

  it('uses only images with a mask', () => {
    const asMaps = masks.map((m) => Float32Array.from(m));
    expect(pixelAuroc([...asMaps, new Float32Array(N).fill(5)], [...masks, null])).toBe(1);
    expect(pixelAuroc([new Float32Array(N)], [null])).toBeNaN();
  });

  it('rejects maps with NaN, naming the map and pixel', () => {
    const map = new Float32Array(N);
    map[17] = Number.NaN;
    expect(() => pixelAuroc([map], [masks[0]!])).toThrow('maps[0]: expected finite values, got NaN at pixel 17');
  });
});
