/**
 * Contact sheets to look at: per material, a 4x4 grid (top two rows clean, bottom two rows two of
 * each defect kind, in DEFECT_KINDS order), scaled up 3x, as `<out>/<material>.png`, and the same grid with
 * each defect mask tinted red as `<out>/<material>-masks.png`.
 *
 *   npm run preview -w examples/defects -- [--out DIR] [--seed N]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { DEFECT_KINDS } from './defects.js';
import { makeDataset, type Dataset } from './dataset.js';
import type { ImageLike } from './image.js';
import { MATERIALS } from './textures.js';
import { encodePng } from './write-images.js';

const GRID = 4;
const SCALE = 3;
const GAP = 4;

/** The 16 tiles: 8 clean, then two of each kind. */
function sheetSamples(dataset: Dataset): number[] {
  const clean = dataset.labels.flatMap((l, i) => (l === 0 ? [i] : [])).slice(0, 8);
  const defective = DEFECT_KINDS.flatMap((k) => dataset.kinds.flatMap((kind, i) => (kind === k ? [i] : [])).slice(0, 2));
  return [...clean, ...defective];
}

/** A grid of the images at `indices`, scaled by SCALE, on a white background; mask pixels tinted when `showMasks`. */
function contactSheet(dataset: Dataset, indices: number[], showMasks: boolean): ImageLike {
  const tile = 64 * SCALE;
  const side = GRID * tile + (GRID + 1) * GAP;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  indices.forEach((index, n) => {
    const image = dataset.images[index]!;
    const mask = dataset.masks[index];
    const ox = GAP + (n % GRID) * (tile + GAP);
    const oy = GAP + Math.floor(n / GRID) * (tile + GAP);
    for (let y = 0; y < tile; y++) {
      for (let x = 0; x < tile; x++) {
        const src = Math.floor(y / SCALE) * image.width + Math.floor(x / SCALE);
        const dst = ((oy + y) * side + ox + x) * 4;
        const red = showMasks && mask?.[src] === 1;
        data[dst] = red ? 255 : image.data[src * 4]!;
        data[dst + 1] = red ? image.data[src * 4 + 1]! * 0.3 : image.data[src * 4 + 1]!;
        data[dst + 2] = red ? image.data[src * 4 + 2]! * 0.3 : image.data[src * 4 + 2]!;
        data[dst + 3] = 255;
      }
    }
  });
  return { data, width: side, height: side };
}

/** Write both sheets of every material into `outDir`; returns the paths written. */
export function writePreviews(outDir: string, seed: number): string[] {
  mkdirSync(outDir, { recursive: true });
  const paths: string[] = [];
  for (const material of MATERIALS) {
    const dataset = makeDataset({ material, clean: 8, defective: 2 * DEFECT_KINDS.length, seed });
    const indices = sheetSamples(dataset);
    for (const showMasks of [false, true]) {
      const path = join(outDir, `${material}${showMasks ? '-masks' : ''}.png`);
      writeFileSync(path, encodePng(contactSheet(dataset, indices, showMasks)));
      paths.push(path);
    }
  }
  return paths;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: 'string' }, seed: { type: 'string' } }, strict: true });
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed)) throw new RangeError(`--seed: expected an integer, got '${values.seed}'`);
  const outDir = resolve(values.out ?? join(fileURLToPath(new URL('..', import.meta.url)), 'preview'));
  for (const path of writePreviews(outDir, seed)) console.log(path);
}
