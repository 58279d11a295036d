/**
 * The defect-detection run: train a VAE (novae's image defaults) on clean images of one material, score a
 * mixed set, and measure how well the scores find the defective images (ROC-AUC) and how well the
 * anomaly maps find the defect inside them (pixel hit rate, per-pixel ROC-AUC). Writes the model and
 * a heat-map PNG per test image.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodePng } from '@novae/adapters/node';
import { rocAuc, train, type EpochProgress } from '@novae/trainer';
import { makeDataset } from './dataset.js';
import { DEFECT_KINDS, type DefectKind } from './defects.js';
import { pixelAuroc, pixelHitRate } from './metrics.js';
import type { Material } from './textures.js';

export interface DemoOptions {
  material: Material;
  /** Clean training images. */
  train: number;
  /** Clean and defective test images. */
  testClean: number;
  testDefective: number;
  /** Training epochs at most (default: the trainer's). */
  epochs?: number;
  /** The VAE's layers (default: the trainer's image default, `'mlp'`). */
  architecture?: 'mlp' | 'conv';
  seed: number;
  /** Folder for the model and the heat maps (none written when absent). */
  out?: string;
  onProgress?: (p: EpochProgress) => void;
}

export interface DemoResult {
  rocAuc: number;
  pixelHitRate: number;
  pixelAuroc: number;
  /** Share of each defect kind's images flagged by the calibrated threshold, and of clean ones. */
  flagged: Record<DefectKind | 'clean', number>;
  trainSeconds: number;
  epochs: number;
  modelBytes: number;
  files: string[];
}

/** Enlarge RGBA pixels by a whole factor (nearest neighbour) so a 64x64 map is easy to see. */
function enlarge(image: { data: Uint8ClampedArray; width: number; height: number }, factor: number) {
  const width = image.width * factor;
  const data = new Uint8ClampedArray(width * image.height * factor * 4);
  for (let y = 0; y < image.height * factor; y++) {
    for (let x = 0; x < width; x++) {
      const from = (Math.floor(y / factor) * image.width + Math.floor(x / factor)) * 4;
      data.set(image.data.subarray(from, from + 4), (y * width + x) * 4);
    }
  }
  return { data, width, height: image.height * factor, channels: 4 as const };
}

export async function runDefectsDemo(options: DemoOptions): Promise<DemoResult> {
  const clean = makeDataset({ material: options.material, clean: options.train, defective: 0, seed: options.seed });
  const test = makeDataset({
    material: options.material, clean: options.testClean, defective: options.testDefective, seed: options.seed + 1000,
  });
  const started = performance.now();
  const model = await train(clean.images, {
    adapter: { kind: 'image', width: 64, height: 64, channels: 1 },
    epochs: options.epochs, seed: options.seed, onProgress: options.onProgress,
    ...(options.architecture === undefined ? {} : { architecture: options.architecture }),
  });
  const trainSeconds = (performance.now() - started) / 1000;
  try {
    const result = await model.score(test.images);
    const maps = test.images.map((_, i) => result.anomalyMap(i));
    const flagged = {} as Record<DefectKind | 'clean', number>;
    for (const kind of [...DEFECT_KINDS, 'clean'] as const) {
      const rows = test.kinds.map((k, i) => ((k ?? 'clean') === kind ? i : -1)).filter((i) => i >= 0);
      flagged[kind] = rows.filter((i) => result.isAnomaly[i]).length / Math.max(1, rows.length);
    }
    const files: string[] = [];
    if (options.out !== undefined) {
      mkdirSync(join(options.out, 'maps'), { recursive: true });
      const modelFile = join(options.out, `defects-${options.material}.onnx`);
      await model.save(modelFile);
      files.push(modelFile);
      test.images.forEach((_, i) => {
        const file = join(options.out!, 'maps', `${String(i).padStart(3, '0')}-${test.kinds[i] ?? 'clean'}.png`);
        writeFileSync(file, encodePng(enlarge(result.overlay(i), 4)));
        files.push(file);
      });
    }
    return {
      rocAuc: rocAuc(result.scores, test.labels),
      pixelHitRate: pixelHitRate(maps, test.masks, test.labels),
      pixelAuroc: pixelAuroc(maps, test.masks),
      flagged, trainSeconds, epochs: model.manifest.training.epochs, modelBytes: model.bytes.length, files,
    };
  } finally {
    await model.dispose();
  }
}
