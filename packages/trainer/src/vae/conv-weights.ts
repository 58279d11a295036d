/**
 * The trained parameters of a convolutional VAE for images as plain arrays: what the TF.js model
 * (`conv-vae.ts`) hands to the ONNX exporter (`onnx/conv-vae-graph.ts`). Both implement exactly the
 * formulas documented here; the ONNX graph runs in NCHW, TF.js in NHWC, and the stored arrays are
 * the TF.js ones.
 *
 * Input:    x is a row of D = C·H·W values in NCHW order (what the image adapter emits), shape [C, H, W].
 * Encoder:  h = x as [H, W, C]; for each level l = 1..L:
 *             h = avgPool2x2(relu(conv3x3(h, W_l) + b_l))                 (c_{l-1} -> c_l channels)
 *           f = flatten(h) in NHWC order ([h_L, w_L, c_L] -> h_L·w_L·c_L values);
 *           for each dense layer: f = relu(f · W + b)
 *           mu = f · Wmu + bmu;  logvar = clip(f · Wlv + blv, LATENT_LOGVAR_MIN, LATENT_LOGVAR_MAX)
 * Sampling: z[s] = mu + exp(0.5 · logvar) · eps[s]                        (eps: [S, N, K])
 * Decoder:  g = z; for each dense layer: g = relu(g · W + b) (the last outputs h_L·w_L·c_L values);
 *           g = g as NHWC [h_L, w_L, c_L] (`decoderGrid`);
 *           for each level l = L..1: g = relu(conv3x3(upsample2x(g), W'_l) + b'_l)
 *                                    (c_l -> c_{l-1}, and c_1 -> c_1 at l = 1)
 *           out = conv3x3(g, Wout) + bout                                 (c_1 -> C, linear)
 *           out as an NCHW row of D values: Gaussian mean or Bernoulli logits.
 * NLL, KL, recon: as in `weights.ts` (per-pixel NLL in NCHW order; outputLogvar is [C·H·W] in
 *           NCHW order); recon = mean (Gaussian) or sigmoid(logits) (Bernoulli) at z = mu.
 *
 * conv3x3:  stride 1, zero padding 1 on each side ('same'), cross-correlation:
 *           y[i, j, o] = Σ_{a, b ∈ 0..2} Σ_c xpad[i + a, j + b, c] · W[a, b, c, o]
 * avgPool2x2: mean of each non-overlapping 2x2 block (H and W even).
 * upsample2x: y[i, j] = x[floor(i / 2), floor(j / 2)] (nearest neighbour).
 *
 * Levels:   L = the number of halvings while H and W are both even and the halved min(H, W) is at
 *           least MIN_CONV_GRID, at most MAX_CONV_LEVELS (28x28: 2 levels to 7x7; 64x64: 3 to 8x8),
 *           and at most the number of channel widths configured. With L = 0 (odd or small sides)
 *           the encoder is dense only and the decoder grid is [H, W, c_1], c_1 the first width.
 */
import type { DenseLayer, Likelihood } from './weights.js';

/** The smallest side a pooled feature map may have. */
export const MIN_CONV_GRID = 4;
/** The most 2x2 poolings (and upsamplings) a convolutional VAE uses. */
export const MAX_CONV_LEVELS = 3;

/** One 3x3 stride-1 'same' convolution. */
export interface ConvLayer {
  inChannels: number;
  outChannels: number;
  /** Row-major [3, 3, inChannels, outChannels] (TF.js HWIO). */
  kernel: Float32Array;
  /** [outChannels]. */
  bias: Float32Array;
  activation: 'relu' | 'linear';
}

export interface ConvVaeWeights {
  architecture: 'conv';
  /** [C, H, W]. */
  inputShape: [number, number, number];
  latentDim: number;
  likelihood: Likelihood;
  /** Level l = 1..L: conv3x3 c_{l-1} -> c_l, relu, then 2x2 average pooling. */
  encoder: ConvLayer[];
  /** Dense layers (relu) from the NHWC-flattened last feature map to the heads; may be empty. */
  encoderDense: DenseLayer[];
  /** Features -> mu (linear). */
  mu: DenseLayer;
  /** Features -> latent logvar (linear, then clipped). */
  logvar: DenseLayer;
  /** Dense layers (relu) from z; the last outputs decoderGrid's h·w·c values. At least one. */
  decoderDense: DenseLayer[];
  /** [h_L, w_L, c] (NHWC) of the decoder's first feature map. */
  decoderGrid: [number, number, number];
  /** Level l = L..1 in that order: 2x nearest upsampling, then conv3x3 + relu. */
  decoder: ConvLayer[];
  /** c_1 -> C, linear: Gaussian mean or Bernoulli logits. */
  out: ConvLayer;
  /** Gaussian only: per-pixel output log-variance [C·H·W] in NCHW order, already clamped. */
  outputLogvar?: Float32Array;
}

/**
 * How many 2x2 poolings an [H, W] image gets: halve while both sides are even and the halved
 * smaller side is at least MIN_CONV_GRID, at most MAX_CONV_LEVELS times.
 */
export function convLevels(height: number, width: number): number {
  let levels = 0;
  let h = height;
  let w = width;
  while (levels < MAX_CONV_LEVELS && h % 2 === 0 && w % 2 === 0 && Math.min(h, w) / 2 >= MIN_CONV_GRID) {
    h /= 2;
    w /= 2;
    levels++;
  }
  return levels;
}
