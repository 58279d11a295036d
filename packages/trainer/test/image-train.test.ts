/**
 * train() on images: the MLP VAE (the image default) and the convolutional VAE, exported with
 * [C, H, W] inputs; the runtime's scores and per-pixel maps equal the trainer's own within 1e-4;
 * anomalous images score higher and their maps light up where the anomaly is.
 */
import { loadDetector } from '@novae/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { train, TrainInputError, type TrainedModel } from '../src/index.js';
import type { ImageAdapter } from '@novae/adapters';
import { resolveOptions } from '../src/options.js';
import { relativeDifference, sumDifference } from '../src/verify-export.js';
import { discImages } from './image-data.js';
import { normalRecords } from './data.js';

const SIZE = 16;
const adapter = { kind: 'image', width: SIZE, height: SIZE, channels: 1 } as const;
const models: Record<'conv' | 'mlp', TrainedModel<ImageAdapter>> = {} as never;

beforeAll(async () => {
  const images = discImages(120, 1, SIZE);
  models.conv = await train(images, { adapter, architecture: 'conv', epochs: 25, seed: 3 });
  models.mlp = await train(images, { adapter, epochs: 25, seed: 3 }); // the default architecture
});

afterAll(async () => {
  await models.conv?.dispose();
  await models.mlp?.dispose();
});

describe.each(['conv', 'mlp'] as const)('train() on images: %s', (architecture) => {
  it('writes an image manifest: [C, H, W] input, Gaussian likelihood, overlay scale', () => {
    const { manifest } = models[architecture];
    expect(manifest.adapter).toMatchObject({ kind: 'image', size: { width: SIZE, height: SIZE }, channels: 1 });
    expect(manifest.model.architecture).toBe(architecture);
    expect(manifest.model.inputShape).toEqual([1, SIZE, SIZE]);
    expect(manifest.model.likelihood).toBe('gaussian');
    expect(manifest.score).toEqual({ default: 'elbo', samples: 1 });
    expect(manifest.calibration.featureBaseline).toHaveLength(SIZE * SIZE);
    expect(manifest.calibration.mapScale).toBeGreaterThan(0);
    if (architecture === 'conv') expect(manifest.model.channels).toEqual([8, 16]);
  });

  it('the runtime reproduces the trainer: score, kl and every pixel of feature_nll within 1e-4', async () => {
    const model = models[architecture];
    const { encoded, rows, scores } = model.heldOut;
    const detector = await loadDetector(model.bytes);
    try {
      const r = await detector.scoreEncoded(encoded, rows);
      let worst = 0;
      for (let i = 0; i < rows; i++) {
        let magnitude = Math.abs(scores.kl[i]!);
        for (let f = i * SIZE * SIZE; f < (i + 1) * SIZE * SIZE; f++) magnitude += Math.abs(scores.featureNll[f]!);
        worst = Math.max(worst, sumDifference(r.scores[i]!, scores.score[i]!, magnitude), relativeDifference(r.kl[i]!, scores.kl[i]!));
      }
      for (let f = 0; f < rows * SIZE * SIZE; f++) worst = Math.max(worst, relativeDifference(r.featureScores[f]!, scores.featureNll[f]!));
      expect(worst).toBeLessThan(1e-4);
      expect(r.recon).toHaveLength(rows * SIZE * SIZE);
    } finally {
      await detector.dispose();
    }
  });

  it('scores raw images as the adapter encodes them; barred images score higher and light up at the bar', async () => {
    const model = models[architecture];
    const normal = await model.score(discImages(40, 7, SIZE));
    const barred = await model.score(discImages(40, 7, SIZE, true));
    const mean = (a: Float32Array): number => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(barred.scores)).toBeGreaterThan(mean(normal.scores) + 10);
    const flagged = barred.isAnomaly.filter(Boolean).length;
    expect(flagged).toBeGreaterThan(30);
    // The bar is row SIZE/4: its pixels carry far more than their share of the map's positive excess.
    const map = barred.anomalyMap(0);
    expect(map).toHaveLength(SIZE * SIZE);
    let onBar = 0;
    let total = 0;
    map.forEach((v, p) => {
      total += Math.max(0, v);
      if (Math.floor(p / SIZE) === SIZE / 4) onBar += Math.max(0, v);
    });
    // One row of 16 holds over a quarter of the excess (4x its share of the pixels).
    expect(onBar / total).toBeGreaterThan(0.25);
    expect(barred.explain(0, 3).columns[0]!.column).toMatch(new RegExp(`^\\d+,${SIZE / 4}$`));
    const overlay = barred.overlay(0);
    expect([overlay.width, overlay.height, overlay.data.length]).toEqual([SIZE, SIZE, SIZE * SIZE * 4]);
  });
});

describe('train() on images: options', () => {
  it('a conv model takes dense layers before its latent from `hidden`, and exports them', async () => {
    const model = await train(discImages(30, 4, SIZE), { adapter, architecture: 'conv', hidden: [24], epochs: 2, seed: 1 });
    try {
      expect(model.manifest.model).toMatchObject({ architecture: 'conv', hidden: [24], channels: [8, 16] });
      expect(model.exportCheck.maxRelativeDifference).toBeLessThan(1e-4);
    } finally {
      await model.dispose();
    }
  });
});

describe('image defaults', () => {
  it('an MLP up to 64x64 grayscale, a conv VAE above; 10 % held out; no early stop before epoch 20', () => {
    expect(resolveOptions({}, 28 * 28, 500, 'image')).toMatchObject({ architecture: 'mlp', hidden: [392], validationSplit: 0.1, minEpochs: 20 });
    expect(resolveOptions({}, 64 * 64, 500, 'image').architecture).toBe('mlp');
    expect(resolveOptions({}, 3 * 64 * 64, 500, 'image')).toMatchObject({ architecture: 'conv', channels: [8, 16, 32], convHidden: [] });
    expect(resolveOptions({ architecture: 'mlp' }, 3 * 64 * 64, 500, 'image').architecture).toBe('mlp');
    expect(resolveOptions({}, 3 * 64 * 64, 500, 'tabular')).toMatchObject({ architecture: 'mlp', validationSplit: 0.2, minEpochs: 0 });
  });
});

describe('train() on images: bad input', () => {
  it('names the image that cannot be encoded', async () => {
    const images = discImages(20, 2, SIZE);
    images[5] = { data: new Uint8ClampedArray(10), width: SIZE, height: SIZE };
    await expect(train(images, { adapter, epochs: 1 })).rejects.toThrow(/images\[5\]/);
  });

  it('refuses a conv model for tabular data and a conv ensemble', async () => {
    await expect(train(normalRecords(50, 1), { architecture: 'conv', epochs: 1 })).rejects.toThrow(TrainInputError);
    await expect(train(discImages(20, 2, SIZE), { adapter, architecture: 'conv', ensemble: [{}, {}], epochs: 1 })).rejects.toThrow(/ensemble: conv models have one member/);
  });

  it('the score of an image model rejects records', async () => {
    await expect(models.conv.score([{ x: 1 } as never])).rejects.toThrow(/images\[0\]/);
  });
});
