/**
 * The trained parameters of an MLP VAE as plain arrays: what the TF.js model hands to the ONNX
 * exporter. Both `forward.ts` (TF.js) and `onnx/mlp-vae-graph.ts` (ONNX) implement exactly the
 * formulas documented here; the trainer checks after export that they agree within 1e-4.
 *
 * Encoder:  h = x; for each layer: h = act(h · W + b)            (W is [inDim, outDim], row-major)
 *           mu = h · Wmu + bmu;  logvar = clip(h · Wlv + blv, LATENT_LOGVAR_MIN, LATENT_LOGVAR_MAX)
 * Sampling: z[s] = mu + exp(0.5 · logvar) · eps[s]                (eps: [S, N, K])
 * Decoder:  g = z; for each layer: g = act(g · W + b);  out = g · Wout + bout
 * Gaussian: mean = out; per-feature NLL = 0.5 · ((x − mean)² · exp(−lv) + lv + log 2π), lv = outputLogvar
 * Bernoulli: logits = out; per-feature NLL = softplus(logits) − x · logits; recon = sigmoid(logits)
 * KL:       −0.5 · Σ_k (1 + logvar − mu² − exp(logvar))
 */

export const LATENT_LOGVAR_MIN = -12;
export const LATENT_LOGVAR_MAX = 8;

export type Activation = 'relu' | 'tanh' | 'elu' | 'linear';

export interface DenseLayer {
  inDim: number;
  outDim: number;
  /** Row-major [inDim, outDim]. */
  kernel: Float32Array;
  /** [outDim]. */
  bias: Float32Array;
  activation: Activation;
}

export type Likelihood = 'gaussian' | 'bernoulli';

/**
 * Gaussian likelihood: one learned output log-variance per feature (`'feature'`), or one for all
 * features (`'shared'`, an isotropic Gaussian: the NLL is a scaled squared error plus a constant).
 * Exported alike: the shared value is written once per feature.
 */
export type OutputVariance = 'feature' | 'shared';

export interface MlpVaeWeights {
  inputDim: number;
  latentDim: number;
  likelihood: Likelihood;
  /** Hidden layers x -> h. */
  encoder: DenseLayer[];
  /** h -> mu (linear). */
  mu: DenseLayer;
  /** h -> latent logvar (linear, then clipped). */
  logvar: DenseLayer;
  /** Hidden layers z -> g. */
  decoder: DenseLayer[];
  /** g -> mean (gaussian) or logits (bernoulli), linear. */
  out: DenseLayer;
  /** Gaussian only: per-feature output log-variance [inputDim], already clamped. */
  outputLogvar?: Float32Array;
}
