/**
 * Exports an MLP VAE (`MlpVaeWeights`) as the novae model file: one ONNX graph (IR 8, opset 17)
 * with inputs `x` [N, D] and `eps` [S, N, K] and outputs `score`, `nll`, `kl`, `nll_samples`,
 * `feature_nll`, `mu`, `logvar` and `recon`, computing exactly the formulas in `vae/weights.ts`.
 */
import { LATENT_LOGVAR_MAX, LATENT_LOGVAR_MIN } from '../vae/weights.js';
import type { Activation, DenseLayer, MlpVaeWeights } from '../vae/weights.js';
import { addScoreOutputs, GraphBuilder } from './graph-builder.js';
import { encodeModel } from './onnx-proto.js';

/** IR version written (onnx 1.12 / IR_VERSION 8). */
export const MODEL_IR_VERSION = 8;
/** Default-domain opset written: 17 is the newest the onnx 1.12 checker knows. */
export const MODEL_OPSET_VERSION = 17;

export interface MlpVaeModelOptions {
  /** `metadata_props` entries; the trainer passes `{ 'novae.manifest': json }`. */
  metadata: Record<string, string>;
  producerName?: string;
  producerVersion?: string;
  docString?: string;
  /**
   * Shape of one input when it is not a flat row, e.g. `[C, H, W]` for an MLP on images: `x`,
   * `feature_nll` and `recon` then have this shape (the graph flattens `x` itself). Default `[D]`.
   */
  inputShape?: readonly number[];
}

/** Initializer names of one dense layer, shared by every pass through it. */
interface DenseParams {
  kernel: string;
  bias: string;
  activation: Activation;
}

function addDense(b: GraphBuilder, layer: DenseLayer, prefix: string, where: string): DenseParams {
  const { inDim, outDim } = layer;
  if (layer.kernel.length !== inDim * outDim) {
    throw new Error(`${where}: kernel has ${layer.kernel.length} values, expected ${inDim}x${outDim}`);
  }
  if (layer.bias.length !== outDim) throw new Error(`${where}: bias has ${layer.bias.length} values, expected ${outDim}`);
  return {
    kernel: b.addFloatInitializer(b.uniqueName(`${prefix}_kernel`), [inDim, outDim], layer.kernel),
    bias: b.addFloatInitializer(b.uniqueName(`${prefix}_bias`), [outDim], layer.bias),
    activation: layer.activation,
  };
}

/** act(input · W + b); MatMul broadcasts over any leading dimensions of `input`. */
function applyDense(b: GraphBuilder, input: string, p: DenseParams, output?: string): string {
  const linearOut = p.activation === 'linear' ? output : undefined;
  const pre = b.op('Add', [b.op('MatMul', [input, p.kernel]), p.bias], undefined, linearOut);
  switch (p.activation) {
    case 'linear':
      return pre;
    case 'relu':
      return b.op('Relu', [pre], undefined, output);
    case 'tanh':
      return b.op('Tanh', [pre], undefined, output);
    case 'elu':
      return b.op('Elu', [pre], { alpha: { float: 1 } }, output);
    default:
      throw new Error(`unsupported activation: ${String(p.activation)}`);
  }
}

/** Checks that the layer dimensions chain from `from` to `to`. */
function checkChain(layers: readonly DenseLayer[], from: number, where: string): number {
  let dim = from;
  layers.forEach((l, i) => {
    if (l.inDim !== dim) throw new Error(`${where}[${i}]: inDim ${l.inDim}, expected ${dim}`);
    dim = l.outDim;
  });
  return dim;
}

function validate(w: MlpVaeWeights): void {
  const D = w.inputDim;
  const K = w.latentDim;
  const h = checkChain(w.encoder, D, 'encoder');
  checkChain([w.mu], h, 'mu');
  checkChain([w.logvar], h, 'logvar');
  if (w.mu.outDim !== K || w.logvar.outDim !== K) throw new Error(`mu/logvar must output latentDim ${K}`);
  if (w.mu.activation !== 'linear' || w.logvar.activation !== 'linear') throw new Error('mu/logvar must be linear');
  const g = checkChain(w.decoder, K, 'decoder');
  checkChain([w.out], g, 'out');
  if (w.out.outDim !== D) throw new Error(`out must output inputDim ${D}, got ${w.out.outDim}`);
  if (w.out.activation !== 'linear') throw new Error('out must be linear');
  if (w.likelihood === 'gaussian' && w.outputLogvar?.length !== D) {
    throw new Error(`gaussian likelihood needs outputLogvar of length ${D}`);
  }
}

/** The value names one member's sub-graph produces. */
interface MemberOutputs {
  /** [S, N, D] per-feature NLL. */
  featureNll: string;
  /** [N, K] posterior mean and clipped log-variance. */
  mu: string;
  logvar: string;
  /** [N] analytic KL. */
  kl: string;
  /** [N, D] decoder mean (Gaussian) or probability (Bernoulli) at z = mu. */
  recon: string;
}

/**
 * One member's encoder, sampling, decoder, per-feature NLL and KL, on `x` with noise `eps`
 * ([S, N, K]). With `names`, the tensors that are graph outputs get exactly those names.
 */
function addMember(
  b: GraphBuilder, weights: MlpVaeWeights, x: string, eps: string, prefix: string,
  names?: { mu: string; logvar: string; recon: string; kl: string },
): MemberOutputs {
  const D = weights.inputDim;
  // Encoder: h = act(h · W + b) per layer; mu and clipped logvar heads.
  let h = x;
  weights.encoder.forEach((layer, i) => {
    h = applyDense(b, h, addDense(b, layer, `${prefix}encoder_${i}`, `${prefix}encoder[${i}]`));
  });
  const mu = applyDense(b, h, addDense(b, weights.mu, `${prefix}mu`, `${prefix}mu`), names?.mu);
  const logvarRaw = applyDense(b, h, addDense(b, weights.logvar, `${prefix}logvar`, `${prefix}logvar`));
  const lvMin = b.scalarFloat('logvar_min', LATENT_LOGVAR_MIN);
  const lvMax = b.scalarFloat('logvar_max', LATENT_LOGVAR_MAX);
  const logvar = b.op('Clip', [logvarRaw, lvMin, lvMax], undefined, names?.logvar);

  // Sampling: z[s] = mu + exp(0.5 · logvar) · eps[s]  ([N,K] broadcast against [S,N,K]).
  const half = b.scalarFloat('half', 0.5);
  const std = b.op('Exp', [b.op('Mul', [logvar, half])]);
  const z = b.op('Add', [mu, b.op('Mul', [std, eps])]);

  // Decoder, shared by the sampled pass (rank 3) and the posterior-mean pass (rank 2).
  const decoder = weights.decoder.map((layer, i) => addDense(b, layer, `${prefix}decoder_${i}`, `${prefix}decoder[${i}]`));
  const outParams = addDense(b, weights.out, `${prefix}out`, `${prefix}out`);
  const decode = (input: string, output?: string): string => {
    let g = input;
    for (const p of decoder) g = applyDense(b, g, p);
    return applyDense(b, g, outParams, output);
  };
  const out = decode(z); // [S, N, D]

  // Per-feature NLL [S, N, D].
  let featureNll: string;
  let recon: string;
  if (weights.likelihood === 'gaussian') {
    const lv = weights.outputLogvar!;
    const invVar = new Float32Array(D);
    const lvPlusLog2Pi = new Float32Array(D);
    for (let j = 0; j < D; j++) {
      invVar[j] = Math.exp(-lv[j]);
      lvPlusLog2Pi[j] = lv[j] + Math.log(2 * Math.PI);
    }
    const diff = b.op('Sub', [x, out]);
    const scaled = b.op('Mul', [b.op('Mul', [diff, diff]), b.constFloat(`${prefix}inv_output_var`, [D], invVar)]);
    const summed = b.op('Add', [scaled, b.constFloat(`${prefix}output_logvar_plus_log_2pi`, [D], lvPlusLog2Pi)]);
    featureNll = b.op('Mul', [summed, half]);
    recon = decode(mu, names?.recon);
  } else {
    featureNll = b.op('Sub', [b.op('Softplus', [out]), b.op('Mul', [x, out])]);
    recon = b.op('Sigmoid', [decode(mu)], undefined, names?.recon);
  }

  // KL = -0.5 · Σ_k (1 + logvar − mu² − exp(logvar)).
  const onePlusLv = b.op('Add', [logvar, b.scalarFloat('one', 1)]);
  const klTerms = b.op('Sub', [b.op('Sub', [onePlusLv, b.op('Mul', [mu, mu])]), b.op('Exp', [logvar])]);
  const latentAxis = b.constInt64('axes_latent', [1], [1]);
  const klSum = b.op('ReduceSum', [klTerms, latentAxis], { keepdims: { int: 0 } });
  const kl = b.op('Mul', [klSum, b.scalarFloat('minus_half', -0.5)], undefined, names?.kl);
  return { featureNll, mu, logvar, kl, recon };
}

/** Mean of same-shaped tensors: `Mean` for several, the tensor itself for one. */
function meanOf(b: GraphBuilder, values: readonly string[], output?: string): string {
  if (values.length === 1) return output === undefined ? values[0]! : b.op('Identity', [values[0]!], undefined, output);
  return b.op('Mean', [...values], undefined, output);
}

/**
 * Builds the model file for an MLP VAE, or for an ensemble of M MLP VAEs of the same input width,
 * and returns its ONNX bytes.
 *
 * An ensemble is one model with a block latent: `eps` is [S, N, M·K] (member m reads its slice
 * m·K..(m+1)·K), `mu` and `logvar` are the members' posteriors concatenated to [N, M·K], and
 * `nll`, `kl`, `nll_samples`, `feature_nll` and `recon` are the mean over the members, so
 * `score` = `nll` + `kl` is the mean of the members' negative ELBOs.
 */
export function buildMlpVaeModel(weights: MlpVaeWeights | readonly MlpVaeWeights[], options: MlpVaeModelOptions): Uint8Array {
  const members = Array.isArray(weights) ? (weights as readonly MlpVaeWeights[]) : [weights as MlpVaeWeights];
  if (members.length === 0) throw new Error('buildMlpVaeModel: no members');
  members.forEach(validate);
  const first = members[0]!;
  const D = first.inputDim;
  const K = first.latentDim;
  members.forEach((w, m) => {
    if (w.inputDim !== D || w.latentDim !== K || w.likelihood !== first.likelihood) {
      throw new Error(`member ${m}: inputDim, latentDim and likelihood must match member 0 (${D}, ${K}, ${first.likelihood})`);
    }
  });
  const M = members.length;
  const b = new GraphBuilder('novae_mlp_vae');
  const inputShape = options.inputShape ?? [D];
  if (inputShape.reduce((a, v) => a * v, 1) !== D) {
    throw new Error(`inputShape [${inputShape.join(', ')}] does not hold the ${D} input features`);
  }
  const shaped = inputShape.length > 1;

  const xIn = b.addInput('x', ['N', ...inputShape]);
  // An input with more than one dimension (an image) is flattened to [N, D] rows first.
  const x = shaped ? b.op('Flatten', [xIn], { axis: { int: 1 } }) : xIn;
  /** [N, D] -> [N, ...inputShape] for the shaped outputs. */
  const unflatten = (value: string, output: string): string =>
    b.op('Reshape', [value, b.constInt64('shape_input', [inputShape.length + 1], [-1, ...inputShape])], undefined, output);
  const eps = b.addInput('eps', ['S', 'N', M * K]);
  b.addOutput('score', ['N']);
  b.addOutput('nll', ['N']);
  b.addOutput('kl', ['N']);
  b.addOutput('nll_samples', ['S', 'N']);
  b.addOutput('feature_nll', ['N', ...inputShape]);
  b.addOutput('mu', ['N', M * K]);
  b.addOutput('logvar', ['N', M * K]);
  b.addOutput('recon', ['N', ...inputShape]);
  const reconName = shaped ? 'recon_flat' : 'recon';

  let outputs: MemberOutputs[];
  if (M === 1) {
    outputs = [addMember(b, first, x, eps, '', { mu: 'mu', logvar: 'logvar', recon: reconName, kl: 'kl' })];
  } else {
    const latentAxis = b.constInt64('axes_eps_latent', [1], [2]);
    outputs = members.map((w, m) => {
      const slice = b.op('Slice', [
        eps, b.constInt64(`eps_start_${m}`, [1], [m * K]), b.constInt64(`eps_end_${m}`, [1], [(m + 1) * K]), latentAxis,
      ]);
      return addMember(b, w, x, slice, `m${m}_`);
    });
    b.op('Concat', outputs.map((o) => o.mu), { axis: { int: 1 } }, 'mu');
    b.op('Concat', outputs.map((o) => o.logvar), { axis: { int: 1 } }, 'logvar');
    meanOf(b, outputs.map((o) => o.recon), reconName);
    meanOf(b, outputs.map((o) => o.kl), 'kl');
  }
  const featureNll = meanOf(b, outputs.map((o) => o.featureNll));

  // Reductions: over features (sum), then over samples (mean).
  const featureNllName = shaped ? 'feature_nll_flat' : 'feature_nll';
  addScoreOutputs(b, featureNll, [2], featureNllName);
  if (shaped) {
    unflatten(featureNllName, 'feature_nll');
    unflatten(reconName, 'recon');
  }
  return encodeNovaeModel(b, options);
}

/** The finished graph as model-file bytes: IR 8, opset 17, the producer and the metadata entries. */
export function encodeNovaeModel(b: GraphBuilder, options: MlpVaeModelOptions): Uint8Array {
  return encodeModel(
    b.toModel({
      irVersion: MODEL_IR_VERSION,
      opsetVersion: MODEL_OPSET_VERSION,
      producerName: options.producerName ?? '@novae/trainer',
      producerVersion: options.producerVersion,
      docString: options.docString,
      metadata: options.metadata,
    }),
  );
}
