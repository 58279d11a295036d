import { describe, expect, it } from 'vitest';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadDetector, ManifestError, BackendError, MANIFEST_KEY } from '../src/platform/node.js';
import { expectCloseArrays, sampleRecords, tinyModelBytes, TINY_MODEL_PATH } from './helpers.js';
import { replaceManifest } from './manifest-surgery.js';

describe('loadDetector', () => {
  it('loads from a path, a file URL, bytes and an ArrayBuffer with the same scores', async () => {
    const bytes = tinyModelBytes();
    const sources = [TINY_MODEL_PATH, pathToFileURL(TINY_MODEL_PATH), bytes, bytes.slice().buffer];
    const results = [];
    for (const source of sources) {
      const detector = await loadDetector(source);
      results.push(Array.from((await detector.score(sampleRecords)).scores));
      await detector.dispose();
    }
    for (const r of results) expect(r).toEqual(results[0]);
  });

  it('reports the execution provider that runs: native by default, wasm on request, same scores', async () => {
    const native = await loadDetector(TINY_MODEL_PATH);
    const wasm = await loadDetector(TINY_MODEL_PATH, { backend: 'wasm' });
    expect(native.backend).toBe('node');
    expect(wasm.backend).toBe('wasm');
    const a = await native.score(sampleRecords);
    const b = await wasm.score(sampleRecords);
    expectCloseArrays(b.scores, a.scores, 1e-5, 1e-5);
    await native.dispose();
    await wasm.dispose();
  });

  it('exposes the validated manifest', async () => {
    const detector = await loadDetector(TINY_MODEL_PATH);
    expect(detector.manifest.format).toBe('novae-model');
    expect(detector.manifest.adapter.kind).toBe('tabular');
    expect(detector.width).toBe(detector.manifest.model.inputShape[0]);
    await detector.dispose();
  });

  it('names a missing file', async () => {
    await expect(loadDetector('/nonexistent/model.onnx')).rejects.toThrow(/\/nonexistent\/model.onnx: cannot read model file \(no such file\)/);
  });

  it('rejects bytes that are not ONNX', async () => {
    const err = await loadDetector(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f])).catch((e) => e);
    expect(err).toBeInstanceOf(ManifestError);
    expect(err.message).toMatch(/not an ONNX model file/);
  });

  it('rejects an ONNX model without a novae manifest', async () => {
    const err = await loadDetector(replaceManifest(tinyModelBytes(), undefined)).catch((e) => e);
    expect(err).toBeInstanceOf(ManifestError);
    expect(err.message).toMatch(new RegExp(`not a novae model \\(no '${MANIFEST_KEY}'`));
  });

  it('names the bad manifest field', async () => {
    const broken = replaceManifest(tinyModelBytes(), (m) => { (m.calibration as { threshold: unknown }).threshold = 'high'; });
    await expect(loadDetector(broken)).rejects.toThrow(/calibration\.threshold: expected a finite number, got "high"/);
    const future = replaceManifest(tinyModelBytes(), (m) => { (m as { schemaVersion: number }).schemaVersion = 2; });
    await expect(loadDetector(future)).rejects.toThrow(/schemaVersion: expected 1, got "2 \(written by a newer novae/);
  });

  it('rejects an unknown backend and aggregates the reasons when none works', async () => {
    await expect(loadDetector(TINY_MODEL_PATH, { backend: 'webgpu' })).rejects.toThrow(/backend: 'webgpu' is not available on this platform/);
    const dir = mkdtempSync(join(tmpdir(), 'novae-'));
    const truncated = tinyModelBytes();
    // A valid manifest but a graph that cannot run: keep the metadata, corrupt the graph's weights.
    const path = join(dir, 'bad.onnx');
    writeFileSync(path, replaceManifest(truncated, (m) => m, { corruptGraph: true }));
    const err = await loadDetector(path).catch((e) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect(err.message).toMatch(/^no available backend found\. ERR: \[node\] .*, \[wasm\] /);
  });
});
