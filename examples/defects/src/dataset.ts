/**
 * Labelled datasets of one material: clean textures and textures with one injected defect each.
 * Every image and defect is seeded from (dataset seed, index), so the same options give the same
 * bytes and a training set (clean only) and a test set made with different seeds share no image.
 */
import { DEFECT_KINDS, injectDefect, type DefectKind } from './defects.js';
import type { ImageLike } from './image.js';
import { mixSeed, mulberry32 } from './noise.js';
import { MATERIALS, makeTexture, type Material } from './textures.js';

export interface DatasetOptions {
  material: Material;
  /** Images without a defect. */
  clean: number;
  /** Images with one defect each, spread evenly over `kinds`. */
  defective: number;
  seed: number;
  /** Defect kinds to inject. Default: all of `DEFECT_KINDS`. */
  kinds?: readonly DefectKind[];
}

/** Parallel arrays, one entry per image, clean and defective images shuffled together. */
export interface Dataset {
  images: ImageLike[];
  /** 1 = defective. */
  labels: number[];
  /** The defect's pixels (64*64, 1 = defect); null for clean images. */
  masks: (Uint8Array | null)[];
  kinds: (DefectKind | null)[];
}

function checkCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name}: expected a whole number >= 0, got ${value}`);
}

export function makeDataset(options: DatasetOptions): Dataset {
  const { material, clean, defective, seed } = options;
  const kinds = options.kinds ?? DEFECT_KINDS;
  if (!MATERIALS.includes(material)) throw new RangeError(`material: expected one of ${MATERIALS.join(', ')}, got '${String(material)}'`);
  checkCount('clean', clean);
  checkCount('defective', defective);
  if (!Number.isInteger(seed)) throw new RangeError(`seed: expected an integer, got ${seed}`);
  for (const k of kinds) if (!DEFECT_KINDS.includes(k)) throw new RangeError(`kinds: expected only ${DEFECT_KINDS.join(', ')}, got '${String(k)}'`);
  if (defective > 0 && kinds.length === 0) throw new RangeError('kinds: expected at least one defect kind when defective > 0');

  // Which slot gets which kind (round robin over kinds), then a seeded shuffle of all slots.
  const plan: (DefectKind | null)[] = [];
  for (let i = 0; i < clean; i++) plan.push(null);
  for (let i = 0; i < defective; i++) plan.push(kinds[i % kinds.length]!);
  const rand = mulberry32(mixSeed(seed, 0xda7a));
  for (let i = plan.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [plan[i], plan[j]] = [plan[j]!, plan[i]!];
  }

  const salt = MATERIALS.indexOf(material); // fabric, metal and wood sets of one seed differ in layout too
  const out: Dataset = { images: [], labels: [], masks: [], kinds: [] };
  plan.forEach((kind, index) => {
    const texture = makeTexture(material, mixSeed(seed, salt, index, 1));
    if (kind === null) {
      out.images.push(texture);
      out.masks.push(null);
    } else {
      const defect = injectDefect(texture, kind, mixSeed(seed, salt, index, 2));
      out.images.push(defect.image);
      out.masks.push(defect.mask);
    }
    out.labels.push(kind === null ? 0 : 1);
    out.kinds.push(kind);
  });
  return out;
}
