/**
 * Telling which frame of a fake-camera clip the camera page scored. Chromium's fake camera plays a
 * .y4m file in a loop, a frame every 1/fps s, but when its thread falls behind (a busy machine) it
 * drops the lost time rather than the frames, so a frame's capture time drifts away from its place
 * in the file. So each frame carries its index instead, in its colour: bit b of the index raises V
 * (red-difference chroma) in the b-th 16x16 block along the top edge. In BT.601 the luma of the
 * decoded RGB is Y whatever U and V are, so a grayscale model sees the frame unchanged; a probe in
 * the page reads the blocks back from the video when the page grabs a frame.
 */

/** Bits of the index: 7 (clips of up to 128 frames). */
export const INDEX_BITS = 7;
const BLOCK = 16;
/** How much a set bit raises V (of 16..240): red stays below clipping on the light wood. */
const V_STEP = 24;

/** Stamp each frame's index into `clip` (a 4:2:0 .y4m of `width` x `height` frames), in place. */
export function stampFrameIndices(clip: Uint8Array, width: number, height: number): number {
  const headerEnd = clip.indexOf(0x0a) + 1;
  const plane = width * height;
  const frameBytes = 6 + plane * 1.5; // 'FRAME\n', Y, U, V
  const frames = (clip.length - headerEnd) / frameBytes;
  if (!Number.isInteger(frames) || frames > 2 ** INDEX_BITS) throw new RangeError(`stampFrameIndices: ${frames} frames of ${width}x${height}?`);
  const cw = width / 2;
  for (let f = 0; f < frames; f++) {
    const v0 = headerEnd + f * frameBytes + 6 + plane + plane / 4;
    for (let b = 0; b < INDEX_BITS; b++) {
      if (((f >> b) & 1) === 0) continue;
      for (let y = 0; y < BLOCK / 2; y++) {
        for (let x = (b * BLOCK) / 2; x < ((b + 1) * BLOCK) / 2; x++) clip[v0 + y * cw + x] = Math.min(240, clip[v0 + y * cw + x]! + V_STEP);
      }
    }
  }
  return frames;
}

/**
 * For `page.addInitScript`: wraps `createImageBitmap` so that each grab of a <video> first reads the
 * frame's stamped index from the video (the same frame: both read the current frame in one task)
 * and appends it to `window.grabbedFrames`.
 */
export function probeGrabbedFrames({ bits, block }: { bits: number; block: number }): void {
  const w = window as unknown as { grabbedFrames: number[] };
  w.grabbedFrames = [];
  const original = window.createImageBitmap.bind(window);
  const canvas = new OffscreenCanvas(bits * block, 2 * block);
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  /** Mean red-difference (0.5 R - 0.419 G - 0.081 B) over a block's inner pixels (chroma edges blur). */
  const cr = (data: Uint8ClampedArray, x0: number, y0: number): number => {
    let sum = 0, n = 0;
    for (let y = y0 + 3; y < y0 + block - 3; y++) {
      for (let x = x0 + 3; x < x0 + block - 3; x++) {
        const o = (y * bits * block + x) * 4;
        sum += 0.5 * data[o]! - 0.418688 * data[o + 1]! - 0.081312 * data[o + 2]!;
        n++;
      }
    }
    return sum / n;
  };
  (window as unknown as { createImageBitmap: unknown }).createImageBitmap = (source: ImageBitmapSource, ...rest: unknown[]) => {
    if (source instanceof HTMLVideoElement) {
      context.drawImage(source, 0, 0, bits * block, 2 * block, 0, 0, bits * block, 2 * block);
      const { data } = context.getImageData(0, 0, bits * block, 2 * block);
      let index = 0;
      // A set bit raises the block's red-difference by about 27 over the unstamped block below it.
      for (let b = 0; b < bits; b++) if (cr(data, b * block, 0) - cr(data, b * block, block) > 12) index |= 1 << b;
      w.grabbedFrames.push(index);
    }
    return (original as (...a: unknown[]) => Promise<ImageBitmap>)(source, ...rest);
  };
}

export const PROBE_OPTIONS = { bits: INDEX_BITS, block: BLOCK };
