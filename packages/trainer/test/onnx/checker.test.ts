/** Runs the official ONNX checker (Debian python3-onnx under /usr/bin/python3) on exported models. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../src/onnx/graph-builder.js';
import { buildMlpVaeModel } from '../../src/onnx/mlp-vae-graph.js';
import { encodeModel } from '../../src/onnx/onnx-proto.js';
import { randomWeights } from './helpers.js';
import type { RandomWeightsOptions } from './helpers.js';

const PYTHON = '/usr/bin/python3';
const hasOnnx = spawnSync(PYTHON, ['-c', 'import onnx'], { stdio: 'ignore' }).status === 0;
const CHECK = 'import onnx,sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)';

const dir = mkdtempSync(join(tmpdir(), 'novae-onnx-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cases: Array<[string, Omit<RandomWeightsOptions, 'inputDim' | 'latentDim'>]> = [
  ['gaussian-relu', { seed: 31, hidden: [7], activation: 'relu', likelihood: 'gaussian' }],
  ['gaussian-elu', { seed: 32, hidden: [6, 4], activation: 'elu', likelihood: 'gaussian' }],
  ['bernoulli-tanh', { seed: 33, hidden: [7], activation: 'tanh', likelihood: 'bernoulli' }],
];

const SKIP_REASON = hasOnnx ? '' : ` [skipped: ${PYTHON} cannot import onnx; install python3-onnx]`;

function check(file: string): void {
  // Throws with the checker's stderr if the model is rejected.
  execFileSync(PYTHON, ['-c', CHECK, file], { stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('onnx.checker.check_model(full_check=True)', () => {
  for (const [label, opts] of cases) {
    it.skipIf(!hasOnnx)(`accepts the ${label} model${SKIP_REASON}`, () => {
      const file = join(dir, `${label}.onnx`);
      const bytes = buildMlpVaeModel(randomWeights({ ...opts, inputDim: 5, latentDim: 2 }), {
        metadata: { 'novae.manifest': '{"format":"novae-model"}' },
      });
      writeFileSync(file, bytes);
      check(file);
    });
  }

  it.skipIf(!hasOnnx)(`accepts a two-member ensemble model${SKIP_REASON}`, () => {
    const file = join(dir, 'ensemble.onnx');
    const members = [31, 32].map((seed) =>
      randomWeights({ seed, hidden: [6, 4], activation: 'relu', likelihood: 'gaussian', inputDim: 5, latentDim: 2 }));
    writeFileSync(file, buildMlpVaeModel(members, { metadata: { 'novae.manifest': '{"format":"novae-model"}' } }));
    check(file);
  });

  it.skipIf(!hasOnnx)(`rejects a broken model, so the checks above mean something${SKIP_REASON}`, () => {
    const b = new GraphBuilder('broken');
    b.addInput('x', ['N', 3]);
    b.addOutput('y', ['N', 3]);
    b.op('NoSuchOp', ['x'], undefined, 'y');
    const file = join(dir, 'broken.onnx');
    writeFileSync(file, encodeModel(b.toModel({ irVersion: 8, opsetVersion: 17 })));
    expect(() => check(file)).toThrow();
  });
});
