import { describe, expect, it } from 'vitest';
import { DEFECT_KINDS, injectDefect, type DefectKind } from '../src/defects.js';
import { grayscale, type ImageLike } from '../src/image.js';
import { MATERIALS, makeTexture } from '../src/textures.js';
import { count, dilate, erode } from './helpers.js';

const SEEDS = [0, 1, 2, 3, 4, 5, 6, 7];
const cases = MATERIALS.flatMap((material) => DEFECT_KINDS.map((kind) => [material, kind] as const));

function changed(a: ImageLike, b: ImageLike, pixel: number): boolean {
  const o = pixel * 4;
  return a.data[o] !== b.data[o] || a.data[o + 1] !== b.data[o + 1] || a.data[o + 2] !== b.data[o + 2] || a.data[o + 3] !== b.data[o + 3];
}

function mean(values: Float32Array, where: Uint8Array): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) if (where[i]) (sum += values[i]!), n++;
  return sum / n;
}

/**
 * |mean gray over the defect - mean gray of the texture around it| / the latter. The ring around
 * is 2-3 px beyond the mask. For a hole, its core (the mask eroded by 2 px, without the bright rim).
 */
function contrast(image: ImageLike, mask: Uint8Array, kind: DefectKind): number {
  const gray = grayscale(image);
  const near = dilate(mask, 1);
  const ring = dilate(mask, 3).map((v, i) => (v && !near[i] ? 1 : 0));
  const inside = kind === 'hole' ? erode(mask, 2) : mask;
  const around = mean(gray, ring);
  return Math.abs(mean(gray, inside) - around) / around;
}

describe.each(cases)('%s with a %s', (material, kind) => {
  it('changes pixels inside its mask and none outside, and leaves the input alone', () => {
    for (const seed of SEEDS) {
      const clean = makeTexture(material, seed);
      const before = new Uint8ClampedArray(clean.data);
      const { image, mask } = injectDefect(clean, kind, seed);
      expect(clean.data).toEqual(before);
      expect(mask.length).toBe(64 * 64);
      const outside: number[] = [];
      let inside = 0;
      for (let p = 0; p < mask.length; p++) {
        if (mask[p]) inside += changed(clean, image, p) ? 1 : 0;
        else if (changed(clean, image, p)) outside.push(p);
      }
      expect(outside, `pixels changed outside the mask (seed ${seed})`).toEqual([]);
      expect(inside / count(mask)).toBeGreaterThan(0.95);
    }
  });

  it('stands out from the texture around it in grayscale by at least 15%', () => {
    for (const seed of SEEDS) {
      const { image, mask } = injectDefect(makeTexture(material, seed), kind, seed);
      expect(contrast(image, mask, kind), `seed ${seed}`).toBeGreaterThan(0.15);
    }
  });

  it('is the same for the same seed and moves with another seed', () => {
    const clean = makeTexture(material, 3);
    const a = injectDefect(clean, kind, 10);
    expect(injectDefect(clean, kind, 10)).toEqual(a);
    expect(injectDefect(clean, kind, 11).mask).not.toEqual(a.mask);
  });
});

/** Width and height of the mask's bounding box. */
function extent(mask: Uint8Array): [number, number] {
  let x0 = 64, x1 = -1, y0 = 64, y1 = -1;
  for (let p = 0; p < mask.length; p++) {
    if (!mask[p]) continue;
    const x = p % 64;
    const y = Math.floor(p / 64);
    x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
  }
  return [x1 - x0 + 1, y1 - y0 + 1];
}

describe('defect shapes', () => {
  const defects = (kind: DefectKind) => SEEDS.flatMap((seed) => MATERIALS.map((m) => injectDefect(makeTexture(m, seed), kind, seed * 7 + 1)));

  it('a scratch is a thin line 15-40 px long', () => {
    for (const { mask } of defects('scratch')) {
      const [w, h] = extent(mask);
      const length = Math.hypot(w, h);
      expect(length).toBeGreaterThan(12); // the ends taper off below the mask's alpha cut
      expect(length).toBeLessThan(46);
      // Thin: erosion by one pixel (a 3x3 square) leaves almost nothing of a 1-2 px line.
      expect(count(erode(mask, 1))).toBeLessThan(count(mask) * 0.15);
    }
  });

  it('a spot is a dark blob of radius 2-5 px', () => {
    for (const { mask } of defects('spot')) {
      const [w, h] = extent(mask);
      expect(Math.max(w, h)).toBeGreaterThanOrEqual(3);
      expect(Math.max(w, h)).toBeLessThanOrEqual(2 * 5 * 1.22 * 1.15 + 2);
    }
  });

  it('a hole has a near-black core and a bright rim', () => {
    for (const { image, mask } of defects('hole')) {
      const gray = grayscale(image);
      const core = erode(mask, 2);
      const inner = erode(mask, 1);
      const rim = mask.map((v, i) => (v && !inner[i] ? 1 : 0));
      expect(mean(gray, core)).toBeLessThan(0.1);
      expect(Math.max(...gray.filter((_, i) => rim[i]))).toBeGreaterThan(0.7);
    }
  });

  it('a stain shifts the hue and darkens the grayscale by at least 15% over its mask', () => {
    for (const seed of SEEDS) {
      for (const material of MATERIALS) {
        const clean = makeTexture(material, seed);
        const { image, mask } = injectDefect(clean, 'stain', seed);
        const before = grayscale(clean);
        const after = grayscale(image);
        expect(1 - mean(after, mask) / mean(before, mask)).toBeGreaterThan(0.15);
        // Colour: the chromaticity (r, g, b) / (r + g + b) of the mean colour over the mask moves.
        const chroma = (img: ImageLike) => {
          const sum = [0, 0, 0];
          for (let p = 0; p < mask.length; p++) for (let c = 0; c < 3; c++) if (mask[p]) sum[c]! += img.data[p * 4 + c]!;
          const total = sum[0]! + sum[1]! + sum[2]!;
          return sum.map((v) => v / total);
        };
        const [a, b] = [chroma(clean), chroma(image)];
        expect(Math.abs(a[0]! - b[0]!) + Math.abs(a[1]! - b[1]!) + Math.abs(a[2]! - b[2]!), `${material}, seed ${seed}`).toBeGreaterThan(0.06);
      }
    }
  });

  it('names an unknown kind', () => {
    expect(() => injectDefect(makeTexture('metal', 1), 'dent' as never, 1)).toThrow("kind: expected one of scratch, spot, hole, stain, got 'dent'");
  });
});
