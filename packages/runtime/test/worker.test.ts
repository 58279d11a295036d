/**
 * @novae/runtime/worker over Node's worker_threads (comlink's node adapter): a detector in a worker
 * thread scores exactly like one in this thread, inputs are transferred, errors come back rebuilt.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { AdapterInputError } from '@novae/adapters';
import { BackendError, DetectorInputError, loadDetector, ManifestError, type Detector } from '../src/platform/node.js';
import { wrapDetector, type RemoteDetector } from '../src/worker/node.js';
import { expectCloseArrays, sampleRecords, tinyModelBytes, TINY_MODEL_PATH } from './helpers.js';

const WORKER_URL = new URL('./fixtures/detector-worker.mjs', import.meta.url);
let worker: Worker;
let local: Detector;
let remote: RemoteDetector;

beforeAll(async () => {
  worker = new Worker(WORKER_URL);
  local = await loadDetector(TINY_MODEL_PATH);
  remote = await wrapDetector(worker, TINY_MODEL_PATH);
});

afterAll(async () => {
  await remote?.dispose();
  await local?.dispose();
  await worker?.terminate();
});

describe('wrapDetector over worker_threads', () => {
  it('has the Detector API and reports the provider that runs in the worker', () => {
    expect(remote.backend).toBe('node');
    expect(remote.manifest).toEqual(local.manifest);
    expect(remote.width).toBe(local.width);
    expect(remote.adapter.width).toBe(local.width);
  });

  it('scores raw records like an in-thread detector, explanations included', async () => {
    const a = await local.score(sampleRecords);
    const b = await remote.score(sampleRecords);
    expect(b.length).toBe(3);
    expectCloseArrays(b.scores, a.scores, 1e-6, 0);
    expectCloseArrays(b.nll, a.nll, 1e-6, 0);
    expectCloseArrays(b.kl, a.kl, 1e-6, 1e-7);
    expectCloseArrays(b.featureScores, a.featureScores, 1e-6, 1e-7);
    expect(Array.from(b.pValues)).toEqual(Array.from(a.pValues));
    expect(b.isAnomaly).toEqual(a.isAnomaly);
    expect(b.threshold).toBe(a.threshold);
    expect(b.explain(2)).toEqual(a.explain(2));
    expect(b.explain(0, 2).columns).toHaveLength(2);
  });

  it('transfers encoded input instead of copying it, and still explains from the returned rows', async () => {
    const encoded = local.adapter.encode(sampleRecords);
    const expected = await local.scoreEncoded(encoded.slice(), 3, { samples: 4, seed: 7 });
    const result = await remote.scoreEncoded(encoded, 3, { samples: 4, seed: 7 });
    expect(encoded.byteLength).toBe(0); // detached: it moved to the worker
    expectCloseArrays(result.scores, expected.scores, 1e-6, 0);
    expectCloseArrays(result.reconstructionProbability, expected.reconstructionProbability, 1e-6, 0);
    expect(result.explain(2)).toEqual(expected.explain(2));
  });

  it('copies a view into a larger buffer rather than detaching the whole buffer', async () => {
    const big = new Float32Array(local.width * 10);
    big.set(local.adapter.encode(sampleRecords), local.width);
    const view = big.subarray(local.width, local.width * 4);
    const result = await remote.scoreEncoded(view, 3);
    expect(big.byteLength).toBe(local.width * 10 * 4);
    expectCloseArrays(result.scores, (await local.score(sampleRecords)).scores, 1e-6, 0);
  });

  it('serves concurrent calls and several detectors from one worker', async () => {
    const wasm = await wrapDetector(worker, tinyModelBytes(), { backend: 'wasm' });
    expect(wasm.backend).toBe('wasm');
    const results = await Promise.all([remote, wasm, remote, wasm].map((d) => d.score(sampleRecords)));
    for (const r of results) expectCloseArrays(r.scores, results[0]!.scores, 1e-5, 1e-5);
    await wasm.dispose();
    await expect(wasm.score(sampleRecords)).rejects.toThrow(/detector: already disposed/);
    expect((await remote.score(sampleRecords)).length).toBe(3); // the worker still serves the others
  });

  it('rebuilds errors thrown in the worker with their class, name and message', async () => {
    const missing = await wrapDetector(worker, '/nonexistent/model.onnx').catch((e) => e);
    expect(missing).toBeInstanceOf(ManifestError);
    expect(missing.name).toBe('ManifestError');
    expect(missing.message).toBe('/nonexistent/model.onnx: cannot read model file (no such file)');

    const backend = await wrapDetector(worker, TINY_MODEL_PATH, { backend: 'webgpu' }).catch((e) => e);
    expect(backend).toBeInstanceOf(BackendError);
    expect(backend.message).toMatch(/backend: 'webgpu' is not available on this platform/);

    const shape = await remote.scoreEncoded(new Float32Array(5), 3).catch((e) => e);
    expect(shape).toBeInstanceOf(DetectorInputError);
    expect(shape.message).toBe(`scoreEncoded: expected 3 rows x ${local.width} features = ${3 * local.width} floats, got 5`);

    const input = await remote.score([{ a: 'not a number', b: '1', colour: 'red', flag: 'true', c: '1' }]).catch((e) => e);
    const inThread = await local.score([{ a: 'not a number', b: '1', colour: 'red', flag: 'true', c: '1' }]).catch((e) => e);
    expect(inThread).toBeInstanceOf(AdapterInputError);
    expect(input).toBeInstanceOf(AdapterInputError);
    expect(input.message).toBe(inThread.message);
  });
});
