/**
 * Exports a convolutional VAE (`ConvVaeWeights`) as the novae model file: one ONNX graph (IR 8,
 * opset 17) with inputs `x` [N, C, H, W] and `eps` [S, N, K] and outputs `score`, `nll`, `kl`,
 * `nll_samples` [S, N], `feature_nll` [N, C, H, W], `mu`, `logvar` and `recon` [N, C, H, W],
 * computing exactly the formulas in `vae/conv-weights.ts`.
 *
 * The graph runs in NCHW, ONNX's native layout for Conv, AveragePool and Resize; the weights are the
 * TF.js (NHWC) ones: conv kernels are transposed from [3, 3, in, out] to [out, in, 3, 3], and the
 * feature maps are transposed to NHWC around the dense layers, so the dense kernels are used unchanged.
 * The decoder runs once on all S·N sampled rows and once on the N posterior means (for `recon`).
 */
import { LATENT_LOGVAR_MAX, LATENT_LOGVAR_MIN } from '../vae/weights.js';
import type { DenseLayer } from '../vae/weights.js';
import type { ConvLayer, ConvVaeWeights } from '../vae/conv-weights.js';
import { addScoreOutputs, GraphBuilder } from './graph-builder.js';
import { encodeNovaeModel, type MlpVaeModelOptions } from './mlp-vae-graph.js';

interface LayerParams {
  weight: string;
  bias: string;
  activation: 'relu' | 'linear';
}

function checkActivation(activation: string, where: string): asserts activation is 'relu' | 'linear' {
  if (activation !== 'relu' && activation !== 'linear') {
    throw new Error(`${where}: activation must be relu or linear, got ${activation}`);
  }
}

function checkDense(layer: DenseLayer, inDim: number, where: string): number {
  if (layer.inDim !== inDim) throw new Error(`${where}: inDim ${layer.inDim}, expected ${inDim}`);
  if (layer.kernel.length !== layer.inDim * layer.outDim) {
    throw new Error(`${where}: kernel has ${layer.kernel.length} values, expected ${layer.inDim}x${layer.outDim}`);
  }
  if (layer.bias.length !== layer.outDim) throw new Error(`${where}: bias has ${layer.bias.length} values, expected ${layer.outDim}`);
  checkActivation(layer.activation, where);
  return layer.outDim;
}

function checkConv(layer: ConvLayer, inChannels: number, where: string): number {
  if (layer.inChannels !== inChannels) throw new Error(`${where}: inChannels ${layer.inChannels}, expected ${inChannels}`);
  if (layer.kernel.length !== 9 * layer.inChannels * layer.outChannels) {
    throw new Error(`${where}: kernel has ${layer.kernel.length} values, expected 3x3x${layer.inChannels}x${layer.outChannels}`);
  }
  if (layer.bias.length !== layer.outChannels) {
    throw new Error(`${where}: bias has ${layer.bias.length} values, expected ${layer.outChannels}`);
  }
  checkActivation(layer.activation, where);
  return layer.outChannels;
}

/** Checks that every layer chains into the next and the shapes fit the image; throws naming the field. */
function validate(w: ConvVaeWeights): void {
  if (w.architecture !== 'conv') throw new Error(`buildConvVaeModel: architecture must be 'conv', got ${String(w.architecture)}`);
  const shape = w.inputShape;
  if (shape.length !== 3 || !shape.every((d) => Number.isInteger(d) && d > 0)) {
    throw new Error(`inputShape must be [C, H, W] of positive integers, got [${shape.join(', ')}]`);
  }
  const [C, H, W] = shape;
  const K = w.latentDim;
  const scale = 2 ** w.encoder.length;
  if (H % scale !== 0 || W % scale !== 0) {
    throw new Error(`inputShape [${shape.join(', ')}]: ${w.encoder.length} poolings need H and W divisible by ${scale}`);
  }
  let channels = C;
  w.encoder.forEach((l, i) => { channels = checkConv(l, channels, `encoder[${i}]`); });
  let dim = (H / scale) * (W / scale) * channels;
  w.encoderDense.forEach((l, i) => { dim = checkDense(l, dim, `encoderDense[${i}]`); });
  checkDense(w.mu, dim, 'mu');
  checkDense(w.logvar, dim, 'logvar');
  if (w.mu.outDim !== K || w.logvar.outDim !== K) throw new Error(`mu/logvar must output latentDim ${K}`);
  if (w.mu.activation !== 'linear' || w.logvar.activation !== 'linear') throw new Error('mu/logvar must be linear');
  if (w.decoderDense.length === 0) throw new Error('decoderDense must hold at least one layer');
  dim = K;
  w.decoderDense.forEach((l, i) => { dim = checkDense(l, dim, `decoderDense[${i}]`); });
  const [gh, gw, gc] = w.decoderGrid;
  if (gh * gw * gc !== dim) throw new Error(`decoderGrid [${w.decoderGrid.join(', ')}] needs ${gh * gw * gc} values, decoderDense outputs ${dim}`);
  const up = 2 ** w.decoder.length;
  if (gh * up !== H || gw * up !== W) {
    throw new Error(`decoderGrid [${w.decoderGrid.join(', ')}] upsampled ${w.decoder.length} times is not ${H}x${W}`);
  }
  channels = gc;
  w.decoder.forEach((l, i) => { channels = checkConv(l, channels, `decoder[${i}]`); });
  if (checkConv(w.out, channels, 'out') !== C) throw new Error(`out must output ${C} channels, got ${w.out.outChannels}`);
  if (w.out.activation !== 'linear') throw new Error('out must be linear');
  if (w.likelihood === 'gaussian' && w.outputLogvar?.length !== C * H * W) {
    throw new Error(`gaussian likelihood needs outputLogvar of length ${C * H * W}`);
  }
}

/** TF.js HWIO [3, 3, in, out] -> ONNX OIHW [out, in, 3, 3]. */
export function hwioToOihw(kernel: Float32Array, inChannels: number, outChannels: number): Float32Array {
  const out = new Float32Array(kernel.length);
  for (let a = 0; a < 3; a++) {
    for (let b = 0; b < 3; b++) {
      for (let i = 0; i < inChannels; i++) {
        for (let o = 0; o < outChannels; o++) {
          out[((o * inChannels + i) * 3 + a) * 3 + b] = kernel[((a * 3 + b) * inChannels + i) * outChannels + o]!;
        }
      }
    }
  }
  return out;
}

function addConv(b: GraphBuilder, layer: ConvLayer, prefix: string): LayerParams {
  const { inChannels, outChannels } = layer;
  return {
    weight: b.constFloat(`${prefix}_weight`, [outChannels, inChannels, 3, 3], hwioToOihw(layer.kernel, inChannels, outChannels)),
    bias: b.constFloat(`${prefix}_bias`, [outChannels], layer.bias),
    activation: layer.activation,
  };
}

function addDense(b: GraphBuilder, layer: DenseLayer, prefix: string): LayerParams {
  return {
    weight: b.constFloat(`${prefix}_kernel`, [layer.inDim, layer.outDim], layer.kernel),
    bias: b.constFloat(`${prefix}_bias`, [layer.outDim], layer.bias),
    activation: layer.activation as LayerParams['activation'],
  };
}

function activate(b: GraphBuilder, pre: string, p: LayerParams, output?: string): string {
  return p.activation === 'relu' ? b.op('Relu', [pre], undefined, output) : pre;
}

/** 3x3 stride-1 convolution with zero padding 1 on every side, NCHW. */
function applyConv(b: GraphBuilder, input: string, p: LayerParams, output?: string): string {
  const attributes = { kernel_shape: { ints: [3, 3] }, pads: { ints: [1, 1, 1, 1] } };
  const pre = b.op('Conv', [input, p.weight, p.bias], attributes, p.activation === 'linear' ? output : undefined);
  return activate(b, pre, p, output);
}

function applyDense(b: GraphBuilder, input: string, p: LayerParams, output?: string): string {
  const pre = b.op('Add', [b.op('MatMul', [input, p.weight]), p.bias], undefined, p.activation === 'linear' ? output : undefined);
  return activate(b, pre, p, output);
}

/**
 * Builds the model file for a convolutional VAE and returns its ONNX bytes. `options` are those of
 * `buildMlpVaeModel` (metadata, producer); the input shape is the weights' own.
 */
export function buildConvVaeModel(weights: ConvVaeWeights, options: MlpVaeModelOptions): Uint8Array {
  validate(weights);
  const [C, H, W] = weights.inputShape;
  const K = weights.latentDim;
  const b = new GraphBuilder('novae_conv_vae');

  const x = b.addInput('x', ['N', C, H, W]);
  const eps = b.addInput('eps', ['S', 'N', K]);
  b.addOutput('score', ['N']);
  b.addOutput('nll', ['N']);
  b.addOutput('kl', ['N']);
  b.addOutput('nll_samples', ['S', 'N']);
  b.addOutput('feature_nll', ['N', C, H, W]);
  b.addOutput('mu', ['N', K]);
  b.addOutput('logvar', ['N', K]);
  b.addOutput('recon', ['N', C, H, W]);

  // Encoder: per level conv3x3 + relu, 2x2 average pooling; flatten in NHWC order; dense; heads.
  let h = x;
  weights.encoder.forEach((layer, i) => {
    h = applyConv(b, h, addConv(b, layer, `encoder_${i}`));
    h = b.op('AveragePool', [h], { kernel_shape: { ints: [2, 2] }, strides: { ints: [2, 2] } });
  });
  const scale = 2 ** weights.encoder.length;
  const lastChannels = weights.encoder.at(-1)?.outChannels ?? C;
  const flatDim = (H / scale) * (W / scale) * lastChannels;
  const nhwc = b.op('Transpose', [h], { perm: { ints: [0, 2, 3, 1] } });
  let f = b.op('Reshape', [nhwc, b.constInt64('shape_encoder_flat', [2], [-1, flatDim])]);
  weights.encoderDense.forEach((layer, i) => { f = applyDense(b, f, addDense(b, layer, `encoder_dense_${i}`)); });
  const mu = applyDense(b, f, addDense(b, weights.mu, 'mu'), 'mu');
  const logvarRaw = applyDense(b, f, addDense(b, weights.logvar, 'logvar'));
  const logvar = b.op('Clip', [logvarRaw, b.scalarFloat('logvar_min', LATENT_LOGVAR_MIN), b.scalarFloat('logvar_max', LATENT_LOGVAR_MAX)], undefined, 'logvar');

  // Sampling: z[s] = mu + exp(0.5 · logvar) · eps[s]  ([N, K] broadcast against [S, N, K]).
  const half = b.scalarFloat('half', 0.5);
  const z = b.op('Add', [mu, b.op('Mul', [b.op('Exp', [b.op('Mul', [logvar, half])]), eps])]);

  // Decoder on rows [M, K] -> [M, C, H, W]; shared by the S·N samples and the N means.
  const decoderDense = weights.decoderDense.map((layer, i) => addDense(b, layer, `decoder_dense_${i}`));
  const decoder = weights.decoder.map((layer, i) => addConv(b, layer, `decoder_${i}`));
  const outParams = addConv(b, weights.out, 'out');
  const gridShape = b.constInt64('shape_decoder_grid', [4], [-1, ...weights.decoderGrid]);
  // Resize's defaults (nearest, half_pixel, round_prefer_floor) at scale 2 read source pixel
  // round((i + 0.5) / 2 - 0.5) = floor(i / 2): the nearest-neighbour upsampling of conv-weights.ts.
  const upScales = decoder.length > 0 ? b.constFloat('upsample_scales', [4], [1, 1, 2, 2]) : '';
  const decode = (rows: string, output?: string): string => {
    let g = rows;
    for (const p of decoderDense) g = applyDense(b, g, p);
    let m = b.op('Transpose', [b.op('Reshape', [g, gridShape])], { perm: { ints: [0, 3, 1, 2] } });
    for (const p of decoder) m = applyConv(b, b.op('Resize', [m, '', upScales]), p);
    return applyConv(b, m, outParams, output);
  };
  const sampledRows = b.op('Reshape', [z, b.constInt64('shape_latent_rows', [2], [-1, K])]);
  const sampleShape = b.op('Concat', [
    b.op('Shape', [eps], { start: { int: 0 }, end: { int: 2 } }), b.constInt64('shape_image', [3], [C, H, W]),
  ], { axis: { int: 0 } });
  const out = b.op('Reshape', [decode(sampledRows), sampleShape]); // [S, N, C, H, W]

  // Per-pixel NLL [S, N, C, H, W].
  let featureNll: string;
  if (weights.likelihood === 'gaussian') {
    const lv = weights.outputLogvar!;
    const invVar = Float32Array.from(lv, (v) => Math.exp(-v));
    const lvPlusLog2Pi = Float32Array.from(lv, (v) => v + Math.log(2 * Math.PI));
    const diff = b.op('Sub', [x, out]);
    const scaled = b.op('Mul', [b.op('Mul', [diff, diff]), b.constFloat('inv_output_var', [C, H, W], invVar)]);
    featureNll = b.op('Mul', [b.op('Add', [scaled, b.constFloat('output_logvar_plus_log_2pi', [C, H, W], lvPlusLog2Pi)]), half]);
    decode(mu, 'recon');
  } else {
    featureNll = b.op('Sub', [b.op('Softplus', [out]), b.op('Mul', [x, out])]);
    b.op('Sigmoid', [decode(mu)], undefined, 'recon');
  }

  // KL = -0.5 · Σ_k (1 + logvar − mu² − exp(logvar)).
  const onePlusLv = b.op('Add', [logvar, b.scalarFloat('one', 1)]);
  const klTerms = b.op('Sub', [b.op('Sub', [onePlusLv, b.op('Mul', [mu, mu])]), b.op('Exp', [logvar])]);
  const klSum = b.op('ReduceSum', [klTerms, b.constInt64('axes_latent', [1], [1])], { keepdims: { int: 0 } });
  b.op('Mul', [klSum, b.scalarFloat('minus_half', -0.5)], undefined, 'kl');

  // Reductions: over pixels (sum), then over samples (mean).
  addScoreOutputs(b, featureNll, [2, 3, 4]);

  return encodeNovaeModel(b, options);
}
