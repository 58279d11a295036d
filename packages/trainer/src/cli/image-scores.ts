/**
 * `novae score` for an image model: every image of a folder, in name order and in chunks (so a large
 * folder never sits in memory at once), one CSV line per image with its `file` first, and with
 * `--maps <dir>` one heat-map PNG per image: the anomaly map over the image as the model saw it.
 */
import { mkdir } from 'node:fs/promises';
import { join, parse } from 'node:path';
import { encodePng, type ImageLike } from '@novae/adapters/node';
import type { Detector, OverlayImage, ScoreResult } from '@novae/runtime';
import { openImageFolder, readImages } from './image-folder.js';
import { writeFileAtomic } from './output-file.js';
import { scoresToCsv } from './score-csv.js';
import { UserError } from './user-error.js';

/** Images decoded and scored at a time. */
const CHUNK = 256;
/** Heat maps are enlarged (nearest neighbour) to at least this many pixels across. */
const MAP_MIN_WIDTH = 256;

export interface ImageScoreOptions {
  samples?: number;
  seed?: number;
  explain: boolean;
  /** Folder for the heat-map PNGs (created if missing). */
  maps?: string;
}

/** Enlarge an RGBA image by a whole factor (nearest neighbour), so small model inputs stay visible. */
function enlarge(image: OverlayImage, factor: number): ImageLike {
  if (factor <= 1) return { data: image.data, width: image.width, height: image.height, channels: 4 };
  const width = image.width * factor;
  const height = image.height * factor;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = (Math.floor(y / factor) * image.width + Math.floor(x / factor)) * 4;
      data.set(image.data.subarray(from, from + 4), (y * width + x) * 4);
    }
  }
  return { data, width, height, channels: 4 };
}

/**
 * The heat-map file name of each image: `<name>.png`, or `<name>.<ext>.png` where two images share a
 * name (`a.png` and `a.jpg`), so no map overwrites another.
 */
export function mapNames(files: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const file of files) counts.set(parse(file).name, (counts.get(parse(file).name) ?? 0) + 1);
  return files.map((file) => (counts.get(parse(file).name)! > 1 ? `${file}.png` : `${parse(file).name}.png`));
}

/** Write image `i`'s overlay as `<maps>/<name>`. */
async function writeMap(result: ScoreResult, i: number, name: string, maps: string): Promise<void> {
  const overlay = result.overlay(i);
  const factor = Math.ceil(MAP_MIN_WIDTH / overlay.width);
  await writeFileAtomic(join(maps, name), encodePng(enlarge(overlay, factor)));
}

/** Score the folder `dir` and return the CSV text (writing the maps on the way). */
export async function scoreImageFolder(detector: Detector, dir: string, options: ImageScoreOptions): Promise<string> {
  const folder = await openImageFolder(dir);
  if (options.maps !== undefined) {
    await mkdir(options.maps, { recursive: true }).catch((err: NodeJS.ErrnoException) => {
      throw new UserError(`--maps ${options.maps}: cannot create the folder (${err.code ?? err.message})`);
    });
  }
  const names = mapNames(folder.files);
  let csv = '';
  for (let start = 0; start < folder.files.length; start += CHUNK) {
    const files = folder.files.slice(start, start + CHUNK);
    const images = await readImages(folder, start, start + files.length);
    const result = await detector.score(images, { samples: options.samples, seed: options.seed });
    const text = scoresToCsv(result, {
      explain: options.explain, lead: { name: 'file', values: files }, marginal: detector.manifest.score.marginal !== undefined,
    });
    csv += start === 0 ? text : text.slice(text.indexOf('\n') + 1);
    if (options.maps !== undefined) {
      for (let i = 0; i < files.length; i++) await writeMap(result, i, names[start + i]!, options.maps);
    }
  }
  return csv;
}
