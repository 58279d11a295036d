import { describe, expect, it } from 'vitest';
import { encodeY4m, y4mFrame, y4mHeader } from '../src/y4m.js';

/** A width x height RGBA image with every pixel `rgb`. */
function flat(width: number, height: number, rgb: [number, number, number]): { data: Uint8ClampedArray; width: number; height: number } {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) data.set([...rgb, 255], p * 4);
  return { data, width, height };
}

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe('y4m', () => {
  it('writes the header Chromium reads: size, integer frame rate, 4:2:0', () => {
    expect(text(y4mHeader(320, 240))).toBe('YUV4MPEG2 W320 H240 F30:1 Ip A1:1 C420jpeg\n');
    expect(text(y4mHeader(4, 2, { fps: 15 }))).toBe('YUV4MPEG2 W4 H2 F15:1 Ip A1:1 C420jpeg\n');
  });

  it('rejects odd sizes and fractional rates, naming the value', () => {
    expect(() => y4mHeader(321, 240)).toThrow('y4m: width: expected an even number of pixels >= 2, got 321');
    expect(() => y4mHeader(320, 240, { fps: 29.97 })).toThrow('y4m: fps: expected a positive integer, got 29.97');
    expect(() => y4mFrame({ data: new Uint8Array(10), width: 2, height: 2 })).toThrow('expected 16 bytes (2x2 RGBA), got 10');
  });

  it('writes FRAME, then Y at full size and U, V at half size, in limited range', () => {
    const frame = y4mFrame(flat(4, 2, [0, 0, 0]));
    expect(text(frame.subarray(0, 6))).toBe('FRAME\n');
    expect(frame.length).toBe(6 + 8 + 2 + 2);
    expect([...frame.subarray(6)]).toEqual([16, 16, 16, 16, 16, 16, 16, 16, 128, 128, 128, 128]);
    const white = y4mFrame(flat(2, 2, [255, 255, 255]));
    expect([...white.subarray(6)]).toEqual([235, 235, 235, 235, 128, 128]);
  });

  it('converts colour with BT.601: Y is the luma, red has high V, blue high U', () => {
    const red = y4mFrame(flat(2, 2, [255, 0, 0]));
    expect(red[6]).toBe(Math.round(16 + 219 * 0.299));
    expect(red[10]).toBeLessThan(128); // U
    expect(red[11]).toBe(240); // V at its maximum
    const blue = y4mFrame(flat(2, 2, [0, 0, 255]));
    expect(blue[10]).toBe(240);
  });

  it('averages each 2x2 block for chroma', () => {
    const image = flat(2, 2, [128, 128, 128]);
    image.data.set([255, 0, 0, 255], 0); // one red pixel of four
    const frame = y4mFrame(image);
    const v = frame[11]!;
    expect(v).toBe(Math.round(128 + 224 * (0.5 * (255 + 3 * 128) / (4 * 255) - 0.418688 * (3 * 128) / (4 * 255) - 0.081312 * (3 * 128) / (4 * 255))));
  });

  it('joins the header and frames into one clip, all frames one size', () => {
    const clip = encodeY4m([flat(2, 2, [0, 0, 0]), flat(2, 2, [255, 255, 255])], { fps: 10 });
    const header = 'YUV4MPEG2 W2 H2 F10:1 Ip A1:1 C420jpeg\n';
    expect(clip.length).toBe(header.length + 2 * (6 + 6));
    expect(text(clip.subarray(0, header.length))).toBe(header);
    expect(text(clip.subarray(header.length + 12, header.length + 18))).toBe('FRAME\n');
    expect(() => encodeY4m([flat(2, 2, [0, 0, 0]), flat(4, 2, [0, 0, 0])])).toThrow('y4m: frames[1] is 4x2, frames[0] is 2x2');
    expect(() => encodeY4m([])).toThrow('y4m: expected at least one frame');
  });
});
