/**
 * The MLP VAE in TF.js: its variables, the forward pass and the loss. The formulas are the ones
 * documented in `weights.ts`, which the ONNX exporter implements too.
 */
import * as tf from '@tensorflow/tfjs';
import { ownedVariable, sharedLogVariance } from './vae.js';
import {
  LATENT_LOGVAR_MAX, LATENT_LOGVAR_MIN,
  type Activation, type DenseLayer, type Likelihood, type OutputVariance,
} from './weights.js';
import {
  elboLoss, featureNll, gaussianKl, type TaggedMlpVaeWeights, type Vae, type VaeLoss, type VaeOutputs,
} from './vae.js';

export type { VaeOutputs } from './vae.js';

/** Bounds of the learned per-feature output log-variance (standardised units). */
export const OUTPUT_LOGVAR_MIN = -6;
export const OUTPUT_LOGVAR_MAX = 4;

export interface MlpVaeConfig {
  inputDim: number;
  latentDim: number;
  /** Encoder hidden widths; the decoder mirrors them. */
  hidden: number[];
  activation: Activation;
  likelihood: Likelihood;
  /** Gaussian: per-feature or one shared output variance. Default 'feature'. */
  outputVariance?: OutputVariance;
}

interface DenseVars { kernel: tf.Variable; bias: tf.Variable; activation: Activation }

function activate(x: tf.Tensor, activation: Activation): tf.Tensor {
  switch (activation) {
    case 'relu': return tf.relu(x);
    case 'tanh': return tf.tanh(x);
    case 'elu': return tf.elu(x);
    case 'linear': return x;
  }
}

/** Apply a dense layer to a rank-2 or rank-3 input (the kernel is shared across leading dims). */
function dense(x: tf.Tensor, layer: DenseVars): tf.Tensor {
  const inDim = layer.kernel.shape[0]!;
  const lead = x.shape.slice(0, -1);
  const flat = x.rank === 2 ? (x as tf.Tensor2D) : tf.reshape(x, [-1, inDim]) as tf.Tensor2D;
  const y = activate(tf.add(tf.matMul(flat, layer.kernel as tf.Tensor2D), layer.bias), layer.activation);
  return x.rank === 2 ? y : tf.reshape(y, [...lead, layer.kernel.shape[1]!]);
}

/** The output log-variance written once per feature (a shared one repeated). */
export function perFeature(values: Float32Array, width: number): Float32Array {
  return values.length === width ? values.slice() : new Float32Array(width).fill(values[0]!);
}

export class MlpVae implements Vae {
  readonly config: MlpVaeConfig;
  private readonly encoder: DenseVars[];
  private readonly muLayer: DenseVars;
  private readonly logvarLayer: DenseVars;
  private readonly decoder: DenseVars[];
  private readonly outLayer: DenseVars;
  private readonly outputLogvarRaw: tf.Variable | undefined;
  private seedCounter: number;

  constructor(config: MlpVaeConfig, seed: number) {
    this.config = config;
    this.seedCounter = seed * 7919 + 1;
    const widths = config.hidden;
    let inDim = config.inputDim;
    this.encoder = widths.map((w) => { const l = this.makeDense(inDim, w, config.activation); inDim = w; return l; });
    this.muLayer = this.makeDense(inDim, config.latentDim, 'linear');
    this.logvarLayer = this.makeDense(inDim, config.latentDim, 'linear');
    inDim = config.latentDim;
    this.decoder = [...widths].reverse().map((w) => { const l = this.makeDense(inDim, w, config.activation); inDim = w; return l; });
    this.outLayer = this.makeDense(inDim, config.inputDim, 'linear');
    this.outputLogvarRaw = config.likelihood === 'gaussian' ? ownedVariable(tf.zeros([config.outputVariance === 'shared' ? 1 : config.inputDim])) : undefined;
  }

  /** Every trainable variable. */
  get variables(): tf.Variable[] {
    const layers = [...this.encoder, this.muLayer, this.logvarLayer, ...this.decoder, this.outLayer];
    const vars = layers.flatMap((l) => [l.kernel, l.bias]);
    return this.outputLogvarRaw ? [...vars, this.outputLogvarRaw] : vars;
  }

  /** Glorot-uniform kernel from a deterministic seed sequence, zero bias. */
  private makeDense(inDim: number, outDim: number, activation: Activation): DenseVars {
    const limit = Math.sqrt(6 / (inDim + outDim));
    const kernel = ownedVariable(tf.randomUniform([inDim, outDim], -limit, limit, 'float32', this.seedCounter++));
    return { kernel, bias: ownedVariable(tf.zeros([outDim])), activation };
  }

  /** Encoder: posterior mean and (clipped) log-variance. */
  encode(x: tf.Tensor2D): { mu: tf.Tensor2D; logvar: tf.Tensor2D } {
    let h: tf.Tensor = x;
    for (const layer of this.encoder) h = dense(h, layer);
    const mu = dense(h, this.muLayer) as tf.Tensor2D;
    const logvar = tf.clipByValue(dense(h, this.logvarLayer), LATENT_LOGVAR_MIN, LATENT_LOGVAR_MAX) as tf.Tensor2D;
    return { mu, logvar };
  }

  /** Decoder: linear head (Gaussian mean or Bernoulli logits) for z of rank 2 or 3. */
  decode(z: tf.Tensor): tf.Tensor {
    let g = z;
    for (const layer of this.decoder) g = dense(g, layer);
    return dense(g, this.outLayer);
  }

  refreshSharedVariance(rows: Float32Array, n: number): void {
    if (this.config.likelihood !== 'gaussian' || this.config.outputVariance !== 'shared') return;
    const lv = sharedLogVariance(
      (x) => this.decode(this.encode(x).mu), rows, n, this.config.inputDim, OUTPUT_LOGVAR_MIN, OUTPUT_LOGVAR_MAX,
    );
    tf.tidy(() => this.outputLogvarRaw!.assign(tf.fill([1], lv)));
  }

  /** Clipped per-feature output log-variance (Gaussian). */
  outputLogvar(): tf.Tensor1D {
    return tf.clipByValue(this.outputLogvarRaw!, OUTPUT_LOGVAR_MIN, OUTPUT_LOGVAR_MAX) as tf.Tensor1D;
  }

  /** Per-feature NLL of x under the decoder head `out` (broadcast over leading sample dims). */
  featureNll(x: tf.Tensor2D, out: tf.Tensor): tf.Tensor {
    const lv = this.config.likelihood === 'gaussian' ? this.outputLogvar() : undefined;
    return featureNll(this.config.likelihood, x, out, lv);
  }

  /** Full forward pass with noise `eps` [S, N, K]. */
  forward(x: tf.Tensor2D, eps: tf.Tensor3D): VaeOutputs {
    const { mu, logvar } = this.encode(x);
    const z = tf.add(mu, tf.mul(tf.exp(tf.mul(0.5, logvar)), eps));
    const featureNll = this.featureNll(x, this.decode(z)) as tf.Tensor3D;
    return { mu, logvar, featureNll, kl: gaussianKl(mu, logvar) };
  }

  /** Mean over the batch of (NLL + beta * KL) with one reparameterised sample per row, and its parts. */
  loss(x: tf.Tensor2D, beta: number, noiseSeed: number): VaeLoss {
    const eps = tf.randomNormal([1, x.shape[0], this.config.latentDim], 0, 1, 'float32', noiseSeed) as tf.Tensor3D;
    const { featureNll, kl } = this.forward(x, eps);
    return elboLoss(featureNll, kl, beta);
  }

  /** Snapshot of every variable's value (for restoring the best epoch). */
  snapshot(): Float32Array[] {
    return this.variables.map((v) => v.dataSync() as Float32Array).map((d) => d.slice());
  }

  /** Restore values taken by `snapshot()`. */
  restore(values: Float32Array[]): void {
    tf.tidy(() => this.variables.forEach((v, i) => v.assign(tf.tensor(values[i]!, v.shape))));
  }

  /** The trained parameters as plain arrays, for the ONNX exporter. */
  weights(): TaggedMlpVaeWeights {
    const toLayer = (l: DenseVars): DenseLayer => ({
      inDim: l.kernel.shape[0]!, outDim: l.kernel.shape[1]!,
      kernel: (l.kernel.dataSync() as Float32Array).slice(), bias: (l.bias.dataSync() as Float32Array).slice(),
      activation: l.activation,
    });
    return {
      architecture: 'mlp',
      inputDim: this.config.inputDim,
      latentDim: this.config.latentDim,
      likelihood: this.config.likelihood,
      encoder: this.encoder.map(toLayer),
      mu: toLayer(this.muLayer),
      logvar: toLayer(this.logvarLayer),
      decoder: this.decoder.map(toLayer),
      out: toLayer(this.outLayer),
      outputLogvar: this.outputLogvarRaw ? perFeature(tf.tidy(() => this.outputLogvar().dataSync() as Float32Array), this.config.inputDim) : undefined,
    };
  }

  /** Free the variables' memory. */
  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}
