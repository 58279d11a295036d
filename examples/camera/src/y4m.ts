/**
 * A YUV4MPEG2 (.y4m) writer: the uncompressed video format Chromium's fake camera plays
 * (`--use-file-for-fake-video-capture=clip.y4m`). The file is one header line, then per frame the
 * line `FRAME` and the Y, U and V planes (4:2:0: U and V at half width and height).
 *
 * Colours are converted with BT.601 in limited ("studio") range, Y in 16..235 and U, V in 16..240:
 * what Chromium assumes for camera frames that carry no colour space, so a grey level written here
 * comes back as the same grey when the page draws the video.
 */

/** RGBA pixels, row-major, 4 bytes a pixel (an `ImageData`). */
export interface RgbaImage {
  data: Uint8ClampedArray | Uint8Array;
  width: number;
  height: number;
}

export interface Y4mOptions {
  /** Frames per second (an integer: Chromium reads the rate as `num / den` in whole frames). Default 30. */
  fps?: number;
}

const encoder = new TextEncoder();

/** The header line for `width` x `height` frames (both even) at `fps`. */
export function y4mHeader(width: number, height: number, options: Y4mOptions = {}): Uint8Array {
  const fps = options.fps ?? 30;
  for (const [name, v] of [['width', width], ['height', height]] as const) {
    if (!Number.isInteger(v) || v < 2 || v % 2 !== 0) throw new RangeError(`y4m: ${name}: expected an even number of pixels >= 2, got ${v}`);
  }
  if (!Number.isInteger(fps) || fps < 1) throw new RangeError(`y4m: fps: expected a positive integer, got ${fps}`);
  return encoder.encode(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
}

const FRAME = encoder.encode('FRAME\n');

/** One frame: `FRAME\n` and the Y, U, V planes of `image` (its alpha is ignored). */
export function y4mFrame(image: RgbaImage): Uint8Array {
  const { data, width, height } = image;
  if (width % 2 !== 0 || height % 2 !== 0) throw new RangeError(`y4m: frames need even sizes, got ${width}x${height}`);
  if (data.length !== width * height * 4) {
    throw new RangeError(`y4m: image.data: expected ${width * height * 4} bytes (${width}x${height} RGBA), got ${data.length}`);
  }
  const plane = width * height;
  const cw = width / 2;
  const out = new Uint8Array(FRAME.length + plane + plane / 2);
  out.set(FRAME);
  const y0 = FRAME.length;
  const u0 = y0 + plane;
  const v0 = u0 + plane / 4;
  for (let p = 0; p < plane; p++) {
    const r = data[p * 4]!, g = data[p * 4 + 1]!, b = data[p * 4 + 2]!;
    out[y0 + p] = Math.round(16 + (219 * (0.299 * r + 0.587 * g + 0.114 * b)) / 255);
  }
  // Chroma: the mean of each 2x2 block (C420jpeg sites chroma at the block's centre).
  for (let cy = 0; cy < height / 2; cy++) {
    for (let cx = 0; cx < cw; cx++) {
      let r = 0, g = 0, b = 0;
      for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) {
        const o = ((2 * cy + dy) * width + 2 * cx + dx) * 4;
        r += data[o]!;
        g += data[o + 1]!;
        b += data[o + 2]!;
      }
      r /= 4 * 255;
      g /= 4 * 255;
      b /= 4 * 255;
      out[u0 + cy * cw + cx] = Math.round(128 + 224 * (-0.168736 * r - 0.331264 * g + 0.5 * b));
      out[v0 + cy * cw + cx] = Math.round(128 + 224 * (0.5 * r - 0.418688 * g - 0.081312 * b));
    }
  }
  return out;
}

/** A whole clip (all frames the size of the first) as one buffer. */
export function encodeY4m(frames: readonly RgbaImage[], options: Y4mOptions = {}): Uint8Array {
  if (frames.length === 0) throw new RangeError('y4m: expected at least one frame');
  const { width, height } = frames[0]!;
  const parts = [y4mHeader(width, height, options)];
  frames.forEach((frame, i) => {
    if (frame.width !== width || frame.height !== height) {
      throw new RangeError(`y4m: frames[${i}] is ${frame.width}x${frame.height}, frames[0] is ${width}x${height}`);
    }
    parts.push(y4mFrame(frame));
  });
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
