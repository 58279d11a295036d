/**
 * Exports an MLP VAE (`MlpVaeWeights`) as the novae model file: one ONNX graph (IR 8, opset 17)
 * with inputs `x` [N, D] and `eps` [S, N, K] and outputs `score`, `nll`, `kl`, `nll_samples`,
 * `feature_nll`, `mu`, `logvar` and `recon`, computing exactly the formulas in `vae/weights.ts`.
 */
import { LATENT_LOGVAR_MAX, LATENT_LOGVAR_MIN } from '../vae/weights.js';
import type { Activation, DenseLayer, MlpVaeWeights } from '../vae/weights.js';
import { GraphBuilder } from './graph-builder.js';
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

/** Builds the model file for an MLP VAE and returns its ONNX bytes. */
export function buildMlpVaeModel(weights: MlpVaeWeights, options: MlpVaeModelOptions): Uint8Array {
  validate(weights);
  const D = weights.inputDim;
  const K = weights.latentDim;
  const b = new GraphBuilder('novae_mlp_vae');

  const x = b.addInput('x', ['N', D]);
  const eps = b.addInput('eps', ['S', 'N', K]);
  b.addOutput('score', ['N']);
  b.addOutput('nll', ['N']);
  b.addOutput('kl', ['N']);
  b.addOutput('nll_samples', ['S', 'N']);
  b.addOutput('feature_nll', ['N', D]);
  b.addOutput('mu', ['N', K]);
  b.addOutput('logvar', ['N', K]);
  b.addOutput('recon', ['N', D]);

  // Encoder: h = act(h · W + b) per layer; mu and clipped logvar heads.
  let h = x;
  weights.encoder.forEach((layer, i) => {
    h = applyDense(b, h, addDense(b, layer, `encoder_${i}`, `encoder[${i}]`));
  });
  const mu = applyDense(b, h, addDense(b, weights.mu, 'mu', 'mu'), 'mu');
  const logvarRaw = applyDense(b, h, addDense(b, weights.logvar, 'logvar', 'logvar'));
  const lvMin = b.scalarFloat('logvar_min', LATENT_LOGVAR_MIN);
  const lvMax = b.scalarFloat('logvar_max', LATENT_LOGVAR_MAX);
  const logvar = b.op('Clip', [logvarRaw, lvMin, lvMax], undefined, 'logvar');

  // Sampling: z[s] = mu + exp(0.5 · logvar) · eps[s]  ([N,K] broadcast against [S,N,K]).
  const half = b.scalarFloat('half', 0.5);
  const std = b.op('Exp', [b.op('Mul', [logvar, half])]);
  const z = b.op('Add', [mu, b.op('Mul', [std, eps])]);

  // Decoder, shared by the sampled pass (rank 3) and the posterior-mean pass (rank 2).
  const decoder = weights.decoder.map((layer, i) => addDense(b, layer, `decoder_${i}`, `decoder[${i}]`));
  const outParams = addDense(b, weights.out, 'out', 'out');
  const decode = (input: string, output?: string): string => {
    let g = input;
    for (const p of decoder) g = applyDense(b, g, p);
    return applyDense(b, g, outParams, output);
  };
  const out = decode(z); // [S, N, D]

  // Per-feature NLL [S, N, D].
  let featureNll: string;
  if (weights.likelihood === 'gaussian') {
    const lv = weights.outputLogvar!;
    const invVar = new Float32Array(D);
    const lvPlusLog2Pi = new Float32Array(D);
    for (let j = 0; j < D; j++) {
      invVar[j] = Math.exp(-lv[j]);
      lvPlusLog2Pi[j] = lv[j] + Math.log(2 * Math.PI);
    }
    const diff = b.op('Sub', [x, out]);
    const scaled = b.op('Mul', [b.op('Mul', [diff, diff]), b.constFloat('inv_output_var', [D], invVar)]);
    const summed = b.op('Add', [scaled, b.constFloat('output_logvar_plus_log_2pi', [D], lvPlusLog2Pi)]);
    featureNll = b.op('Mul', [summed, half]);
    decode(mu, 'recon');
  } else {
    featureNll = b.op('Sub', [b.op('Softplus', [out]), b.op('Mul', [x, out])]);
    b.op('Sigmoid', [decode(mu)], undefined, 'recon');
  }

  // Reductions: over features (sum), then over samples (mean).
  const featureAxis = b.constInt64('axes_features', [1], [2]);
  const nllSamples = b.op('ReduceSum', [featureNll, featureAxis], { keepdims: { int: 0 } }, 'nll_samples');
  b.op('ReduceMean', [featureNll], { axes: { ints: [0] }, keepdims: { int: 0 } }, 'feature_nll');
  const nll = b.op('ReduceMean', [nllSamples], { axes: { ints: [0] }, keepdims: { int: 0 } }, 'nll');

  // KL = -0.5 · Σ_k (1 + logvar − mu² − exp(logvar)).
  const onePlusLv = b.op('Add', [logvar, b.scalarFloat('one', 1)]);
  const klTerms = b.op('Sub', [b.op('Sub', [onePlusLv, b.op('Mul', [mu, mu])]), b.op('Exp', [logvar])]);
  const latentAxis = b.constInt64('axes_latent', [1], [1]);
  const klSum = b.op('ReduceSum', [klTerms, latentAxis], { keepdims: { int: 0 } });
  const kl = b.op('Mul', [klSum, b.scalarFloat('minus_half', -0.5)], undefined, 'kl');

  b.op('Add', [nll, kl], undefined, 'score');

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
