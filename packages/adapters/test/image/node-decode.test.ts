import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import { describe, expect, it } from 'vitest';
import { AdapterInputError } from '../../src/index.js';
import { ImageDecodeError, decodeImage, encodePng } from '../../src/node/index.js';
import { thrown } from '../thrown.js';
import { f32, randomBytes, u8 } from './helpers.js';
import { rawPng } from './png-chunks.js';

/** The error `decodeImage` throws, checked to be an `ImageDecodeError` for `file`. */
function decodeError(bytes: Uint8Array, file?: string): ImageDecodeError {
  const e = thrown(() => decodeImage(bytes, file));
  expect(e).toBeInstanceOf(ImageDecodeError);
  expect((e as ImageDecodeError).file).toBe(file ?? 'buffer');
  return e as ImageDecodeError;
}

/** RGBA values of a gray/RGB/gray+alpha/RGBA pixel list. */
function toRgba(values: readonly number[], channels: 1 | 2 | 3 | 4): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i += channels) {
    const p = values.slice(i, i + channels);
    if (channels === 1) out.push(p[0]!, p[0]!, p[0]!, 255);
    else if (channels === 2) out.push(p[0]!, p[0]!, p[0]!, p[1]!);
    else if (channels === 3) out.push(p[0]!, p[1]!, p[2]!, 255);
    else out.push(...p);
  }
  return out;
}

/** A smooth RGBA test picture (JPEG-friendly). */
function gradient(width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      data.set([Math.round((255 * x) / (width - 1)), Math.round((255 * y) / (height - 1)), 128, 255], i);
    }
  }
  return data;
}

describe('encodePng + decodeImage', () => {
  it.each([
    [1, 0],
    [2, 4],
    [3, 2],
    [4, 6],
  ] as const)('round-trips %i channel(s) as PNG colour type %i, decoded as RGBA', (channels, colorType) => {
    const values = Array.from(randomBytes(5 * 3 * channels, channels));
    const bytes = encodePng(u8(5, 3, values, channels));
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([bytes[24], bytes[25]]).toEqual([8, colorType]); // IHDR bit depth, colour type
    const image = decodeImage(bytes);
    expect({ width: image.width, height: image.height, channels: image.channels }).toEqual({ width: 5, height: 3, channels: 4 });
    expect(image.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(image.data)).toEqual(toRgba(values, channels));
  });

  it('writes float pixels as round(v * 255) and names bad ones', () => {
    expect(Array.from(decodeImage(encodePng(f32(2, 1, [0.2, 1]))).data)).toEqual([51, 51, 51, 255, 255, 255, 255, 255]);
    expect(thrown(() => encodePng(f32(2, 1, [0.2, 2]))).message).toBe(
      'encodePng: image.data[1]: expected a float pixel value in [0, 1] (pixel 1,0, channel 0), got 2',
    );
    expect(thrown(() => encodePng({ data: new Uint8Array(5), width: 2, height: 2 })).message).toContain('encodePng: image: cannot tell the channels');
  });
});

describe('decodeImage reads every PNG flavour', () => {
  it('scales 16-bit samples to 8 bits (gray and RGBA)', () => {
    const gray16 = Uint16Array.from([0, 257, 1000, 65535]);
    const grayBytes = pngjs.PNG.sync.write(
      { width: 2, height: 2, data: Buffer.from(gray16.buffer) } as pngjs.PNG,
      { colorType: 0, inputColorType: 0, bitDepth: 16 },
    );
    expect(grayBytes[24]).toBe(16);
    const gray = decodeImage(grayBytes);
    const scaled = Array.from(gray16, (v) => Math.round((v * 255) / 65535));
    expect(scaled).toEqual([0, 1, 4, 255]);
    expect(Array.from(gray.data)).toEqual(toRgba(scaled, 1));

    const rgba16 = Uint16Array.from([65535, 0, 32768, 65535, 0, 65535, 0, 16384]);
    const rgbaBytes = pngjs.PNG.sync.write(
      { width: 2, height: 1, data: Buffer.from(rgba16.buffer) } as pngjs.PNG,
      { colorType: 6, inputColorType: 6, bitDepth: 16 },
    );
    expect(Array.from(decodeImage(rgbaBytes).data)).toEqual(Array.from(rgba16, (v) => Math.round((v * 255) / 65535)));
  });

  it('reads palette PNGs (8-bit and 2-bit indices) with tRNS alpha', () => {
    const palette: [number, number, number][] = [[255, 0, 0], [0, 255, 0], [0, 0, 255], [10, 20, 30]];
    const eight = decodeImage(rawPng({
      width: 3, height: 2, bitDepth: 8, colorType: 3, palette, transparency: [255, 128],
      rows: [[0, 1, 2], [3, 2, 1]],
    }));
    expect(Array.from(eight.data)).toEqual([
      255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 255,
      10, 20, 30, 255, 0, 0, 255, 255, 0, 255, 0, 128,
    ]);
    // 2-bit indices 3, 2, 1, 0 packed into one byte per row of 4 pixels.
    const two = decodeImage(rawPng({ width: 4, height: 1, bitDepth: 2, colorType: 3, palette, rows: [[0b11100100]] }));
    expect(Array.from(two.data)).toEqual([10, 20, 30, 255, 0, 0, 255, 255, 0, 255, 0, 255, 255, 0, 0, 255]);
  });

  it('reads 1-bit gray', () => {
    const image = decodeImage(rawPng({ width: 8, height: 1, bitDepth: 1, colorType: 0, rows: [[0b10110000]] }));
    expect(Array.from(image.data).filter((_, i) => i % 4 === 0)).toEqual([255, 0, 255, 255, 0, 0, 0, 0]);
  });
});

describe('decodeImage reads JPEG', () => {
  it('decodes a colour JPEG to RGBA close to what was written', () => {
    const data = gradient(16, 12);
    const bytes = jpeg.encode({ width: 16, height: 12, data }, 95).data;
    const image = decodeImage(new Uint8Array(bytes), 'photo.jpg');
    expect({ width: image.width, height: image.height, channels: image.channels }).toEqual({ width: 16, height: 12, channels: 4 });
    let worst = 0;
    for (let i = 0; i < data.length; i++) worst = Math.max(worst, Math.abs(image.data[i]! - data[i]!));
    expect(worst).toBeLessThanOrEqual(12); // lossy, but close on a smooth picture
    expect(image.data[3]).toBe(255);
  });

  it('decodes a gray picture to equal R, G and B (within JPEG chroma rounding)', () => {
    const data = gradient(8, 8).map((v, i) => (i % 4 === 3 ? 255 : v));
    for (let i = 0; i < data.length; i += 4) data[i + 1] = data[i + 2] = data[i]!;
    const image = decodeImage(new Uint8Array(jpeg.encode({ width: 8, height: 8, data }, 90).data));
    for (let i = 0; i < image.data.length; i += 4) {
      expect(Math.abs(image.data[i]! - image.data[i + 1]!)).toBeLessThanOrEqual(2);
      expect(Math.abs(image.data[i]! - image.data[i + 2]!)).toBeLessThanOrEqual(2);
    }
  });
});

describe('decodeImage errors name the file and what was expected', () => {
  const png = encodePng(u8(4, 4, Array.from(randomBytes(16, 5))));
  const jpg = new Uint8Array(jpeg.encode({ width: 8, height: 8, data: gradient(8, 8) }, 90).data);

  it('rejects bytes that are neither PNG nor JPEG, showing how they start', () => {
    const e = decodeError(new TextEncoder().encode('hello, world\n'), 'notes.png');
    expect(e.message).toBe('notes.png: not a PNG or JPEG file (starts with 68 65 6c 6c 6f 2c 20 77 "hello, w")');
    expect(e).toBeInstanceOf(AdapterInputError);
    expect(decodeError(new Uint8Array(0)).message).toBe('buffer: not a PNG or JPEG file (it is empty)');
    expect(decodeError(Uint8Array.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0, 1, 2])).message).toBe(
      'buffer: not a PNG or JPEG file (starts with 47 49 46 38 39 61 00 01 "GIF89a..")',
    );
    expect(decodeError('a.png' as never, 'x').message).toBe('x: expected the file\'s bytes as a Uint8Array (or Buffer), got "a.png"');
  });

  it('reports a truncated PNG with the decoder\'s reason', () => {
    for (const cut of [8, 20, 40, png.length - 12, png.length - 1]) {
      expect(decodeError(png.subarray(0, cut), 'cut.png').message).toMatch(/^cut\.png: corrupt PNG, the data ends early \(truncated file\?\): ./);
    }
  });

  it('reports a damaged PNG with the decoder\'s reason', () => {
    const damaged = Uint8Array.from(png);
    damaged[damaged.length - 20]! ^= 0xff; // inside IDAT: the CRC no longer matches
    expect(decodeError(damaged, 'bad.png').message).toMatch(/^bad\.png: corrupt PNG: \S/);
  });

  it('reports a truncated JPEG with the decoder\'s reason', () => {
    expect(decodeError(jpg.subarray(0, jpg.length >> 1), 'cut.jpg').message).toMatch(/^cut\.jpg: corrupt JPEG: \S/);
    expect(decodeError(jpg.subarray(0, 3)).message).toMatch(/^buffer: corrupt JPEG: \S/);
  });
});
