/**
 * What the training loop (`fit.ts`) and the trainer's own scoring (`evaluate.ts`) need from a VAE,
 * whatever its architecture: `MlpVae` (rows of features) and `ConvVae` (images) both implement `Vae`.
 * Also the likelihood and KL terms both architectures share (formulas in `weights.ts`).
 */
import * as tf from '@tensorflow/tfjs';
import type { ConvVaeWeights } from './conv-weights.js';
import type { Likelihood, MlpVaeWeights } from './weights.js';

/** Per-row outputs of a forward pass at given noise, S samples. */
export interface VaeOutputs {
  mu: tf.Tensor2D;
  logvar: tf.Tensor2D;
  /** [S, N, D] per-feature NLL, features in the order of the input rows (NCHW for images). */
  featureNll: tf.Tensor3D;
  /** [N] analytic KL. */
  kl: tf.Tensor1D;
}

/** One mini-batch's training objective and its two parts, each a mean over the batch's rows. */
export interface VaeLoss {
  /** recon + beta · kl: what the optimiser minimises. */
  loss: tf.Scalar;
  /** Reconstruction NLL, summed over features, of one reparameterised sample. */
  recon: tf.Scalar;
  /** Analytic KL(q(z|x) || N(0, I)). */
  kl: tf.Scalar;
}

/** `MlpVaeWeights` tagged with its architecture, so `VaeWeights` is a discriminated union. */
export type TaggedMlpVaeWeights = MlpVaeWeights & { architecture: 'mlp' };

/** The trained parameters of either architecture; `architecture` says which exporter takes them. */
export type VaeWeights = TaggedMlpVaeWeights | ConvVaeWeights;

export interface Vae {
  readonly config: {
    /** D: the width of one encoded input row (C·H·W for images). */
    readonly inputDim: number;
    /** K. */
    readonly latentDim: number;
  };
  /** Every trainable variable. */
  readonly variables: tf.Variable[];
  /** Rows per forward pass when scoring (bounds the activations' memory); 4096 when absent. */
  readonly evalBatchSize?: number;
  /** The objective of one mini-batch x [N, D], one noise draw seeded by `noiseSeed`. */
  loss(x: tf.Tensor2D, beta: number, noiseSeed: number): VaeLoss;
  /** Full forward pass of x [N, D] with noise `eps` [S, N, K]. */
  forward(x: tf.Tensor2D, eps: tf.Tensor3D): VaeOutputs;
  /** Every variable's value (for restoring the best epoch). */
  snapshot(): Float32Array[];
  /** Restore values taken by `snapshot()`. */
  restore(values: Float32Array[]): void;
  /** The trained parameters as plain arrays, for the ONNX exporter. */
  weights(): VaeWeights;
  /** Free the variables' memory. */
  dispose(): void;
  /**
   * Shared-variance Gaussian models only: set the output variance to its maximum-likelihood value
   * for the current decoder, the mean squared error of the posterior-mean reconstruction of (up to
   * SHARED_VARIANCE_ROWS of) the rows. The training loop calls it before every epoch.
   */
  refreshSharedVariance?(rows: Float32Array, n: number): void;
}

/** Rows the shared output variance is estimated on. */
export const SHARED_VARIANCE_ROWS = 2048;

/**
 * The log of the mean squared error between the first rows of `rows` (n rows of `width`) and their
 * reconstruction by `reconstruct` (decoder mean at z = mu), clipped to [min, max].
 */
export function sharedLogVariance(
  reconstruct: (x: tf.Tensor2D) => tf.Tensor, rows: Float32Array, n: number, width: number, min: number, max: number,
  batch = SHARED_VARIANCE_ROWS,
): number {
  const used = Math.min(n, SHARED_VARIANCE_ROWS);
  let sum = 0;
  for (let start = 0; start < used; start += batch) {
    const count = Math.min(batch, used - start);
    sum += tf.tidy(() => {
      const x = tf.tensor2d(rows.subarray(start * width, (start + count) * width), [count, width]);
      return tf.sum(tf.square(tf.sub(x, reconstruct(x)))).dataSync()[0]!;
    });
  }
  const mse = sum / Math.max(1, used * width);
  return Math.min(max, Math.max(min, Math.log(Math.max(mse, 1e-12))));
}

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * Per-feature NLL of x [N, D] under the decoder head `out` ([..., N, D]: Bernoulli logits or
 * Gaussian mean) with the clipped output log-variance `outputLogvar` [D] (Gaussian).
 */
export function featureNll(likelihood: Likelihood, x: tf.Tensor2D, out: tf.Tensor, outputLogvar?: tf.Tensor1D): tf.Tensor {
  if (likelihood === 'bernoulli') {
    return tf.sub(tf.softplus(out), tf.mul(x, out));
  }
  const lv = outputLogvar!;
  const sq = tf.square(tf.sub(x, out));
  return tf.mul(0.5, tf.add(tf.mul(sq, tf.exp(tf.neg(lv))), tf.add(lv, LOG_2PI)));
}

/** KL(N(mu, exp(logvar)) || N(0, I)) per row: −0.5 · Σ_k (1 + logvar − mu² − exp(logvar)). */
export function gaussianKl(mu: tf.Tensor2D, logvar: tf.Tensor2D): tf.Tensor1D {
  return tf.mul(-0.5, tf.sum(tf.sub(tf.add(1, logvar), tf.add(tf.square(mu), tf.exp(logvar))), 1)) as tf.Tensor1D;
}

/** The batch objective from one sample's per-feature NLL [1, N, D] and the KL [N]. */
export function elboLoss(featureNll: tf.Tensor3D, kl: tf.Tensor1D, beta: number): VaeLoss {
  const nll = tf.sum(featureNll, [0, 2]);
  return {
    loss: tf.mean(tf.add(nll, tf.mul(beta, kl))) as tf.Scalar,
    recon: tf.mean(nll) as tf.Scalar,
    kl: tf.mean(kl) as tf.Scalar,
  };
}

/** A variable holding `init`'s values; `init` is disposed (else it would keep the values alive after the variable). */
export function ownedVariable<R extends tf.Rank>(init: tf.Tensor<R>): tf.Variable<R> {
  const v = tf.variable(init);
  init.dispose();
  return v;
}
