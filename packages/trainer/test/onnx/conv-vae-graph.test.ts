/**
 * Exported convolutional VAE graphs: onnxruntime-node must reproduce the TF.js model's own forward
 * pass (wasm backend) output by output, and the official ONNX checker must accept the file.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConvVaeModel } from '../../src/onnx/conv-vae-graph.js';
import { GraphBuilder } from '../../src/onnx/graph-builder.js';
import { encodeModel } from '../../src/onnx/onnx-proto.js';
import { upsample2x } from '../../src/vae/conv-ops.js';
import type { ConvVae, ConvVaeConfig } from '../../src/vae/conv-vae.js';
import { randomizedConvVae } from '../vae/conv-fixtures.js';
import { expectClose, mulberry32, normals } from './helpers.js';

const OUTPUTS = ['score', 'nll', 'kl', 'nll_samples', 'feature_nll', 'mu', 'logvar', 'recon'] as const;
type OutputName = (typeof OUTPUTS)[number];

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

/** Every model output computed by the TF.js model itself, flattened row-major. */
function tfOutputs(vae: ConvVae, x: Float32Array, n: number, eps: Float32Array, s: number): Record<OutputName, Float32Array> {
  const { inputDim: D, latentDim: K } = vae.config;
  return tf.tidy(() => {
    const xt = tf.tensor2d(x, [n, D]);
    const r = vae.forward(xt, tf.tensor3d(eps, [s, n, K]));
    const nllSamples = tf.sum(r.featureNll, 2);
    const nll = tf.mean(nllSamples, 0);
    const read = (t: tf.Tensor): Float32Array => t.dataSync() as Float32Array;
    return {
      score: read(tf.add(nll, r.kl)), nll: read(nll), kl: read(r.kl), nll_samples: read(nllSamples),
      feature_nll: read(tf.mean(r.featureNll, 0)), mu: read(r.mu), logvar: read(r.logvar), recon: read(vae.reconstruct(xt)),
    };
  });
}

async function compareWithOrt(config: ConvVaeConfig, seed: number): Promise<void> {
  const vae = randomizedConvVae(config, seed);
  try {
    const [C, H, W] = vae.config.inputShape;
    const { inputDim: D, latentDim: K } = vae.config;
    const N = 3;
    const session = await ort.InferenceSession.create(buildConvVaeModel(vae.weights(), { metadata: { 'novae.manifest': '{}' } }));
    try {
      expect([...session.inputNames].sort()).toEqual(['eps', 'x']);
      expect([...session.outputNames].sort()).toEqual([...OUTPUTS].sort());
      const rand = mulberry32(seed + 7);
      const x = config.likelihood === 'bernoulli' ? Float32Array.from({ length: N * D }, () => rand()) : normals(rand, N * D);
      for (const S of [1, 3]) {
        const eps = S === 1 ? new Float32Array(N * K) : normals(rand, S * N * K);
        const got = await session.run({
          x: new ort.Tensor('float32', x, [N, C, H, W]),
          eps: new ort.Tensor('float32', eps, [S, N, K]),
        });
        const want = tfOutputs(vae, x, N, eps, S);
        const shapes: Record<OutputName, number[]> = {
          score: [N], nll: [N], kl: [N], nll_samples: [S, N], feature_nll: [N, C, H, W], mu: [N, K], logvar: [N, K], recon: [N, C, H, W],
        };
        for (const name of OUTPUTS) {
          expect(got[name]!.dims, name).toEqual(shapes[name]);
          expectClose(got[name]!.data as Float32Array, want[name], 1e-4, 1e-5, `S=${S} ${name}`);
        }
      }
    } finally {
      await session.release();
    }
  } finally {
    vae.dispose();
  }
}

describe('buildConvVaeModel in onnxruntime-node equals the TF.js ConvVae', () => {
  it('bernoulli, [1, 8, 8], one level', async () => {
    await compareWithOrt({ inputShape: [1, 8, 8], latentDim: 3, likelihood: 'bernoulli', channels: [4] }, 1);
  });

  it('gaussian, [1, 8, 8], one level', async () => {
    await compareWithOrt({ inputShape: [1, 8, 8], latentDim: 3, likelihood: 'gaussian', channels: [4] }, 2);
  });

  it('bernoulli, [3, 12, 16] (colour, not square), with a dense hidden layer', async () => {
    await compareWithOrt({ inputShape: [3, 12, 16], latentDim: 4, likelihood: 'bernoulli', channels: [5, 7], hidden: [6] }, 3);
  });

  it('gaussian, [3, 12, 16], with a dense hidden layer', async () => {
    await compareWithOrt({ inputShape: [3, 12, 16], latentDim: 4, likelihood: 'gaussian', channels: [5, 7], hidden: [6] }, 4);
  });

  it('two levels, [2, 16, 16], both likelihoods', async () => {
    await compareWithOrt({ inputShape: [2, 16, 16], latentDim: 2, likelihood: 'bernoulli', channels: [3, 4, 5] }, 5);
    await compareWithOrt({ inputShape: [2, 16, 16], latentDim: 2, likelihood: 'gaussian', channels: [3, 4, 5] }, 6);
  });

  it('no level (odd sides): dense encoder, one full-resolution conv in the decoder', async () => {
    await compareWithOrt({ inputShape: [1, 5, 7], latentDim: 2, likelihood: 'bernoulli', channels: [3] }, 7);
  });

  it('clips the latent logvar to [LATENT_LOGVAR_MIN, LATENT_LOGVAR_MAX]', async () => {
    const vae = randomizedConvVae({ inputShape: [1, 8, 8], latentDim: 2, likelihood: 'gaussian', channels: [3] }, 8);
    try {
      const w = vae.weights();
      w.logvar.bias = Float32Array.from([50, -50]);
      const session = await ort.InferenceSession.create(buildConvVaeModel(w, { metadata: {} }));
      const out = await session.run({
        x: new ort.Tensor('float32', normals(mulberry32(9), 64), [1, 1, 8, 8]),
        eps: new ort.Tensor('float32', new Float32Array(2), [1, 1, 2]),
      });
      expect(Array.from(out.logvar!.data as Float32Array)).toEqual([8, -12]);
      await session.release();
    } finally {
      vae.dispose();
    }
  });

  it('Resize (its default attributes) at scale 2 equals TF.js resizeNearestNeighbor', async () => {
    const b = new GraphBuilder('resize');
    b.addInput('x', [1, 2, 3, 5]);
    b.addOutput('y', [1, 2, 6, 10]);
    b.op('Resize', ['x', '', b.constFloat('scales', [4], [1, 1, 2, 2])], undefined, 'y');
    const session = await ort.InferenceSession.create(encodeModel(b.toModel({ irVersion: 8, opsetVersion: 17 })));
    const x = normals(mulberry32(10), 30);
    const got = (await session.run({ x: new ort.Tensor('float32', x, [1, 2, 3, 5]) })).y!.data as Float32Array;
    await session.release();
    const want = tf.tidy(() => {
      const nhwc = tf.transpose(tf.tensor4d(x, [1, 2, 3, 5]), [0, 2, 3, 1]) as tf.Tensor4D;
      return tf.transpose(upsample2x(nhwc), [0, 3, 1, 2]).dataSync() as Float32Array;
    });
    expect(Array.from(got)).toEqual(Array.from(want));
  });

  it('rejects inconsistent weights with an error naming the field', () => {
    const vae = randomizedConvVae({ inputShape: [1, 8, 8], latentDim: 2, likelihood: 'gaussian', channels: [3] }, 11);
    const w = vae.weights();
    vae.dispose();
    expect(() => buildConvVaeModel({ ...w, outputLogvar: undefined }, { metadata: {} })).toThrow(/outputLogvar/);
    expect(() => buildConvVaeModel({ ...w, inputShape: [1, 8, 6] }, { metadata: {} })).toThrow(/mu: inDim 48, expected 36/);
    expect(() => buildConvVaeModel({ ...w, decoderGrid: [2, 8, 3] }, { metadata: {} })).toThrow(/decoderGrid .* is not 8x8/);
    expect(() => buildConvVaeModel({ ...w, out: { ...w.out, outChannels: 2 } }, { metadata: {} })).toThrow(/out: kernel/);
    expect(() => buildConvVaeModel({ ...w, encoder: [] }, { metadata: {} })).toThrow(/mu: inDim/);
  });
});

const PYTHON = '/usr/bin/python3';
const hasOnnx = spawnSync(PYTHON, ['-c', 'import onnx'], { stdio: 'ignore' }).status === 0;
const CHECK = 'import onnx,sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)';
const SKIP_REASON = hasOnnx ? '' : ` [skipped: ${PYTHON} cannot import onnx; install python3-onnx]`;
const dir = mkdtempSync(join(tmpdir(), 'novae-conv-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('onnx.checker.check_model(full_check=True) on convolutional VAE models', () => {
  const cases: Array<[string, ConvVaeConfig]> = [
    ['bernoulli-two-levels', { inputShape: [1, 16, 16], latentDim: 3, likelihood: 'bernoulli', channels: [3, 4] }],
    ['gaussian-colour-hidden', { inputShape: [3, 12, 16], latentDim: 4, likelihood: 'gaussian', channels: [5, 7], hidden: [6] }],
  ];
  for (const [label, config] of cases) {
    it.skipIf(!hasOnnx)(`accepts the ${label} model${SKIP_REASON}`, () => {
      const vae = randomizedConvVae(config, 12);
      const file = join(dir, `${label}.onnx`);
      writeFileSync(file, buildConvVaeModel(vae.weights(), { metadata: { 'novae.manifest': '{"format":"novae-model"}' } }));
      vae.dispose();
      execFileSync(PYTHON, ['-c', CHECK, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    });
  }
});
