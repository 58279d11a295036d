/**
 * The training loop: Adam on mini-batches shuffled by a seeded generator, KL warm-up, early stopping
 * on the validation rows' deterministic score, and the best epoch's weights restored at the end.
 */
import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '@novae/runtime';
import { meanScore } from './evaluate.js';
import type { Vae } from './vae.js';

export interface FitOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** KL weight once warm-up is over. */
  beta: number;
  /** Epochs over which the KL weight rises linearly from 0 to `beta`. */
  klWarmupEpochs: number;
  /** Stop after this many epochs without a better validation loss. */
  patience: number;
  /** Early stopping never ends a run before this epoch (default 0). */
  minEpochs?: number;
  seed: number;
  onEpoch?: (progress: EpochProgress) => void;
}

/** Reported after every epoch. */
export interface EpochProgress {
  epoch: number;
  epochs: number;
  /** Mean training loss (NLL + beta * KL) of the epoch: `recon + beta * kl`, beta of this epoch. */
  loss: number;
  /** Mean per-row training reconstruction NLL (one reparameterised sample) of the epoch. */
  recon: number;
  /** Mean per-row training KL(q(z|x) || N(0, I)) of the epoch. */
  kl: number;
  /** Mean score (negative ELBO at the posterior mean) of the validation rows. */
  validationLoss: number;
  bestEpoch: number;
  seconds: number;
  /** Estimate of the time left if every epoch runs. */
  secondsLeft: number;
}

export interface FitResult {
  epochsRun: number;
  bestEpoch: number;
  finalLoss: number;
  validationLoss: number;
  seconds: number;
}

function shuffle(indices: Uint32Array, random: () => number): void {
  for (let i = indices.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = indices[i]!;
    indices[i] = indices[j]!;
    indices[j] = t;
  }
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Train `vae` on `nTrain` encoded rows, early-stopping on `nVal` validation rows. */
export async function fitVae(
  vae: Vae, train: Float32Array, nTrain: number, validation: Float32Array, nVal: number, options: FitOptions,
): Promise<FitResult> {
  const D = vae.config.inputDim;
  const random = mulberry32(options.seed ^ 0x5eed);
  const optimizer = tf.train.adam(options.learningRate);
  const order = Uint32Array.from({ length: nTrain }, (_, i) => i);
  const batch = new Float32Array(options.batchSize * D);
  const started = performance.now();
  let best = { loss: Infinity, epoch: 0, weights: vae.snapshot() };
  let finalLoss = NaN;
  let step = 0;
  let epoch = 0;
  try {
    vae.refreshSharedVariance?.(train, nTrain);
    for (epoch = 1; epoch <= options.epochs; epoch++) {
      shuffle(order, random);
      const beta = options.klWarmupEpochs > 0 ? options.beta * Math.min(1, epoch / options.klWarmupEpochs) : options.beta;
      let lossSum = 0;
      let reconSum = 0;
      let klSum = 0;
      let lossRows = 0;
      for (let start = 0; start < nTrain; start += options.batchSize) {
        const rows = Math.min(options.batchSize, nTrain - start);
        for (let r = 0; r < rows; r++) {
          const src = order[start + r]! * D;
          batch.set(train.subarray(src, src + D), r * D);
        }
        const x = tf.tensor2d(batch.subarray(0, rows * D), [rows, D]);
        // Never 0: TF.js treats a seed of 0 as 'no seed' and draws from Math.random.
        const noiseSeed = 1 + ((options.seed * 1_000_003 + step++) % 2147483646);
        let parts: tf.Scalar[] = [];
        const loss = optimizer.minimize(() => {
          const terms = vae.loss(x, beta, noiseSeed);
          parts = [tf.keep(terms.recon), tf.keep(terms.kl)];
          return terms.loss;
        }, true, vae.variables);
        lossSum += (loss!.dataSync()[0] as number) * rows;
        reconSum += (parts[0]!.dataSync()[0] as number) * rows;
        klSum += (parts[1]!.dataSync()[0] as number) * rows;
        lossRows += rows;
        tf.dispose([x, loss!, ...parts]);
      }
      // A shared output variance is set to its maximum-likelihood value for the epoch's decoder.
      vae.refreshSharedVariance?.(train, nTrain);
      finalLoss = lossSum / lossRows;
      if (!Number.isFinite(finalLoss)) {
        throw new Error(`training diverged at epoch ${epoch} (loss ${finalLoss}); try a lower learning rate`);
      }
      const validationLoss = meanScore(vae, validation, nVal);
      if (validationLoss < best.loss) best = { loss: validationLoss, epoch, weights: vae.snapshot() };
      const seconds = (performance.now() - started) / 1000;
      options.onEpoch?.({
        epoch, epochs: options.epochs, loss: finalLoss, recon: reconSum / lossRows, kl: klSum / lossRows, validationLoss, bestEpoch: best.epoch,
        seconds, secondsLeft: (seconds / epoch) * (options.epochs - epoch),
      });
      await yieldToEventLoop();
      if (epoch >= (options.minEpochs ?? 0) && epoch - best.epoch >= options.patience) break;
    }
  } finally {
    optimizer.dispose();
  }
  vae.restore(best.weights);
  return {
    epochsRun: Math.min(epoch, options.epochs), bestEpoch: best.epoch, finalLoss,
    validationLoss: best.loss, seconds: (performance.now() - started) / 1000,
  };
}
