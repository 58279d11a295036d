/**
 * Seeded 64x64 product-surface textures, three material families. Each image draws its own
 * variation (phase, orientation jitter, frequency, brightness, tint) from its seed: the same seed
 * always gives the same bytes. The variation is kept moderate and mostly low-frequency, so a small
 * convolutional VAE can learn what "normal" looks like from a few hundred images.
 */
import { imageFrom, SIZE, type ImageLike } from './image.js';
import { fbm, mixSeed, mulberry32, uniform, valueNoise } from './noise.js';

export const MATERIALS = ['fabric', 'metal', 'wood'] as const;
export type Material = (typeof MATERIALS)[number];

type Rgb = readonly [number, number, number];

/** Woven plain weave: warp and weft threads crossing over and under, with per-thread noise. Blue-grey. */
function fabric(seed: number): ImageLike {
  const rand = mulberry32(seed);
  const pitch = uniform(rand, 4.6, 5.8); // thread spacing, px
  const angle = uniform(rand, -0.12, 0.12); // weave rotation, rad (about ±7°)
  const phaseU = uniform(rand, 0, 2 * pitch);
  const phaseV = uniform(rand, 0, 2 * pitch);
  const brightness = uniform(rand, 0.88, 1.12);
  const blue = uniform(rand, 0.06, 0.17); // how blue the grey is
  const weftShade = uniform(rand, 0.86, 0.96); // weft threads a little darker than warp
  const warpSeed = mixSeed(seed, 1);
  const weftSeed = mixSeed(seed, 2);
  const fuzzSeed = mixSeed(seed, 3);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return imageFrom(SIZE, SIZE, (x, y): Rgb => {
    const u = cos * x + sin * y + phaseU; // across the warp threads
    const v = -sin * x + cos * y + phaseV; // across the weft threads
    const su = Math.sin((Math.PI * u) / pitch);
    const sv = Math.sin((Math.PI * v) / pitch);
    // The sign of su * sv alternates cell by cell: warp on top in one cell, weft in the next.
    const warpOnTop = 0.5 + 0.5 * Math.tanh(3 * su * sv);
    // Each thread's brightness varies from thread to thread and slowly along its length (slubs).
    const warp = Math.abs(su) * (0.8 + 0.4 * valueNoise(u / pitch, v / 14, warpSeed));
    const weft = Math.abs(sv) * weftShade * (0.8 + 0.4 * valueNoise(u / 14, v / pitch, weftSeed));
    const thread = warpOnTop * warp + (1 - warpOnTop) * weft;
    const fuzz = 0.06 * (fbm(x / 3, y / 3, fuzzSeed, 2) - 0.5);
    const lum = brightness * (0.3 + 0.46 * thread + fuzz);
    return [lum * (1 - blue), lum * (1 - blue * 0.35), lum * (1 + blue)];
  });
}

/** Brushed metal: fine streaks along one direction (anisotropic noise), a broad sheen. Grey. */
function metal(seed: number): ImageLike {
  const rand = mulberry32(seed);
  const angle = uniform(rand, -0.25, 0.25); // brushing direction, about ±14° off horizontal
  const streakLength = uniform(rand, 18, 34); // px along the brush per noise cell
  const brightness = uniform(rand, 0.52, 0.68);
  const sheenAngle = uniform(rand, 0, 2 * Math.PI);
  const sheenAmp = uniform(rand, 0.04, 0.1);
  const sheenPhase = uniform(rand, 0, 2 * Math.PI);
  const coarseSeed = mixSeed(seed, 1);
  const fineSeed = mixSeed(seed, 2);
  const blotchSeed = mixSeed(seed, 3);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const sx = Math.cos(sheenAngle) / SIZE;
  const sy = Math.sin(sheenAngle) / SIZE;
  return imageFrom(SIZE, SIZE, (x, y): Rgb => {
    const u = cos * x + sin * y; // along the brush
    const v = -sin * x + cos * y; // across it
    const coarse = valueNoise(u / streakLength, v / 2.2, coarseSeed) - 0.5;
    const fine = valueNoise(u / (streakLength * 0.5), v / 1.1, fineSeed) - 0.5;
    const blotch = fbm(x / 24, y / 24, blotchSeed, 2) - 0.5;
    const sheen = sheenAmp * Math.sin(2 * Math.PI * 0.8 * (sx * x + sy * y) + sheenPhase);
    const lum = brightness + 0.16 * coarse + 0.07 * fine + 0.08 * blotch + sheen;
    return [lum * 0.98, lum, lum * 1.03];
  });
}

/** Wood: growth rings (a sinusoid of a noise-distorted distance) and fine grain along them. Brown. */
function wood(seed: number): ImageLike {
  const rand = mulberry32(seed);
  const grain = Math.PI / 2 + uniform(rand, -0.22, 0.22); // rings run roughly top to bottom
  // The tree's centre lies far off to one side, so the rings cross the image as gentle arcs.
  const side = rand() < 0.5 ? -1 : 1;
  const distance = uniform(rand, 70, 160);
  const along = uniform(rand, -40, 40);
  const gx = Math.cos(grain);
  const gy = Math.sin(grain);
  const cx = SIZE / 2 + side * distance * -gy + along * gx;
  const cy = SIZE / 2 + side * distance * gx + along * gy;
  const period = uniform(rand, 5.5, 8.5); // ring spacing, px
  const phase = uniform(rand, 0, 2 * Math.PI);
  const warpAmp = uniform(rand, 1.5, 3.5); // how wavy the rings are, px
  const brightness = uniform(rand, 0.9, 1.1);
  const warpSeed = mixSeed(seed, 1);
  const grainSeed = mixSeed(seed, 2);
  const spacingSeed = mixSeed(seed, 3);
  const light: Rgb = [0.78, 0.58, 0.37];
  const dark: Rgb = [0.5, 0.31, 0.17];
  return imageFrom(SIZE, SIZE, (x, y): Rgb => {
    const r = Math.hypot(x - cx, y - cy);
    // Rings wobble a little (distortion) and are not evenly spaced (good and bad growth years).
    const wobble = warpAmp * 2 * (fbm(x / 32, y / 32, warpSeed, 2) - 0.5);
    const years = 0.7 * period * (valueNoise(r / (period * 2.5), 0.5, spacingSeed) - 0.5);
    const ring = 0.5 + 0.5 * Math.sin((2 * Math.PI * (r + wobble + years)) / period + phase);
    const late = ring ** 2.2; // latewood: the narrower, darker band of each ring
    const a = gx * x + gy * y; // along the grain
    const b = -gy * x + gx * y; // across it
    const streak = valueNoise(a / 10, b / 1.3, grainSeed) - 0.5;
    const t = Math.min(1, Math.max(0, 0.85 * late + 0.4 * streak + 0.12));
    const k = brightness * (1 + 0.06 * streak);
    return [k * (light[0] + (dark[0] - light[0]) * t), k * (light[1] + (dark[1] - light[1]) * t), k * (light[2] + (dark[2] - light[2]) * t)];
  });
}

const GENERATORS: Record<Material, (seed: number) => ImageLike> = { fabric, metal, wood };

/** One 64x64 RGBA texture of `material`; the same seed gives the same bytes. */
export function makeTexture(material: Material, seed: number): ImageLike {
  const generate = GENERATORS[material];
  if (!generate) throw new Error(`material: expected one of ${MATERIALS.join(', ')}, got '${String(material)}'`);
  return generate(seed >>> 0);
}
