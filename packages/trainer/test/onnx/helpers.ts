/**
 * Test helpers for the ONNX exporter: a seeded generator, random MLP VAE weights, a plain-JS
 * float64 reference of the formulas in `vae/weights.ts`, and a tolerance comparison.
 */
import { expect } from 'vitest';
import { LATENT_LOGVAR_MAX, LATENT_LOGVAR_MIN } from '../../src/vae/weights.js';
import type { Activation, DenseLayer, Likelihood, MlpVaeWeights } from '../../src/vae/weights.js';

/** mulberry32 from @novae/runtime (the PRNG behind its `eps`): floats in [0, 1). */
import { mulberry32 } from '@novae/runtime';
export { mulberry32 };

/** Standard normal draws (Box–Muller) as float32. */
export function normals(rand: () => number, n: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const u = 1 - rand();
    out[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  }
  return out;
}

function uniform(rand: () => number, n: number, lo: number, hi: number): Float32Array {
  return Float32Array.from({ length: n }, () => lo + (hi - lo) * rand());
}

function dense(rand: () => number, inDim: number, outDim: number, activation: Activation): DenseLayer {
  const scale = 1 / Math.sqrt(inDim);
  return {
    inDim,
    outDim,
    kernel: uniform(rand, inDim * outDim, -scale, scale),
    bias: uniform(rand, outDim, -0.3, 0.3),
    activation,
  };
}

export interface RandomWeightsOptions {
  seed: number;
  inputDim: number;
  latentDim: number;
  hidden: number[];
  activation: Activation;
  likelihood: Likelihood;
}

/** Random MLP VAE weights; encoder and decoder both use `hidden` (decoder reversed). */
export function randomWeights(o: RandomWeightsOptions): MlpVaeWeights {
  const rand = mulberry32(o.seed);
  const encoder: DenseLayer[] = [];
  let dim = o.inputDim;
  for (const h of o.hidden) {
    encoder.push(dense(rand, dim, h, o.activation));
    dim = h;
  }
  const mu = dense(rand, dim, o.latentDim, 'linear');
  const logvar = dense(rand, dim, o.latentDim, 'linear');
  const decoder: DenseLayer[] = [];
  dim = o.latentDim;
  for (const h of [...o.hidden].reverse()) {
    decoder.push(dense(rand, dim, h, o.activation));
    dim = h;
  }
  const out = dense(rand, dim, o.inputDim, 'linear');
  const weights: MlpVaeWeights = {
    inputDim: o.inputDim,
    latentDim: o.latentDim,
    likelihood: o.likelihood,
    encoder,
    mu,
    logvar,
    decoder,
    out,
  };
  if (o.likelihood === 'gaussian') weights.outputLogvar = uniform(rand, o.inputDim, -1, 1);
  return weights;
}

function act(a: Activation, v: number): number {
  switch (a) {
    case 'relu':
      return Math.max(0, v);
    case 'tanh':
      return Math.tanh(v);
    case 'elu':
      return v > 0 ? v : Math.expm1(v);
    case 'linear':
      return v;
  }
}

function applyLayer(layer: DenseLayer, input: number[]): number[] {
  const out: number[] = [];
  for (let j = 0; j < layer.outDim; j++) {
    let s = layer.bias[j];
    for (let i = 0; i < layer.inDim; i++) s += input[i] * layer.kernel[i * layer.outDim + j];
    out.push(act(layer.activation, s));
  }
  return out;
}

const softplus = (v: number): number => (v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v)));

/** Every graph output, computed in float64 (flattened row-major like the ORT tensors). */
export interface ReferenceOutputs {
  score: number[];
  nll: number[];
  kl: number[];
  nll_samples: number[];
  feature_nll: number[];
  mu: number[];
  logvar: number[];
  recon: number[];
}

/** Plain-JS reference of the model file's outputs for x [N, D] and eps [S, N, K]. */
export function reference(w: MlpVaeWeights, x: Float32Array, eps: Float32Array, n: number, s: number): ReferenceOutputs {
  const D = w.inputDim;
  const K = w.latentDim;
  const r: ReferenceOutputs = { score: [], nll: [], kl: [], nll_samples: new Array(s * n).fill(0), feature_nll: [], mu: [], logvar: [], recon: [] };
  const decode = (z: number[]): number[] => applyLayer(w.out, w.decoder.reduce((g, l) => applyLayer(l, g), z));
  for (let row = 0; row < n; row++) {
    const xr = Array.from(x.subarray(row * D, (row + 1) * D));
    const h = w.encoder.reduce((g, l) => applyLayer(l, g), xr);
    const mu = applyLayer(w.mu, h);
    const lv = applyLayer(w.logvar, h).map((v) => Math.min(LATENT_LOGVAR_MAX, Math.max(LATENT_LOGVAR_MIN, v)));
    r.mu.push(...mu);
    r.logvar.push(...lv);
    const fnll = new Array<number>(D).fill(0);
    let nll = 0;
    for (let si = 0; si < s; si++) {
      const z = mu.map((m, k) => m + Math.exp(0.5 * lv[k]) * eps[(si * n + row) * K + k]);
      const out = decode(z);
      let total = 0;
      for (let j = 0; j < D; j++) {
        let f: number;
        if (w.likelihood === 'gaussian') {
          const olv = w.outputLogvar![j];
          f = 0.5 * ((xr[j] - out[j]) ** 2 * Math.exp(-olv) + olv + Math.log(2 * Math.PI));
        } else {
          f = softplus(out[j]) - xr[j] * out[j];
        }
        fnll[j] += f / s;
        total += f;
      }
      r.nll_samples[si * n + row] = total;
      nll += total / s;
    }
    const kl = -0.5 * mu.reduce((acc, m, k) => acc + 1 + lv[k] - m * m - Math.exp(lv[k]), 0);
    r.feature_nll.push(...fnll);
    r.nll.push(nll);
    r.kl.push(kl);
    r.score.push(nll + kl);
    const meanOut = decode(mu);
    r.recon.push(...(w.likelihood === 'gaussian' ? meanOut : meanOut.map((v) => 1 / (1 + Math.exp(-v)))));
  }
  return r;
}

/** Asserts |actual − expected| ≤ atol + rtol · |expected| elementwise, naming the first bad index. */
export function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  rtol = 1e-4,
  atol = 1e-5,
  label = 'value',
): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    const ok = Number.isFinite(a) && Math.abs(a - e) <= atol + rtol * Math.abs(e);
    if (!ok) expect.fail(`${label}[${i}]: got ${a}, expected ${e} (rtol ${rtol}, atol ${atol})`);
  }
}
