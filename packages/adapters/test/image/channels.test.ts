import { describe, expect, it } from 'vitest';
import { fitImage } from '../../src/index.js';
import { close, f32, randomBytes, u8 } from './helpers.js';

const luma = (r: number, g: number, b: number) => (0.299 * r + 0.587 * g + 0.114 * b) / 255;

describe('image channels', () => {
  it('turns RGB into gray by BT.601 luma', () => {
    const x = fitImage({ width: 4, height: 1 }).encode([u8(4, 1, [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30])]);
    close(x, [0.299, 0.587, 0.114, luma(10, 20, 30)]);
  });

  it('ignores alpha: RGBA and gray + alpha encode as their colour, whatever the opacity', () => {
    const gray = fitImage({ width: 2, height: 1 });
    close(gray.encode([u8(2, 1, [10, 20, 30, 0, 10, 20, 30, 255])]), [luma(10, 20, 30), luma(10, 20, 30)]);
    close(gray.encode([u8(2, 1, [80, 0, 80, 255])]), [80 / 255, 80 / 255]);
    const rgb = fitImage({ width: 1, height: 1, channels: 3 });
    close(rgb.encode([u8(1, 1, [51, 102, 153, 7])]), [0.2, 0.4, 0.6]);
  });

  it('copies gray into R, G and B', () => {
    const x = fitImage({ width: 2, height: 1, channels: 3 }).encode([u8(2, 1, [51, 204])]);
    close(x, [0.2, 0.8, 0.2, 0.8, 0.2, 0.8]);
    // Also when resizing: the gray plane is resized once and copied.
    const y = fitImage({ width: 4, height: 1, channels: 3 }).encode([u8(2, 1, [51, 204])]);
    const plane = Array.from(y.subarray(0, 4));
    close(y, [...plane, ...plane, ...plane]);
    close(plane, [0.2, 0.35, 0.65, 0.8]);
  });

  it('tells the channels from data.length when they are not given', () => {
    const adapter = fitImage({ width: 1, height: 1, channels: 3 });
    close(adapter.encode([u8(1, 1, [51])]), [0.2, 0.2, 0.2]);
    close(adapter.encode([u8(1, 1, [51, 9])]), [0.2, 0.2, 0.2]);
    close(adapter.encode([u8(1, 1, [51, 102, 153])]), [0.2, 0.4, 0.6]);
    close(adapter.encode([u8(1, 1, [51, 102, 153, 9])]), [0.2, 0.4, 0.6]);
    // An ImageData: Uint8ClampedArray RGBA, no channels field.
    const imageData = { data: Uint8ClampedArray.from([51, 102, 153, 255, 0, 0, 0, 0]), width: 2, height: 1, colorSpace: 'srgb' };
    close(fitImage({ width: 2, height: 1, channels: 3 }).encode([imageData]), [0.2, 0, 0.4, 0, 0.6, 0]);
  });

  it('reads data by the channels given, when given', () => {
    // 12 values for 2x2 pixels would be inferred as RGB; channels says so explicitly too.
    const v = [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255];
    close(fitImage({ width: 2, height: 2 }).encode([u8(2, 2, v, 3)]), [0.299, 0.587, 0.114, 1]);
    // 8 values for 2x2: gray + alpha, the alpha ignored.
    close(fitImage({ width: 2, height: 2 }).encode([u8(2, 2, [0, 1, 51, 1, 102, 1, 255, 1], 2)]), [0, 0.2, 0.4, 1]);
  });

  it('lays out NCHW: image, channel, row, column', () => {
    const adapter = fitImage({ width: 2, height: 2, channels: 3 });
    expect(adapter.width).toBe(12);
    expect(adapter.shape).toEqual([3, 2, 2]);
    // Pixel (x, y) of image n has R = 10n + 2y + x, G = R + 100, B = R + 200 (over 255).
    const image = (n: number) =>
      u8(2, 2, [0, 1, 2, 3].flatMap((p) => [10 * n + p, 10 * n + p + 100, 10 * n + p + 200]));
    const x = adapter.encode([image(0), image(1)]);
    const expected: number[] = [];
    for (let n = 0; n < 2; n++) for (let c = 0; c < 3; c++) for (let p = 0; p < 4; p++) expected.push((10 * n + p + 100 * c) / 255);
    close(x, expected);
  });

  it('encodes a batch of images of different sizes and kinds, each as on its own', () => {
    const adapter = fitImage({ width: 3, height: 2, channels: 3 });
    const images = [
      { data: randomBytes(5 * 4 * 4, 1), width: 5, height: 4 },
      { data: randomBytes(2 * 2, 2), width: 2, height: 2 },
      f32(3, 2, Array.from(randomBytes(18, 3), (b) => b / 255)),
    ];
    const all = adapter.encode(images);
    expect(all.length).toBe(3 * adapter.width);
    images.forEach((image, i) => expect(all.subarray(i * 18, (i + 1) * 18)).toEqual(adapter.encode([image])));
    expect(adapter.encode([])).toEqual(new Float32Array(0));
  });

  it('encodeInto writes one image at an offset and leaves the rest alone', () => {
    const adapter = fitImage({ width: 2, height: 1 });
    const out = new Float32Array(5).fill(-1);
    adapter.encodeInto(u8(4, 1, [0, 102, 255, 255]), out, 2);
    close(out, [-1, -1, 0.2, 1, -1]);
    // Frames streamed into the same buffer.
    const frames = [u8(2, 1, [51, 51]), u8(2, 1, [102, 102]), u8(2, 1, [153, 153])];
    const stream = new Float32Array(6);
    frames.forEach((f, i) => adapter.encodeInto(f, stream, i * adapter.width));
    expect(stream).toEqual(adapter.encode(frames));
  });
});
