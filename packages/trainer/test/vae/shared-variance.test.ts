/**
 * The shared output variance of a Gaussian VAE: one value for every feature, refitted by the training
 * loop to the mean squared error of the posterior-mean reconstruction, and exported per feature.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConvVae } from '../../src/vae/conv-vae.js';
import { fitVae } from '../../src/vae/fit.js';
import { MlpVae } from '../../src/vae/mlp-vae.js';
import type { Vae } from '../../src/vae/vae.js';
import { mulberry32 } from '../onnx/helpers.js';

beforeAll(async () => {
  await tf.setBackend('wasm');
});

function rows(n: number, width: number, seed: number): Float32Array {
  const random = mulberry32(seed);
  return Float32Array.from({ length: n * width }, (_, i) => 0.5 + 0.3 * Math.sin(i % width + Math.floor(i / width)) * random());
}

/** MSE of the posterior-mean reconstruction, computed here independently of the model's helper. */
function reconstructionMse(vae: Vae, x: Float32Array, n: number, width: number, reconstruct: (t: tf.Tensor2D) => tf.Tensor): number {
  return tf.tidy(() => tf.mean(tf.square(tf.sub(tf.tensor2d(x, [n, width]), reconstruct(tf.tensor2d(x, [n, width]))))).dataSync()[0]!);
}

describe.each(['mlp', 'conv'] as const)('shared output variance (%s)', (architecture) => {
  it('is one value, the log of the reconstruction MSE after training, written once per feature', async () => {
    const width = 64;
    const vae = architecture === 'mlp'
      ? new MlpVae({ inputDim: width, latentDim: 3, hidden: [16], activation: 'relu', likelihood: 'gaussian', outputVariance: 'shared' }, 1)
      : new ConvVae({ inputShape: [1, 8, 8], latentDim: 3, likelihood: 'gaussian', outputVariance: 'shared' }, 1);
    const train = rows(60, width, 2);
    try {
      await fitVae(vae, train, 60, rows(10, width, 3), 10, {
        epochs: 3, batchSize: 32, learningRate: 1e-3, beta: 1, klWarmupEpochs: 0, patience: 10, seed: 1,
      });
      const lv = vae.weights().outputLogvar!;
      expect(lv).toHaveLength(width);
      expect(new Set(lv).size).toBe(1);
      // The weights kept are the best epoch's, with the variance refitted after that epoch: refit
      // now on the same rows and it must not move.
      const reconstruct = vae instanceof ConvVae
        ? (t: tf.Tensor2D) => vae.reconstruct(t)
        : (t: tf.Tensor2D) => (vae as MlpVae).decode((vae as MlpVae).encode(t).mu);
      expect(lv[0]).toBeCloseTo(Math.log(reconstructionMse(vae, train, 60, width, reconstruct)), 4);
      expect(lv[0]).toBeLessThan(-1); // far from the initial log-variance 0
    } finally {
      vae.dispose();
    }
  });
});
