/**
 * Camera frames of generated product surfaces: the defects example's 64x64 textures (clean, or with
 * one injected defect) scaled up to fill a 320x240 frame, as a camera filming the surface would see
 * it. The default model is trained on such frames (model.mjs) and the fake-camera clips are made of
 * them, so the model sees at scoring time what it saw in training: the same frame, resized by the
 * image adapter to the model's size.
 */
import { DEFECT_KINDS, injectDefect, type DefectKind } from '../../defects/dist/defects.js';
import { makeTexture, type Material } from '../../defects/dist/textures.js';
import type { RgbaImage } from './y4m.js';

/** The frame size the page asks the camera for. */
export const FRAME_WIDTH = 320;
export const FRAME_HEIGHT = 240;

/** Bilinear taps of one axis enlarged from `src` to `dst` pixels (half-pixel centres, edges clamped). */
function taps(src: number, dst: number): { lo: Int32Array; hi: Int32Array; f: Float32Array } {
  const lo = new Int32Array(dst), hi = new Int32Array(dst), f = new Float32Array(dst);
  for (let o = 0; o < dst; o++) {
    const x = Math.min(src - 1, Math.max(0, ((o + 0.5) * src) / dst - 0.5));
    lo[o] = Math.floor(x);
    hi[o] = Math.min(src - 1, lo[o]! + 1);
    f[o] = x - lo[o]!;
  }
  return { lo, hi, f };
}

/** `image` stretched to `width` x `height` (bilinear), opaque RGBA. */
export function toCameraFrame(image: RgbaImage, width = FRAME_WIDTH, height = FRAME_HEIGHT): RgbaImage {
  const x = taps(image.width, width);
  const y = taps(image.height, height);
  const src = image.data;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let oy = 0; oy < height; oy++) {
    const r0 = y.lo[oy]! * image.width, r1 = y.hi[oy]! * image.width, fy = y.f[oy]!;
    for (let ox = 0; ox < width; ox++) {
      const c0 = x.lo[ox]!, c1 = x.hi[ox]!, fx = x.f[ox]!;
      const o = (oy * width + ox) * 4;
      for (let c = 0; c < 3; c++) {
        const top = src[(r0 + c0) * 4 + c]! * (1 - fx) + src[(r0 + c1) * 4 + c]! * fx;
        const bottom = src[(r1 + c0) * 4 + c]! * (1 - fx) + src[(r1 + c1) * 4 + c]! * fx;
        data[o + c] = top * (1 - fy) + bottom * fy;
      }
      data[o + 3] = 255;
    }
  }
  return { data, width, height };
}

/** `count` clean frames of `material`, texture seeds `seed`, `seed + 1`, ... */
export function cleanFrames(material: Material, count: number, seed: number): RgbaImage[] {
  return Array.from({ length: count }, (_, i) => toCameraFrame(makeTexture(material, seed + i)));
}

/** `count` frames of `material` with one defect each, the kinds taken in turn. */
export function defectFrames(material: Material, count: number, seed: number, kinds: readonly DefectKind[] = DEFECT_KINDS): RgbaImage[] {
  return Array.from({ length: count }, (_, i) =>
    toCameraFrame(injectDefect(makeTexture(material, seed + i), kinds[i % kinds.length]!, seed + i).image));
}

export interface ClipOptions {
  material: Material;
  /** Clean surfaces, shown first. */
  clean: number;
  /** Surfaces with a defect, shown after the clean ones. */
  defective: number;
  /** Camera frames each surface stays in view. Default 1. */
  hold?: number;
  seed: number;
  /** Defect kinds, taken in turn. Default: every kind. */
  kinds?: readonly DefectKind[];
}

/**
 * A fake-camera clip: the clean surfaces, then the defective ones, each held for `hold` frames
 * (Chromium's fake camera plays a clip in a loop, so the two halves alternate).
 */
export function clipFrames(options: ClipOptions): RgbaImage[] {
  const { material, clean, defective, seed } = options;
  const hold = options.hold ?? 1;
  if (!Number.isInteger(hold) || hold < 1) throw new RangeError(`hold: expected a positive integer, got ${hold}`);
  const surfaces = [...cleanFrames(material, clean, seed), ...defectFrames(material, defective, seed + clean, options.kinds)];
  return surfaces.flatMap((frame) => Array.from({ length: hold }, () => frame));
}
