/**
 * Seeded surface defects. Each kind paints an alpha field over the image (how strongly each pixel
 * takes the defect) and a blend; the mask is exactly the pixels with non-zero alpha, so every
 * changed pixel is in the mask and no pixel outside it changes.
 */
import { copyImage, meanColour, type ImageLike } from './image.js';
import { mixSeed, mulberry32, uniform, valueNoise } from './noise.js';

export const DEFECT_KINDS = ['scratch', 'spot', 'hole', 'stain'] as const;
export type DefectKind = (typeof DEFECT_KINDS)[number];

/** A defective copy of an image and its mask (`width * height`, 1 = defect pixel). */
export interface Defect {
  image: ImageLike;
  mask: Uint8Array;
}

/** Alpha below this is dropped: soft edges end inside the mask instead of fading out beyond it. */
const MIN_ALPHA = 0.12;

type Rgb = [number, number, number];
/** How one pixel changes: its colour in [0, 1] -> the defective colour, given the alpha there. */
type Blend = (rgb: Rgb, alpha: number, i: number) => Rgb;

function clamp01(t: number): number {
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

function smoothstep(lo: number, hi: number, t: number): number {
  const s = clamp01((t - lo) / (hi - lo));
  return s * s * (3 - 2 * s);
}

function lerp(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

function luma(c: Rgb): number {
  return 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];
}

/** Apply `blend` where `alpha` >= MIN_ALPHA; return the new image and the mask of those pixels. */
function paint(image: ImageLike, alpha: Float32Array, blend: Blend): Defect {
  const out = copyImage(image);
  const mask = new Uint8Array(image.width * image.height);
  const d = out.data;
  for (let i = 0; i < mask.length; i++) {
    const a = alpha[i]!;
    if (a < MIN_ALPHA) continue;
    const rgb = blend([d[i * 4]! / 255, d[i * 4 + 1]! / 255, d[i * 4 + 2]! / 255], Math.min(1, a), i);
    d[i * 4] = Math.round(clamp01(rgb[0]) * 255);
    d[i * 4 + 1] = Math.round(clamp01(rgb[1]) * 255);
    d[i * 4 + 2] = Math.round(clamp01(rgb[2]) * 255);
    mask[i] = 1;
  }
  return { image: out, mask };
}

/** A defect centre at least `margin` px from every edge. */
function centre(rand: () => number, image: ImageLike, margin: number): [number, number] {
  return [uniform(rand, margin, image.width - margin), uniform(rand, margin, image.height - margin)];
}

/** Distance from (px, py) to the segment (ax, ay)-(bx, by). */
function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = clamp01(((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy || 1));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** A thin bright or dark line, straight or gently curved (a quadratic Bézier), 1-2 px wide, 15-40 px long. */
function scratch(image: ImageLike, rand: () => number): Defect {
  const { width, height } = image;
  const length = uniform(rand, 15, 40);
  let ax = 0, ay = 0, bx = 0, by = 0;
  for (let tries = 0; tries < 100; tries++) {
    [ax, ay] = centre(rand, image, 4);
    const dir = uniform(rand, 0, 2 * Math.PI);
    bx = ax + length * Math.cos(dir);
    by = ay + length * Math.sin(dir);
    if (bx >= 3 && bx <= width - 3 && by >= 3 && by <= height - 3) break;
  }
  // Control point off the chord's midpoint: up to a fifth of the length of bow.
  const bow = uniform(rand, -0.2, 0.2) * length;
  const cx = (ax + bx) / 2 + (-(by - ay) / length) * bow;
  const cy = (ay + by) / 2 + ((bx - ax) / length) * bow;
  const steps = 32;
  const pts: number[] = [];
  for (let s = 0; s <= steps; s++) {
    const t = s / steps;
    pts.push((1 - t) ** 2 * ax + 2 * (1 - t) * t * cx + t * t * bx, (1 - t) ** 2 * ay + 2 * (1 - t) * t * cy + t * t * by);
  }
  const halfWidth = uniform(rand, 0.55, 1.0); // 1.1-2 px wide
  const alpha = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let best = Infinity;
      let at = 0;
      for (let s = 0; s < steps; s++) {
        const dist = segmentDistance(x, y, pts[2 * s]!, pts[2 * s + 1]!, pts[2 * s + 2]!, pts[2 * s + 3]!);
        if (dist < best) {
          best = dist;
          at = (s + 0.5) / steps;
        }
      }
      const taper = Math.min(1, at / 0.08, (1 - at) / 0.08); // the ends fade in over the first and last 8%
      alpha[y * width + x] = clamp01(halfWidth + 0.5 - best) * Math.max(0.5, taper);
    }
  }
  // Bright (a reflective gouge) or dark (a groove): whichever way the surface leaves room for, else either.
  const surface = luma(meanColour(image));
  const bright = surface > 0.62 ? false : surface < 0.38 ? true : rand() < 0.5;
  const level = bright ? uniform(rand, 0.92, 1) : uniform(rand, 0.04, 0.12);
  const target: Rgb = [level, level, level];
  return paint(image, alpha, (rgb, a) => lerp(rgb, target, a * 0.95));
}

/** A dark blob, radius 2-5 px, slightly irregular, with a soft edge. */
function spot(image: ImageLike, rand: () => number): Defect {
  const { width, height } = image;
  const radius = uniform(rand, 2, 5);
  const [cx, cy] = centre(rand, image, radius + 3);
  const p1 = uniform(rand, 0, 2 * Math.PI);
  const p2 = uniform(rand, 0, 2 * Math.PI);
  const depth = uniform(rand, 0.6, 0.8);
  const alpha = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const th = Math.atan2(y - cy, x - cx);
      const r = radius * (1 + 0.14 * Math.sin(3 * th + p1) + 0.08 * Math.sin(5 * th + p2));
      const q = Math.hypot(x - cx, y - cy) / r;
      alpha[y * width + x] = 1 - smoothstep(0.55, 1.15, q);
    }
  }
  return paint(image, alpha, (rgb, a) => {
    const k = 1 - depth * a;
    return [rgb[0] * k, rgb[1] * k * 0.97, rgb[2] * k * 0.94];
  });
}

/** A near-black disk, radius 3-6 px, with a thin bright rim (the torn or punched edge). */
function hole(image: ImageLike, rand: () => number): Defect {
  const { width, height } = image;
  const radius = uniform(rand, 3, 6);
  const [cx, cy] = centre(rand, image, radius + 4);
  const rimWidth = uniform(rand, 0.9, 1.4);
  const rimLevel = uniform(rand, 0.82, 0.95);
  const floor = uniform(rand, 0.02, 0.06);
  const core = new Float32Array(width * height);
  const rim = new Float32Array(width * height);
  const alpha = new Float32Array(width * height);
  for (let i = 0; i < alpha.length; i++) {
    const d = Math.hypot((i % width) - cx, Math.floor(i / width) - cy);
    core[i] = clamp01(radius + 0.5 - d);
    rim[i] = clamp01(1 - Math.abs(d - radius - rimWidth / 2) / (rimWidth / 2 + 0.5)) * 0.85;
    alpha[i] = Math.max(core[i]!, rim[i]!);
  }
  const rimColour: Rgb = [rimLevel, rimLevel, rimLevel];
  const dark: Rgb = [floor, floor, floor * 1.1];
  return paint(image, alpha, (rgb, _a, i) => lerp(lerp(rgb, rimColour, rim[i]!), dark, core[i]!));
}

/** Stain tints: each multiplies the surface colour; on a grey surface each keeps 56-66% of the luma. */
const WARM_TINTS: Rgb[] = [
  [0.86, 0.62, 0.34], // tea / coffee
  [0.88, 0.52, 0.3], // rust
];
const COOL_TINTS: Rgb[] = [
  [0.42, 0.6, 0.76], // ink / water mark
  [0.45, 0.68, 0.62], // mould
];

/**
 * A colour stain, radius 5-10 px with a ragged edge and a darker tide line: a hue far from the
 * surface's (warm on cool surfaces, cool on warm ones) that also darkens it in grayscale (over the mask: 20-34%, measured on 300 seeds per material).
 */
function stain(image: ImageLike, rand: () => number): Defect {
  const { width, height } = image;
  const radius = uniform(rand, 5, 10);
  const [cx, cy] = centre(rand, image, radius + 2);
  const [r, , b] = meanColour(image);
  const palette = r > b * 1.25 ? COOL_TINTS : WARM_TINTS;
  const tint = palette[Math.floor(rand() * palette.length)]!;
  const strength = uniform(rand, 0.88, 1);
  const edgeSeed = mixSeed(Math.floor(rand() * 2 ** 32), 7);
  const alpha = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const ragged = 0.3 * (valueNoise(x / 4, y / 4, edgeSeed) - 0.5);
      const q = Math.hypot(x - cx, y - cy) / radius + ragged;
      const body = 1 - smoothstep(0.75, 1.0, q);
      const tide = 0.25 * Math.exp(-(((q - 0.88) / 0.08) ** 2)); // pigment gathers at the drying edge
      const mottle = 0.75 + 0.25 * valueNoise(x / 3, y / 3, edgeSeed + 1);
      alpha[y * width + x] = strength * Math.min(1, body * 0.9 * mottle + tide);
    }
  }
  return paint(image, alpha, (rgb, a) => [rgb[0] * (1 + (tint[0] - 1) * a), rgb[1] * (1 + (tint[1] - 1) * a), rgb[2] * (1 + (tint[2] - 1) * a)]);
}

const PAINTERS: Record<DefectKind, (image: ImageLike, rand: () => number) => Defect> = { scratch, spot, hole, stain };

/** A copy of `image` with one defect of `kind` and its mask; the same seed gives the same defect. */
export function injectDefect(image: ImageLike, kind: DefectKind, seed: number): Defect {
  const painter = PAINTERS[kind];
  if (!painter) throw new Error(`kind: expected one of ${DEFECT_KINDS.join(', ')}, got '${String(kind)}'`);
  return painter(image, mulberry32(mixSeed(seed, 0x5eed)));
}
