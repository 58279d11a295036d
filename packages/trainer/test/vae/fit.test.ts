/**
 * The training loop's early stopping: it stops `patience` epochs after the best validation epoch,
 * but never before `minEpochs` (the image default, so that a noisy start cannot end a run).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { fitVae } from '../../src/vae/fit.js';
import { MlpVae } from '../../src/vae/mlp-vae.js';
import { mulberry32 } from '../onnx/helpers.js';

beforeAll(async () => {
  await tf.setBackend('wasm');
});

const WIDTH = 8;

function rows(n: number, offset: number, seed: number): Float32Array {
  const random = mulberry32(seed);
  return Float32Array.from({ length: n * WIDTH }, () => offset + 0.1 * random());
}

/** Validation rows far from the training rows: the better the fit, the worse their loss. */
async function epochsRun(minEpochs: number | undefined): Promise<number> {
  const vae = new MlpVae({ inputDim: WIDTH, latentDim: 2, hidden: [8], activation: 'relu', likelihood: 'gaussian', outputVariance: 'shared' }, 1);
  try {
    const fit = await fitVae(vae, rows(64, 0, 1), 64, rows(16, 5, 2), 16, {
      epochs: 12, batchSize: 16, learningRate: 1e-2, beta: 1, klWarmupEpochs: 0, patience: 1, seed: 1,
      ...(minEpochs === undefined ? {} : { minEpochs }),
    });
    return fit.epochsRun;
  } finally {
    vae.dispose();
  }
}

describe('fitVae early stopping', () => {
  it('stops soon after the best epoch without a minimum, and not before minEpochs with one', async () => {
    expect(await epochsRun(undefined)).toBeLessThan(8);
    expect(await epochsRun(8)).toBeGreaterThanOrEqual(8);
  });
});
