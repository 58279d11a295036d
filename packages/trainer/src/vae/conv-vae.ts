/**
 * The convolutional VAE for images in TF.js: its variables, the forward pass and the loss. The
 * formulas, the level rule and the weight layout are documented in `conv-weights.ts`, which the
 * ONNX exporter (`onnx/conv-vae-graph.ts`) implements too. Inputs are rows of C·H·W values in NCHW
 * order; inside, the model runs in NHWC.
 */
import * as tf from '@tensorflow/tfjs';
import { avgPool2x2, conv3x3, nhwcToRows, rowsToNhwc, upsample2x } from './conv-ops.js';
import { convLevels, type ConvLayer, type ConvVaeWeights } from './conv-weights.js';
import { OUTPUT_LOGVAR_MAX, OUTPUT_LOGVAR_MIN, perFeature } from './mlp-vae.js';
import { elboLoss, featureNll, gaussianKl, ownedVariable, sharedLogVariance, type Vae, type VaeLoss, type VaeOutputs } from './vae.js';
import { LATENT_LOGVAR_MAX, LATENT_LOGVAR_MIN, type DenseLayer, type Likelihood, type OutputVariance } from './weights.js';

/** Channel widths per level when none are given, cut to the image's level count. */
export const DEFAULT_CONV_CHANNELS: readonly number[] = [8, 16, 32];

/** Floats one full-resolution activation may hold per evaluation batch (bounds scoring memory). */
const EVAL_ACTIVATION_FLOATS = 1 << 22;

export interface ConvVaeConfig {
  /** [C, H, W] of one image; rows hold C·H·W values in NCHW order. */
  inputShape: readonly [number, number, number];
  latentDim: number;
  likelihood: Likelihood;
  /**
   * Channels of the conv layer at each level (the decoder mirrors them). Also caps the level count:
   * an image gets min(convLevels(H, W), channels.length) levels. Default DEFAULT_CONV_CHANNELS.
   */
  channels?: readonly number[];
  /** Widths of dense (relu) layers between the conv stack and the latent; the decoder mirrors them. Default []. */
  hidden?: readonly number[];
  /** Gaussian: per-pixel or one shared output variance. Default 'feature' (per pixel). */
  outputVariance?: OutputVariance;
}

/** The configuration as the model uses it: every default applied, channels cut to the levels used. */
export interface ResolvedConvVaeConfig {
  inputShape: [number, number, number];
  /** D = C·H·W. */
  inputDim: number;
  latentDim: number;
  likelihood: Likelihood;
  /** L, the number of 2x2 poolings. */
  levels: number;
  /** c_1..c_L (just c_1 when L = 0). */
  channels: number[];
  hidden: number[];
}

interface ConvVars { kernel: tf.Variable<tf.Rank.R4>; bias: tf.Variable<tf.Rank.R1>; activation: 'relu' | 'linear' }
interface DenseVars { kernel: tf.Variable<tf.Rank.R2>; bias: tf.Variable<tf.Rank.R1>; activation: 'relu' | 'linear' }

function positiveIntegers(name: string, values: readonly number[]): void {
  values.forEach((v, i) => {
    if (!Number.isInteger(v) || v < 1) throw new Error(`ConvVae: ${name}[${i}] must be a positive integer, got ${v}`);
  });
}

/** Applies the defaults and the level rule; throws naming the bad field. */
export function resolveConvVaeConfig(config: ConvVaeConfig): ResolvedConvVaeConfig {
  const shape = config.inputShape;
  if (shape.length !== 3) throw new Error(`ConvVae: inputShape must be [C, H, W], got [${shape.join(', ')}]`);
  positiveIntegers('inputShape', shape);
  positiveIntegers('latentDim', [config.latentDim]);
  const channels = config.channels ?? DEFAULT_CONV_CHANNELS;
  if (channels.length === 0) throw new Error('ConvVae: channels must hold at least one width');
  positiveIntegers('channels', channels);
  const hidden = config.hidden ?? [];
  positiveIntegers('hidden', hidden);
  const [c, h, w] = shape;
  const levels = Math.min(convLevels(h, w), channels.length);
  return {
    inputShape: [c, h, w], inputDim: c * h * w, latentDim: config.latentDim, likelihood: config.likelihood,
    levels, channels: channels.slice(0, Math.max(1, levels)), hidden: [...hidden],
  };
}


function applyDense(x: tf.Tensor2D, layer: DenseVars): tf.Tensor2D {
  const y = tf.add(tf.matMul(x, layer.kernel), layer.bias) as tf.Tensor2D;
  return layer.activation === 'relu' ? tf.relu(y) : y;
}

function applyConv(x: tf.Tensor4D, layer: ConvVars): tf.Tensor4D {
  const y = conv3x3(x, layer.kernel, layer.bias);
  return layer.activation === 'relu' ? tf.relu(y) : y;
}

export class ConvVae implements Vae {
  readonly config: ResolvedConvVaeConfig;
  readonly evalBatchSize: number;
  private readonly outputVarianceKind: OutputVariance;
  private readonly encoder: ConvVars[];
  private readonly encoderDense: DenseVars[];
  private readonly muLayer: DenseVars;
  private readonly logvarLayer: DenseVars;
  private readonly decoderDense: DenseVars[];
  /** NHWC [h_L, w_L, c] of the decoder's first feature map. */
  private readonly grid: [number, number, number];
  private readonly decoder: ConvVars[];
  private readonly outLayer: ConvVars;
  private readonly outputLogvarRaw: tf.Variable<tf.Rank.R1> | undefined;
  private seedCounter: number;

  /** A fresh model: Glorot-uniform kernels from a seed sequence derived from `seed`, zero biases. */
  constructor(config: ConvVaeConfig, seed: number) {
    const cfg = resolveConvVaeConfig(config);
    this.config = cfg;
    this.outputVarianceKind = config.outputVariance ?? 'feature';
    this.seedCounter = seed * 7919 + 1;
    const [C, H, W] = cfg.inputShape;
    const L = cfg.levels;
    const ch = cfg.channels;
    this.evalBatchSize = Math.max(1, Math.min(4096, Math.floor(EVAL_ACTIVATION_FLOATS / (H * W * Math.max(C, ch[0]!)))));

    this.encoder = ch.slice(0, L).map((out, l) => this.makeConv(l === 0 ? C : ch[l - 1]!, out, 'relu'));
    const scale = 2 ** L;
    const flat = L === 0 ? C * H * W : (H / scale) * (W / scale) * ch[L - 1]!;
    let dim = flat;
    this.encoderDense = cfg.hidden.map((width) => { const d = this.makeDense(dim, width, 'relu'); dim = width; return d; });
    this.muLayer = this.makeDense(dim, cfg.latentDim, 'linear');
    this.logvarLayer = this.makeDense(dim, cfg.latentDim, 'linear');

    this.grid = L === 0 ? [H, W, ch[0]!] : [H / scale, W / scale, ch[L - 1]!];
    dim = cfg.latentDim;
    this.decoderDense = [...[...cfg.hidden].reverse(), this.grid[0] * this.grid[1] * this.grid[2]].map((width) => {
      const d = this.makeDense(dim, width, 'relu');
      dim = width;
      return d;
    });
    // Level l = L..1: c_l -> c_{l-1}, and c_1 -> c_1 at the first level.
    this.decoder = [];
    for (let l = L; l >= 1; l--) this.decoder.push(this.makeConv(ch[l - 1]!, ch[Math.max(l - 2, 0)]!, 'relu'));
    this.outLayer = this.makeConv(ch[0]!, C, 'linear');
    this.outputLogvarRaw = cfg.likelihood === 'gaussian' ? ownedVariable(tf.zeros([config.outputVariance === 'shared' ? 1 : cfg.inputDim]) as tf.Tensor1D) : undefined;
  }

  /** Every trainable variable. */
  get variables(): tf.Variable[] {
    const layers: Array<ConvVars | DenseVars> = [
      ...this.encoder, ...this.encoderDense, this.muLayer, this.logvarLayer, ...this.decoderDense, ...this.decoder, this.outLayer,
    ];
    const vars: tf.Variable[] = layers.flatMap((l) => [l.kernel, l.bias]);
    return this.outputLogvarRaw ? [...vars, this.outputLogvarRaw] : vars;
  }

  /** Glorot-uniform kernel (fans counted over the 3x3 window) from the seed sequence, zero bias. */
  private makeConv(inChannels: number, outChannels: number, activation: ConvVars['activation']): ConvVars {
    const limit = Math.sqrt(6 / (9 * inChannels + 9 * outChannels));
    const kernel = ownedVariable(tf.randomUniform([3, 3, inChannels, outChannels], -limit, limit, 'float32', this.seedCounter++) as tf.Tensor4D);
    return { kernel, bias: ownedVariable(tf.zeros([outChannels]) as tf.Tensor1D), activation };
  }

  private makeDense(inDim: number, outDim: number, activation: DenseVars['activation']): DenseVars {
    const limit = Math.sqrt(6 / (inDim + outDim));
    const kernel = ownedVariable(tf.randomUniform([inDim, outDim], -limit, limit, 'float32', this.seedCounter++) as tf.Tensor2D);
    return { kernel, bias: ownedVariable(tf.zeros([outDim]) as tf.Tensor1D), activation };
  }

  /** Encoder: posterior mean and (clipped) log-variance of rows x [N, D]. */
  encode(x: tf.Tensor2D): { mu: tf.Tensor2D; logvar: tf.Tensor2D } {
    let h = rowsToNhwc(x, this.config.inputShape);
    for (const layer of this.encoder) h = avgPool2x2(applyConv(h, layer));
    let f = tf.reshape(h, [h.shape[0], -1]) as tf.Tensor2D;
    for (const layer of this.encoderDense) f = applyDense(f, layer);
    const mu = applyDense(f, this.muLayer);
    const logvar = tf.clipByValue(applyDense(f, this.logvarLayer), LATENT_LOGVAR_MIN, LATENT_LOGVAR_MAX) as tf.Tensor2D;
    return { mu, logvar };
  }

  /** Decoder head (Gaussian mean or Bernoulli logits) of z [M, K], as rows [M, D] in NCHW order. */
  decode(z: tf.Tensor2D): tf.Tensor2D {
    let g = z;
    for (const layer of this.decoderDense) g = applyDense(g, layer);
    let m = tf.reshape(g, [-1, ...this.grid]) as tf.Tensor4D;
    for (const layer of this.decoder) m = applyConv(upsample2x(m), layer);
    return nhwcToRows(applyConv(m, this.outLayer));
  }

  /** Clipped per-pixel output log-variance [D], NCHW order (Gaussian). */
  outputLogvar(): tf.Tensor1D {
    return tf.clipByValue(this.outputLogvarRaw!, OUTPUT_LOGVAR_MIN, OUTPUT_LOGVAR_MAX) as tf.Tensor1D;
  }

  /** Full forward pass of x [N, D] with noise `eps` [S, N, K]. */
  forward(x: tf.Tensor2D, eps: tf.Tensor3D): VaeOutputs {
    const { mu, logvar } = this.encode(x);
    const z = tf.add(mu, tf.mul(tf.exp(tf.mul(0.5, logvar)), eps));
    const [S, N] = eps.shape;
    const out = tf.reshape(this.decode(tf.reshape(z, [-1, this.config.latentDim]) as tf.Tensor2D), [S, N, this.config.inputDim]);
    const lv = this.config.likelihood === 'gaussian' ? this.outputLogvar() : undefined;
    const fnll = featureNll(this.config.likelihood, x, out, lv) as tf.Tensor3D;
    return { mu, logvar, featureNll: fnll, kl: gaussianKl(mu, logvar) };
  }

  /** The decoder mean (Gaussian) or probability (Bernoulli) at z = mu, rows [N, D] in NCHW order. */
  refreshSharedVariance(rows: Float32Array, n: number): void {
    if (this.config.likelihood !== 'gaussian' || this.outputVarianceKind !== 'shared') return;
    const lv = sharedLogVariance(
      (x) => this.reconstruct(x), rows, n, this.config.inputDim, OUTPUT_LOGVAR_MIN, OUTPUT_LOGVAR_MAX, this.evalBatchSize,
    );
    tf.tidy(() => this.outputLogvarRaw!.assign(tf.fill([1], lv) as tf.Tensor1D));
  }

  reconstruct(x: tf.Tensor2D): tf.Tensor2D {
    const out = this.decode(this.encode(x).mu);
    return this.config.likelihood === 'bernoulli' ? tf.sigmoid(out) : out;
  }

  /** Mean over the batch of (NLL + beta * KL) with one reparameterised sample per row, and its parts. */
  loss(x: tf.Tensor2D, beta: number, noiseSeed: number): VaeLoss {
    const eps = tf.randomNormal([1, x.shape[0], this.config.latentDim], 0, 1, 'float32', noiseSeed) as tf.Tensor3D;
    const { featureNll: fnll, kl } = this.forward(x, eps);
    return elboLoss(fnll, kl, beta);
  }

  snapshot(): Float32Array[] {
    return this.variables.map((v) => (v.dataSync() as Float32Array).slice());
  }

  restore(values: Float32Array[]): void {
    const vars = this.variables;
    if (values.length !== vars.length) throw new Error(`ConvVae.restore: ${values.length} arrays for ${vars.length} variables`);
    tf.tidy(() => vars.forEach((v, i) => v.assign(tf.tensor(values[i]!, v.shape))));
  }

  /** The trained parameters as plain arrays (`conv-weights.ts`), for `buildConvVaeModel`. */
  weights(): ConvVaeWeights {
    const copy = (t: tf.Tensor): Float32Array => (t.dataSync() as Float32Array).slice();
    const conv = (l: ConvVars): ConvLayer => ({
      inChannels: l.kernel.shape[2], outChannels: l.kernel.shape[3], kernel: copy(l.kernel), bias: copy(l.bias), activation: l.activation,
    });
    const dense = (l: DenseVars): DenseLayer => ({
      inDim: l.kernel.shape[0], outDim: l.kernel.shape[1], kernel: copy(l.kernel), bias: copy(l.bias), activation: l.activation,
    });
    return {
      architecture: 'conv',
      inputShape: [...this.config.inputShape],
      latentDim: this.config.latentDim,
      likelihood: this.config.likelihood,
      encoder: this.encoder.map(conv),
      encoderDense: this.encoderDense.map(dense),
      mu: dense(this.muLayer),
      logvar: dense(this.logvarLayer),
      decoderDense: this.decoderDense.map(dense),
      decoderGrid: [...this.grid],
      decoder: this.decoder.map(conv),
      out: conv(this.outLayer),
      outputLogvar: this.outputLogvarRaw ? perFeature(tf.tidy(() => copy(this.outputLogvar())), this.config.inputDim) : undefined,
    };
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}
