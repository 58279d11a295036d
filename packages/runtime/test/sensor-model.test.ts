import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { AdapterInputError, type SensorAdapter } from '@novae/adapters';
import { createScoreStream, loadDetector, ManifestError, type Detector, type StreamScore } from '../src/platform/node.js';
import { wrapDetector } from '../src/worker/node.js';
import { expectCloseArrays, tinySensorSeries, TINY_SENSOR_MODEL_PATH, tinyModelBytes } from './helpers.js';
import { replaceManifest } from './manifest-surgery.js';

let detector: Detector;
let adapter: SensorAdapter;
beforeAll(async () => {
  detector = await loadDetector(TINY_SENSOR_MODEL_PATH);
  adapter = detector.adapter as SensorAdapter;
});
afterAll(async () => { await detector.dispose(); });

describe('a sensor model', () => {
  it('carries its sensor adapter in the manifest: channels, window, stride, time-major input', () => {
    expect(detector.manifest.adapter.kind).toBe('sensor');
    expect(adapter.channels).toEqual(['temp', 'load']);
    expect([adapter.window, adapter.stride, adapter.width]).toEqual([8, 2, 16]);
    expect(detector.manifest.model.inputShape).toEqual([16]);
  });

  it('scores windows with score(), flagging a spike on one channel and blaming that channel', async () => {
    const samples = tinySensorSeries(120, { seed: 5, from: 3000 });
    for (let i = 61; i < 64; i++) samples[i]!.temp += 12;
    const windows = adapter.windows(samples);
    const r = await detector.score(windows);
    expect(r.length).toBe(windows.length);
    const spiked = windows.findIndex((w) => w.timestamp === samples[63]!.timestamp);
    expect(r.isAnomaly[spiked]).toBe(true);
    expect(r.scores[spiked]).toBeGreaterThan(detector.manifest.calibration.threshold + 10);
    const quiet = windows.findIndex((w) => w.timestamp === samples[21]!.timestamp);
    expect(r.isAnomaly[quiet]).toBe(false);

    const e = r.explain(spiked);
    expect(e.columns.map((c) => c.column)).toEqual(['temp', 'load']);
    const temp = e.columns[0]!;
    expect(temp.share).toBeGreaterThan(0.5);
    expect(temp.steps).toHaveLength(8);
    expect(temp.steps!.reduce((a, b) => a + b, 0)).toBeCloseTo(temp.score, 4);
    expect(temp.seen).toBeCloseTo(samples[63]!.temp, 4); // the last sample of the window
    expect(e.columns.reduce((a, c) => a + c.share, 0)).toBeCloseTo(1, 10);
  });

  it('rejects records that are not windows, naming the window', async () => {
    await expect(detector.score([{ timestamp: 1, temp: 2, load: 3 }])).rejects.toThrow(
      'encode: window 0: expected values with 16 numbers (samples x channels), got undefined',
    );
    await expect(detector.score([{ timestamp: 1, temp: 2, load: 3 }])).rejects.toBeInstanceOf(AdapterInputError);
  });
});

describe('a sensor model in a worker', () => {
  it('scores windows and streams like the in-thread detector', async () => {
    const worker = new Worker(new URL('./fixtures/detector-worker.mjs', import.meta.url));
    try {
      const remote = await wrapDetector(worker, TINY_SENSOR_MODEL_PATH);
      const samples = tinySensorSeries(60, { seed: 8, from: 100 });
      const windows = adapter.windows(samples);
      const [a, b] = [await detector.score(windows), await remote.score(windows)];
      expectCloseArrays(b.scores, a.scores);
      expect(b.explain(0).columns.map((c) => c.column).sort()).toEqual(['load', 'temp']);

      const stream = createScoreStream(remote, { maxBatch: 8 });
      const writer = stream.writable.getWriter();
      const reading = (async () => {
        const out: StreamScore[] = [];
        for (const reader = stream.readable.getReader(); ;) {
          const { done, value } = await reader.read();
          if (done) return out;
          out.push(value);
        }
      })();
      for (const s of samples) { await writer.ready; void writer.write(s); }
      await writer.close();
      const out = await reading;
      expectCloseArrays(out.map((s) => s.score), a.scores);
      await remote.dispose();
    } finally {
      await worker.terminate();
    }
  });
});

describe('manifest adapter.kind', () => {
  it('must be a kind this runtime can rebuild; the error names the field', async () => {
    const bytes = replaceManifest(tinyModelBytes(), (m) => { (m.adapter as { kind: string }).kind = 'audio'; });
    const err = await loadDetector(bytes).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ManifestError);
    expect((err as Error).message).toBe("model bytes: novae.manifest: adapter.kind: expected one of 'tabular', 'sensor', 'image', got \"audio\"");
  });
});
