/** Runs exported MLP VAE graphs in onnxruntime-node and compares every output with a float64 reference. */
import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { buildMlpVaeModel } from '../../src/onnx/mlp-vae-graph.js';
import type { MlpVaeWeights } from '../../src/vae/weights.js';
import { expectClose, mulberry32, normals, randomWeights, reference } from './helpers.js';
import type { RandomWeightsOptions } from './helpers.js';

const D = 5;
const K = 2;
const N = 4;
const S = 3;
const OUTPUTS = ['score', 'nll', 'kl', 'nll_samples', 'feature_nll', 'mu', 'logvar', 'recon'] as const;
const SHAPES: Record<(typeof OUTPUTS)[number], number[]> = {
  score: [N],
  nll: [N],
  kl: [N],
  nll_samples: [S, N],
  feature_nll: [N, D],
  mu: [N, K],
  logvar: [N, K],
  recon: [N, D],
};

async function runAndCompare(weights: MlpVaeWeights, seed: number): Promise<void> {
  const bytes = buildMlpVaeModel(weights, { metadata: { 'novae.manifest': '{}' } });
  const session = await ort.InferenceSession.create(bytes);
  try {
    expect([...session.inputNames].sort()).toEqual(['eps', 'x']);
    expect([...session.outputNames].sort()).toEqual([...OUTPUTS].sort());
    const rand = mulberry32(seed);
    const x =
      weights.likelihood === 'bernoulli'
        ? Float32Array.from({ length: N * D }, () => rand())
        : normals(rand, N * D);
    const eps = normals(rand, S * N * K);
    const result = await session.run({
      x: new ort.Tensor('float32', x, [N, D]),
      eps: new ort.Tensor('float32', eps, [S, N, K]),
    });
    const ref = reference(weights, x, eps, N, S);
    for (const name of OUTPUTS) {
      const t = result[name];
      expect(t.type, name).toBe('float32');
      expect(t.dims, name).toEqual(SHAPES[name]);
      expectClose(t.data as Float32Array, ref[name], 1e-4, 1e-5, name);
    }
  } finally {
    await session.release();
  }
}

const base: Omit<RandomWeightsOptions, 'seed' | 'activation' | 'likelihood'> = {
  inputDim: D,
  latentDim: K,
  hidden: [7],
};

describe('buildMlpVaeModel in onnxruntime-node', () => {
  it('matches the reference: gaussian, relu', async () => {
    await runAndCompare(randomWeights({ ...base, seed: 1, activation: 'relu', likelihood: 'gaussian' }), 11);
  });

  it('matches the reference: gaussian, tanh', async () => {
    await runAndCompare(randomWeights({ ...base, seed: 2, activation: 'tanh', likelihood: 'gaussian' }), 12);
  });

  it('matches the reference: bernoulli, relu', async () => {
    await runAndCompare(randomWeights({ ...base, seed: 3, activation: 'relu', likelihood: 'bernoulli' }), 13);
  });

  it('matches the reference: elu, two hidden layers', async () => {
    const w = randomWeights({ ...base, hidden: [6, 4], seed: 4, activation: 'elu', likelihood: 'gaussian' });
    await runAndCompare(w, 14);
  });

  it('matches the reference with no hidden layers', async () => {
    await runAndCompare(randomWeights({ ...base, hidden: [], seed: 5, activation: 'relu', likelihood: 'bernoulli' }), 15);
  });

  it('clips the latent logvar to [LATENT_LOGVAR_MIN, LATENT_LOGVAR_MAX]', async () => {
    const w = randomWeights({ ...base, seed: 6, activation: 'relu', likelihood: 'gaussian' });
    w.logvar.bias = Float32Array.from([50, -50]);
    await runAndCompare(w, 16);
  });

  it('accepts other batch and sample sizes (symbolic N and S)', async () => {
    const w = randomWeights({ ...base, seed: 7, activation: 'tanh', likelihood: 'gaussian' });
    const bytes = buildMlpVaeModel(w, { metadata: {} });
    const session = await ort.InferenceSession.create(bytes);
    const rand = mulberry32(17);
    const x = normals(rand, 1 * D);
    const eps = new Float32Array(1 * 1 * K);
    const out = await session.run({ x: new ort.Tensor('float32', x, [1, D]), eps: new ort.Tensor('float32', eps, [1, 1, K]) });
    const ref = reference(w, x, eps, 1, 1);
    expect(out.nll_samples.dims).toEqual([1, 1]);
    expectClose(out.score.data as Float32Array, ref.score, 1e-4, 1e-5, 'score');
    expectClose(out.recon.data as Float32Array, ref.recon, 1e-4, 1e-5, 'recon');
    const big = await session.run({
      x: new ort.Tensor('float32', normals(rand, 9 * D), [9, D]),
      eps: new ort.Tensor('float32', normals(rand, 5 * 9 * K), [5, 9, K]),
    });
    expect(big.nll_samples.dims).toEqual([5, 9]);
    expect(big.feature_nll.dims).toEqual([9, D]);
    await session.release();
  });

  it('exports an ensemble as one graph: block latent, member means of nll, kl, feature_nll and recon', async () => {
    const members = [
      randomWeights({ ...base, seed: 21, activation: 'relu', likelihood: 'gaussian' }),
      randomWeights({ ...base, hidden: [6, 3], seed: 22, activation: 'tanh', likelihood: 'gaussian' }),
      randomWeights({ ...base, seed: 23, activation: 'elu', likelihood: 'gaussian' }),
    ];
    const M = members.length;
    const session = await ort.InferenceSession.create(buildMlpVaeModel(members, { metadata: {} }));
    try {
      const rand = mulberry32(31);
      const x = normals(rand, N * D);
      const eps = normals(rand, S * N * M * K); // [S, N, M*K]: member m reads latent slice m*K..(m+1)*K
      const out = await session.run({
        x: new ort.Tensor('float32', x, [N, D]),
        eps: new ort.Tensor('float32', eps, [S, N, M * K]),
      });
      const refs = members.map((w, m) => {
        const slice = new Float32Array(S * N * K);
        for (let i = 0; i < S * N; i++) slice.set(eps.subarray(i * M * K + m * K, i * M * K + (m + 1) * K), i * K);
        return reference(w, x, slice, N, S);
      });
      const mean = (name: 'score' | 'nll' | 'kl' | 'nll_samples' | 'feature_nll' | 'recon'): number[] => {
        const len = refs[0]![name].length;
        return Array.from({ length: len }, (_, i) => refs.reduce((a, r) => a + r[name][i]!, 0) / M);
      };
      for (const name of ['score', 'nll', 'kl', 'nll_samples', 'feature_nll', 'recon'] as const) {
        expectClose(out[name]!.data as Float32Array, mean(name), 1e-4, 1e-5, name);
      }
      expect(out.mu!.dims).toEqual([N, M * K]);
      expect(out.logvar!.dims).toEqual([N, M * K]);
      for (const [m, r] of refs.entries()) {
        for (let i = 0; i < N; i++) {
          expectClose((out.mu!.data as Float32Array).slice(i * M * K + m * K, i * M * K + (m + 1) * K), r.mu.slice(i * K, (i + 1) * K), 1e-4, 1e-5, `mu[${m}]`);
        }
      }
    } finally {
      await session.release();
    }
    const other = randomWeights({ ...base, latentDim: K + 1, seed: 24, activation: 'relu', likelihood: 'gaussian' });
    expect(() => buildMlpVaeModel([members[0]!, other], { metadata: {} })).toThrow(/member 1/);
    expect(() => buildMlpVaeModel([], { metadata: {} })).toThrow(/no members/);
  });

  it('rejects inconsistent weights with a clear error', () => {
    const w = randomWeights({ ...base, seed: 8, activation: 'relu', likelihood: 'gaussian' });
    expect(() => buildMlpVaeModel({ ...w, outputLogvar: undefined }, { metadata: {} })).toThrow(/outputLogvar/);
    const bad = { ...w, out: { ...w.out, outDim: 4 } };
    expect(() => buildMlpVaeModel(bad, { metadata: {} })).toThrow(/kernel|inputDim/);
  });
});
