import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDataset } from '../src/dataset.js';
import { DEFECT_KINDS } from '../src/defects.js';
import { decodePng, encodePng, writeDataset } from '../src/write-images.js';

describe('makeDataset', () => {
  const options = { material: 'metal', clean: 6, defective: 8, seed: 3 } as const;

  it('has parallel labels, masks and kinds, defects spread evenly over the kinds', () => {
    const ds = makeDataset(options);
    expect(ds.images).toHaveLength(14);
    expect(ds.labels.filter((l) => l === 1)).toHaveLength(8);
    ds.labels.forEach((label, i) => {
      expect(ds.masks[i] === null).toBe(label === 0);
      expect(ds.kinds[i] === null).toBe(label === 0);
      if (label === 1) expect(ds.masks[i]!.some((v) => v === 1)).toBe(true);
    });
    for (const kind of DEFECT_KINDS) expect(ds.kinds.filter((k) => k === kind)).toHaveLength(2);
    // Shuffled: the clean images are not all first.
    expect(ds.labels.slice(0, 6)).not.toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('is the same for the same options; another seed shares no image', () => {
    expect(makeDataset(options)).toEqual(makeDataset(options));
    const other = makeDataset({ ...options, seed: 4 });
    const bytes = new Set(makeDataset(options).images.map((im) => Buffer.from(im.data).toString('base64')));
    for (const im of other.images) expect(bytes.has(Buffer.from(im.data).toString('base64'))).toBe(false);
  });

  it('makes training sets of clean images only, and injects only the kinds asked for', () => {
    const train = makeDataset({ material: 'wood', clean: 5, defective: 0, seed: 1 });
    expect(train.labels).toEqual([0, 0, 0, 0, 0]);
    expect(train.masks.every((m) => m === null)).toBe(true);
    const holes = makeDataset({ material: 'fabric', clean: 0, defective: 3, seed: 1, kinds: ['hole'] });
    expect(holes.kinds).toEqual(['hole', 'hole', 'hole']);
  });

  it('names a bad option', () => {
    expect(() => makeDataset({ ...options, clean: -1 })).toThrow('clean: expected a whole number >= 0, got -1');
    expect(() => makeDataset({ ...options, defective: 1.5 })).toThrow('defective: expected a whole number >= 0, got 1.5');
    expect(() => makeDataset({ ...options, material: 'glass' as never })).toThrow("material: expected one of fabric, metal, wood, got 'glass'");
    expect(() => makeDataset({ ...options, kinds: ['dent' as never] })).toThrow("kinds: expected only scratch, spot, hole, stain, got 'dent'");
    expect(() => makeDataset({ ...options, kinds: [] })).toThrow('kinds: expected at least one defect kind when defective > 0');
  });
});

describe('writeDataset', () => {
  const dir = mkdtempSync(join(tmpdir(), 'novae-defects-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes <index>-<clean|kind>.png files that decode to the same pixels', () => {
    const ds = makeDataset({ material: 'fabric', clean: 7, defective: 5, seed: 9 });
    const paths = writeDataset(ds, join(dir, 'test'));
    const names = readdirSync(join(dir, 'test')).sort();
    expect(names).toHaveLength(12);
    names.forEach((name, i) => {
      expect(name).toBe(`${String(i).padStart(2, '0')}-${ds.kinds[i] ?? 'clean'}.png`);
      const image = decodePng(readFileSync(paths[i]!));
      expect([image.width, image.height]).toEqual([64, 64]);
      expect(image.data).toEqual(ds.images[i]!.data);
    });
  });

  it('round-trips one image through PNG bytes', () => {
    const image = makeDataset({ material: 'wood', clean: 1, defective: 0, seed: 2 }).images[0]!;
    expect(decodePng(encodePng(image)).data).toEqual(image.data);
  });
});
