import { describe, expect, it } from 'vitest';
import { grayscale, meanColour } from '../src/image.js';
import { MATERIALS, makeTexture } from '../src/textures.js';

describe.each(MATERIALS)('%s textures', (material) => {
  it('are 64x64 opaque RGBA', () => {
    const image = makeTexture(material, 1);
    expect([image.width, image.height, image.data.length]).toEqual([64, 64, 64 * 64 * 4]);
    expect(image.data).toBeInstanceOf(Uint8ClampedArray);
    for (let i = 3; i < image.data.length; i += 4) expect(image.data[i]).toBe(255);
  });

  it('are the same bytes for the same seed and differ for another seed', () => {
    expect(makeTexture(material, 42).data).toEqual(makeTexture(material, 42).data);
    const a = makeTexture(material, 42).data;
    const b = makeTexture(material, 43).data;
    let differing = 0;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differing++;
    expect(differing).toBeGreaterThan(a.length / 2);
  });

  it('have texture (not flat, not saturated) and vary from image to image', () => {
    const means: number[] = [];
    for (let seed = 0; seed < 20; seed++) {
      const gray = grayscale(makeTexture(material, seed));
      const mean = gray.reduce((s, v) => s + v, 0) / gray.length;
      const sd = Math.sqrt(gray.reduce((s, v) => s + (v - mean) ** 2, 0) / gray.length);
      expect(mean).toBeGreaterThan(0.3);
      expect(mean).toBeLessThan(0.8);
      expect(sd).toBeGreaterThan(0.03);
      expect(sd).toBeLessThan(0.2);
      means.push(mean);
    }
    expect(Math.max(...means) - Math.min(...means)).toBeGreaterThan(0.03);
  });
});

describe('material colours', () => {
  it('fabric is bluish, metal grey, wood brown', () => {
    const [fr, , fb] = meanColour(makeTexture('fabric', 5));
    expect(fb).toBeGreaterThan(fr * 1.1);
    const [mr, mg, mb] = meanColour(makeTexture('metal', 5));
    expect(Math.max(mr, mg, mb) - Math.min(mr, mg, mb)).toBeLessThan(0.05);
    const [wr, wg, wb] = meanColour(makeTexture('wood', 5));
    expect(wr).toBeGreaterThan(wg);
    expect(wg).toBeGreaterThan(wb * 1.3);
  });

  it('names an unknown material', () => {
    expect(() => makeTexture('glass' as never, 1)).toThrow("material: expected one of fabric, metal, wood, got 'glass'");
  });
});
