import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdapterInputError, fitImage } from '../../src/index.js';
import { ImageDecodeError, decodeImage, encodePng, listImageFiles, readImage } from '../../src/node/index.js';
import { randomBytes } from './helpers.js';

let dir: string;

/** The rejection of `promise`, checked to be an `AdapterInputError`. */
async function rejection(promise: Promise<unknown>): Promise<AdapterInputError> {
  const e = await promise.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(AdapterInputError);
  return e as AdapterInputError;
}

const rgb = { data: randomBytes(6 * 5 * 3, 11), width: 6, height: 5, channels: 3 as const };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'novae-images-'));
  const images = join(dir, 'images');
  mkdirSync(images);
  writeFileSync(join(images, 'b.PNG'), encodePng(rgb));
  const rgba = new Uint8Array(8 * 8 * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 7) % 256));
  writeFileSync(join(images, 'a.jpg'), jpeg.encode({ width: 8, height: 8, data: rgba }, 90).data);
  writeFileSync(join(images, 'c.jpeg'), jpeg.encode({ width: 4, height: 2, data: rgba.subarray(0, 32) }, 90).data);
  writeFileSync(join(images, 'notes.txt'), 'not an image');
  mkdirSync(join(images, 'd.png')); // a folder named like an image
  mkdirSync(join(images, 'sub'));
  writeFileSync(join(images, 'sub', 'e.png'), encodePng(rgb)); // not directly in the folder
  symlinkSync(join(images, 'b.PNG'), join(images, 'link.png'));
  mkdirSync(join(dir, 'empty'));
  mkdirSync(join(dir, 'text'));
  writeFileSync(join(dir, 'text', 'readme.md'), '# hi');
  writeFileSync(join(dir, 'text', 'fake.png'), 'hello, world\n');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('listImageFiles', () => {
  it('lists the PNG and JPEG files directly in a folder (any case, links too), sorted by name', async () => {
    const images = join(dir, 'images');
    expect(await listImageFiles(images)).toEqual(['a.jpg', 'b.PNG', 'c.jpeg', 'link.png'].map((n) => join(images, n)));
  });

  it('names a missing folder, a file that is not one, and one without images', async () => {
    const missing = join(dir, 'nope');
    expect((await rejection(listImageFiles(missing))).message).toBe(`${missing}: no such folder (expected a folder of .png or .jpg images)`);
    const file = join(dir, 'images', 'notes.txt');
    expect((await rejection(listImageFiles(file))).message).toBe(`${file}: not a folder (expected a folder of .png or .jpg images)`);
    const empty = join(dir, 'empty');
    expect((await rejection(listImageFiles(empty))).message).toBe(`${empty}: no .png, .jpg or .jpeg files in this folder (it is empty)`);
    const sub = join(dir, 'images', 'sub', '..', 'sub');
    expect(await listImageFiles(sub)).toEqual([join(sub, 'e.png')]);
    const sparse = mkdtempSync(join(dir, 'sparse-'));
    writeFileSync(join(sparse, 'data.csv'), 'a\n1\n');
    expect((await rejection(listImageFiles(sparse))).message).toBe(`${sparse}: no .png, .jpg or .jpeg files in this folder (it holds 1 other entry)`);
  });
});

describe('readImage', () => {
  it('reads and decodes a file, so that encoding it equals decoding its bytes by hand', async () => {
    const adapter = fitImage({ width: 4, height: 3, channels: 3 });
    const files = await listImageFiles(join(dir, 'images'));
    const read = await Promise.all(files.map(readImage));
    const byHand = files.map((f) => decodeImage(readFileSync(f), f));
    expect(adapter.encode(read)).toEqual(adapter.encode(byHand));
    // The PNG is lossless: it encodes exactly like the pixels it was written from.
    const png = read[1]!;
    expect(png.channels).toBe(4);
    expect(adapter.encode([png])).toEqual(adapter.encode([rgb]));
  });

  it('names a file it cannot read or decode', async () => {
    const missing = join(dir, 'images', 'missing.png');
    const e = await rejection(readImage(missing));
    expect(e).toBeInstanceOf(ImageDecodeError);
    expect(e.message).toBe(`${missing}: cannot read the file: no such file`);
    const folder = join(dir, 'images', 'd.png');
    expect((await rejection(readImage(folder))).message).toBe(`${folder}: cannot read the file: a folder, not a file`);
    const fake = join(dir, 'text', 'fake.png');
    expect((await rejection(readImage(fake))).message).toBe(`${fake}: not a PNG or JPEG file (starts with 68 65 6c 6c 6f 2c 20 77 "hello, w")`);
  });
});

describe('package layout', () => {
  const src = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');

  it('keeps the core entry free of dependencies: only the node/ folder imports packages', () => {
    const offenders: string[] = [];
    const walk = (folder: string): void => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) {
          if (path !== join(src, 'node')) walk(path);
        } else if (entry.name.endsWith('.ts')) {
          for (const m of readFileSync(path, 'utf8').matchAll(/\bfrom\s+'([^']+)'|\bimport\(\s*'([^']+)'/g)) {
            const spec = m[1] ?? m[2]!;
            if (!spec.startsWith('.')) offenders.push(`${path}: ${spec}`);
          }
        }
      }
    };
    walk(src);
    expect(offenders).toEqual([]);
  });

  it('exports ./node with types first', () => {
    const pkg = JSON.parse(readFileSync(join(src, '..', 'package.json'), 'utf8'));
    expect(Object.keys(pkg.exports['./node'])).toEqual(['types', 'default']);
    expect(pkg.exports['./node'].default).toBe('./dist/node/index.js');
  });
});
