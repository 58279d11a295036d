/**
 * The convolutional VAE in TF.js (wasm): configuration and level rule, the weights it hands to the
 * exporter, scoring through evaluate.ts, and training through fitVae with per-epoch recon and KL.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConvVae, DEFAULT_CONV_CHANNELS, resolveConvVaeConfig } from '../../src/vae/conv-vae.js';
import { scoreRows } from '../../src/vae/evaluate.js';
import { fitVae, type EpochProgress, type FitOptions } from '../../src/vae/fit.js';
import { MlpVae } from '../../src/vae/mlp-vae.js';
import type { Vae } from '../../src/vae/vae.js';
import { expectClose } from '../onnx/helpers.js';
import { randomizedConvVae, rectangleImages } from './conv-fixtures.js';

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

describe('resolveConvVaeConfig', () => {
  it('cuts the default channels to the levels the image gets', () => {
    const mnist = resolveConvVaeConfig({ inputShape: [1, 28, 28], latentDim: 8, likelihood: 'bernoulli' });
    expect(mnist).toMatchObject({ inputDim: 784, levels: 2, channels: DEFAULT_CONV_CHANNELS.slice(0, 2), hidden: [] });
    const big = resolveConvVaeConfig({ inputShape: [3, 64, 64], latentDim: 8, likelihood: 'gaussian' });
    expect(big).toMatchObject({ inputDim: 3 * 64 * 64, levels: 3, channels: [...DEFAULT_CONV_CHANNELS] });
  });

  it('takes at most as many levels as channel widths, and keeps the first width with no level', () => {
    expect(resolveConvVaeConfig({ inputShape: [1, 64, 64], latentDim: 2, likelihood: 'bernoulli', channels: [4] }))
      .toMatchObject({ levels: 1, channels: [4] });
    expect(resolveConvVaeConfig({ inputShape: [1, 9, 9], latentDim: 2, likelihood: 'bernoulli', channels: [4, 8] }))
      .toMatchObject({ levels: 0, channels: [4] });
  });

  it('names the bad field', () => {
    const base = { latentDim: 2, likelihood: 'bernoulli' } as const;
    expect(() => resolveConvVaeConfig({ ...base, inputShape: [1, 0, 8] })).toThrow(/inputShape\[1\]/);
    expect(() => resolveConvVaeConfig({ ...base, inputShape: [1, 8] as never })).toThrow(/\[C, H, W\]/);
    expect(() => resolveConvVaeConfig({ ...base, inputShape: [1, 8, 8], channels: [] })).toThrow(/channels/);
    expect(() => resolveConvVaeConfig({ ...base, inputShape: [1, 8, 8], channels: [4, 2.5] })).toThrow(/channels\[1\]/);
    expect(() => resolveConvVaeConfig({ ...base, inputShape: [1, 8, 8], latentDim: 0 })).toThrow(/latentDim/);
  });
});

describe('ConvVae', () => {
  it('hands the exporter tagged weights whose shapes follow the levels (28x28: 2 levels to 7x7)', () => {
    const vae = new ConvVae({ inputShape: [1, 28, 28], latentDim: 5, likelihood: 'gaussian' }, 0);
    const w = vae.weights();
    vae.dispose();
    expect(w.architecture).toBe('conv');
    expect(w.inputShape).toEqual([1, 28, 28]);
    expect(w.encoder.map((l) => [l.inChannels, l.outChannels])).toEqual([[1, 8], [8, 16]]);
    expect(w.mu.inDim).toBe(7 * 7 * 16);
    expect(w.decoderDense.map((l) => [l.inDim, l.outDim])).toEqual([[5, 7 * 7 * 16]]);
    expect(w.decoderGrid).toEqual([7, 7, 16]);
    expect(w.decoder.map((l) => [l.inChannels, l.outChannels])).toEqual([[16, 8], [8, 8]]);
    expect([w.out.inChannels, w.out.outChannels, w.out.activation]).toEqual([8, 1, 'linear']);
    expect(w.outputLogvar).toHaveLength(784);
    expect(w.encoder[0]!.kernel).toHaveLength(9 * 8);
  });

  it('is deterministic per seed, and snapshot / restore round-trips every variable', () => {
    const config = { inputShape: [1, 8, 8], latentDim: 2, likelihood: 'bernoulli', channels: [3] } as const;
    const a = new ConvVae(config, 3);
    const b = new ConvVae(config, 3);
    const c = new ConvVae(config, 4);
    expect(a.snapshot()).toEqual(b.snapshot());
    expect(a.snapshot()).not.toEqual(c.snapshot());
    const saved = a.snapshot();
    a.restore(c.snapshot());
    expect(a.snapshot()).toEqual(c.snapshot());
    a.restore(saved);
    expect(a.snapshot()).toEqual(b.snapshot());
    expect(() => a.restore(saved.slice(1))).toThrow(/restore/);
    for (const v of [a, b, c]) v.dispose();
  });

  it('is scored by scoreRows, in batches of evalBatchSize, as its own forward pass at eps = 0', () => {
    const small = new ConvVae({ inputShape: [2, 8, 8], latentDim: 3, likelihood: 'bernoulli', channels: [4] }, 0);
    expect(small.evalBatchSize).toBe(4096);
    small.dispose();
    const vae = randomizedConvVae({ inputShape: [1, 64, 64], latentDim: 2, likelihood: 'gaussian', channels: [8] }, 5);
    expect(vae.evalBatchSize).toBe((1 << 22) / (64 * 64 * 8)); // 128 rows: 16 MiB per full-size activation
    const n = 130;
    const x = rectangleImages(n, [1, 64, 64], 1);
    const scores = scoreRows(vae, x, n);
    const want = tf.tidy(() => {
      const r = vae.forward(tf.tensor2d(x, [n, 4096]), tf.zeros([1, n, 2]) as tf.Tensor3D);
      return tf.add(tf.sum(r.featureNll, [0, 2]), r.kl).dataSync() as Float32Array;
    });
    expectClose(scores.score, want, 1e-5, 1e-5, 'score');
    expect(scores.featureNll).toHaveLength(n * 4096);
    vae.dispose();
  });
});

describe('fitVae with a ConvVae', () => {
  const options: FitOptions = {
    epochs: 6, batchSize: 16, learningRate: 3e-3, beta: 1, klWarmupEpochs: 3, patience: 100, seed: 1,
  };

  async function fit(vae: Vae, train: Float32Array, n: number, val: Float32Array, nVal: number): Promise<EpochProgress[]> {
    const history: EpochProgress[] = [];
    await fitVae(vae, train, n, val, nVal, { ...options, onEpoch: (p) => history.push(p) });
    return history;
  }

  it('lowers the loss on tiny synthetic images and reports recon and KL with loss = recon + beta * KL', async () => {
    const shape = [1, 16, 16] as const;
    const vae = new ConvVae({ inputShape: shape, latentDim: 4, likelihood: 'bernoulli', channels: [4, 8] }, 0);
    try {
      const history = await fit(vae, rectangleImages(96, shape, 1), 96, rectangleImages(32, shape, 2), 32);
      expect(history).toHaveLength(options.epochs);
      for (const p of history) {
        const beta = options.beta * Math.min(1, p.epoch / options.klWarmupEpochs);
        expect(p.recon).toBeGreaterThan(0);
        expect(p.kl).toBeGreaterThanOrEqual(0);
        expect(Math.abs(p.loss - (p.recon + beta * p.kl))).toBeLessThan(1e-4 * p.loss);
      }
      expect(history.at(-1)!.loss).toBeLessThan(0.9 * history[0]!.loss);
      expect(history.at(-1)!.validationLoss).toBeLessThan(history[0]!.validationLoss);
    } finally {
      vae.dispose();
    }
  });

  it('trains a Gaussian colour model without diverging', async () => {
    const shape = [3, 8, 8] as const;
    const vae = new ConvVae({ inputShape: shape, latentDim: 3, likelihood: 'gaussian', channels: [4] }, 2);
    try {
      const history = await fit(vae, rectangleImages(48, shape, 3), 48, rectangleImages(16, shape, 4), 16);
      expect(history.every((p) => Number.isFinite(p.loss) && Number.isFinite(p.recon) && Number.isFinite(p.kl))).toBe(true);
      expect(history.at(-1)!.recon).toBeLessThan(history[0]!.recon);
    } finally {
      vae.dispose();
    }
  });

  it('reports recon and KL for the MLP too, whose weights are tagged mlp', async () => {
    const vae = new MlpVae({ inputDim: 16, latentDim: 2, hidden: [8], activation: 'tanh', likelihood: 'bernoulli' }, 0);
    try {
      expect(vae.weights().architecture).toBe('mlp');
      const history = await fit(vae, rectangleImages(64, [1, 4, 4], 5), 64, rectangleImages(16, [1, 4, 4], 6), 16);
      const last = history.at(-1)!;
      expect(Math.abs(last.loss - (last.recon + last.kl))).toBeLessThan(1e-4 * last.loss);
    } finally {
      vae.dispose();
    }
  });
});
