/**
 * Image models end to end, as a user runs them: train a conv VAE (the graph with Conv, AveragePool
 * and Resize nodes; the default MLP's graph is the tabular one) on generated surfaces, save one
 * .onnx file, check it with the ONNX checker, and score it from a worker thread
 * (@novae/runtime/worker), where maps, overlays and pixel explanations equal those of a detector in
 * this thread.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { loadDetector, type Detector } from '@novae/runtime';
import { wrapDetector, type RemoteDetector } from '@novae/runtime/worker';
import { train } from '@novae/trainer';
import { makeDataset } from '../examples/defects/src/dataset.js';
import { hasOnnxChecker, ONNX_CHECKER_PYTHON } from './onnx-checker.js';

const dir = mkdtempSync(join(tmpdir(), 'novae-image-e2e-'));
const modelPath = join(dir, 'surface.onnx');
const test = makeDataset({ material: 'metal', clean: 3, defective: 3, seed: 9 });
let worker: Worker;
let local: Detector;
let remote: RemoteDetector;

beforeAll(async () => {
  const clean = makeDataset({ material: 'metal', clean: 40, defective: 0, seed: 1 });
  const trained = await train(clean.images, { adapter: { kind: 'image', width: 32, height: 32, channels: 1 }, architecture: 'conv', epochs: 3 });
  await trained.save(modelPath);
  await trained.dispose();
  worker = new Worker(new URL('../packages/runtime/test/fixtures/detector-worker.mjs', import.meta.url));
  local = await loadDetector(modelPath);
  remote = await wrapDetector(worker, modelPath);
});

afterAll(async () => {
  await remote?.dispose();
  await local?.dispose();
  await worker?.terminate();
  rmSync(dir, { recursive: true, force: true });
});

describe('an image model file', () => {
  it('passes the ONNX checker (full_check)', () => {
    if (!hasOnnxChecker()) {
      throw new Error(`${ONNX_CHECKER_PYTHON} cannot import onnx: install Debian's python3-onnx (.ci/run does)`);
    }
    execFileSync(ONNX_CHECKER_PYTHON, ['-c', 'import onnx, sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)', modelPath]);
  });

  it('scores from a worker thread exactly as in this thread: scores, maps, overlays, pixel explanations', async () => {
    const a = await local.score(test.images);
    const b = await remote.score(test.images);
    expect(Array.from(b.scores)).toEqual(Array.from(a.scores));
    for (let i = 0; i < test.images.length; i++) {
      expect(Array.from(b.anomalyMap(i))).toEqual(Array.from(a.anomalyMap(i)));
      expect(b.overlay(i)).toEqual(a.overlay(i));
      expect(b.explain(i, 3)).toEqual(a.explain(i, 3));
    }
    expect(a.anomalyMap(0)).toHaveLength(32 * 32);
  });

  it('names the image a worker could not encode', async () => {
    await expect(remote.score([test.images[0]!, { data: new Uint8Array(3), width: 32, height: 32 }])).rejects.toThrow(/images\[1\]/);
  });
});
