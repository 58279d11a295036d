import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdapterInputError } from '@novae/adapters';
import { loadDetector, type Detector } from '../src/platform/node.js';
import { expectCloseArrays, sampleRecords, TINY_MODEL_PATH } from './helpers.js';

let detector: Detector;
beforeAll(async () => { detector = await loadDetector(TINY_MODEL_PATH); });
afterAll(async () => { await detector.dispose(); });

describe('Detector.score', () => {
  it('returns one finite score per row, equal to nll + kl, and flags the out-of-distribution row', async () => {
    const r = await detector.score(sampleRecords);
    expect(r.length).toBe(3);
    for (let i = 0; i < 3; i++) {
      expect(Number.isFinite(r.scores[i])).toBe(true);
      expect(r.scores[i]).toBeCloseTo(r.nll[i]! + r.kl[i]!, 3);
      expect(r.isAnomaly[i]).toBe(r.scores[i]! > r.threshold);
    }
    expect(r.threshold).toBe(detector.manifest.calibration.threshold);
    expect(r.isAnomaly[2]).toBe(true);
    expect(r.scores[2]).toBeGreaterThan(r.scores[0]! + 100);
    expect(r.featureScores.length).toBe(3 * detector.width);
    expect(r.recon.length).toBe(3 * detector.width);
    expect(r.mu.length).toBe(3 * detector.manifest.model.latentDim);
  });

  it('sums per-feature NLL to the row NLL', async () => {
    const r = await detector.score(sampleRecords);
    for (let i = 0; i < 3; i++) {
      let sum = 0;
      for (let f = 0; f < detector.width; f++) sum += r.featureScores[i * detector.width + f]!;
      expect(sum).toBeCloseTo(r.nll[i]!, 2);
    }
  });

  it('computes conformal p-values against the calibration scores', async () => {
    const r = await detector.score(sampleRecords);
    const normal = detector.manifest.calibration.normalScores;
    for (let i = 0; i < 3; i++) {
      const atLeast = normal.filter((s) => s >= r.scores[i]!).length;
      expect(r.pValues[i]).toBeCloseTo((1 + atLeast) / (normal.length + 1), 12);
    }
    expect(r.pValues[2]).toBeCloseTo(1 / (normal.length + 1), 12);
  });

  it('honours a threshold override', async () => {
    const r = await detector.score(sampleRecords, { threshold: -1e9 });
    expect(r.isAnomaly).toEqual([true, true, true]);
  });

  it('explains a row by columns: one-hot groups summed, seen and expected values, shares summing to 1', async () => {
    const r = await detector.score(sampleRecords);
    const e = r.explain(2);
    expect(e.columns.map((c) => c.column).sort()).toEqual(['a', 'b', 'c', 'colour', 'flag']);
    expect(e.columns[0]!.score).toBeGreaterThanOrEqual(e.columns[1]!.score);
    const b = e.columns.find((c) => c.column === 'b')!;
    expect(b.seen).toBe('-40');
    expect(typeof b.expected).toBe('number');
    const colour = e.columns.find((c) => c.column === 'colour')!;
    expect(['red', 'green', 'blue']).toContain(colour.expected);
    const shares = e.columns.reduce((s, c) => s + c.share, 0);
    expect(shares).toBeCloseTo(1, 6);
    // The column scores are the feature NLL above baseline, summed per column.
    const baseline = detector.manifest.calibration.featureBaseline!;
    const total = e.columns.reduce((s, c) => s + c.score, 0);
    const base = baseline.reduce((s, v) => s + v, 0);
    expect(total).toBeCloseTo(r.nll[2]! - base, 2);
    expect(r.explain(2, 2).columns).toHaveLength(2);
    expect(() => r.explain(3)).toThrow(/explain: row must be an integer from 0 to 2, got 3/);
  });

  it('is deterministic at one sample, seeded and reproducible with several', async () => {
    const one = await detector.score(sampleRecords);
    const again = await detector.score(sampleRecords);
    expect(Array.from(again.scores)).toEqual(Array.from(one.scores));
    const mc1 = await detector.score(sampleRecords, { samples: 16, seed: 3 });
    const mc2 = await detector.score(sampleRecords, { samples: 16, seed: 3 });
    const mc3 = await detector.score(sampleRecords, { samples: 16, seed: 4 });
    expect(Array.from(mc2.scores)).toEqual(Array.from(mc1.scores));
    expect(Array.from(mc3.scores)).not.toEqual(Array.from(mc1.scores));
    // At one sample (eps = 0) the reconstruction probability is the NLL itself.
    expectCloseArrays(one.reconstructionProbability, one.nll, 1e-6, 1e-6);
    // With several samples it lies between the smallest per-sample NLL and their mean.
    for (let i = 0; i < 3; i++) expect(mc1.reconstructionProbability[i]).toBeLessThanOrEqual(mc1.nll[i]! + 1e-3);
  });

  it('scores batches larger than one ONNX run the same as row by row', async () => {
    const many = Array.from({ length: 9000 }, (_, i) => sampleRecords[i % 3]!);
    const r = await detector.score(many);
    const small = await detector.score(sampleRecords);
    for (const i of [0, 1, 2, 8191, 8192, 8193, 8999]) expect(r.scores[i]).toBeCloseTo(small.scores[i % 3]!, 4);
  });

  it('queues concurrent calls on one detector', async () => {
    const results = await Promise.all([0, 1, 2, 3].map(() => detector.score(sampleRecords)));
    for (const r of results) expect(Array.from(r.scores)).toEqual(Array.from(results[0]!.scores));
  });

  it('scoreEncoded checks the input size and type', async () => {
    await expect(detector.scoreEncoded(new Float32Array(5), 1)).rejects.toThrow(
      new RegExp(`expected 1 rows x ${detector.width} features = ${detector.width} floats, got 5`),
    );
    await expect(detector.scoreEncoded([1, 2] as unknown as Float32Array, 1)).rejects.toThrow(/must be a Float32Array/);
    const encoded = detector.adapter.encode(sampleRecords);
    const r = await detector.scoreEncoded(encoded, 3);
    expect(Array.from(r.scores)).toEqual(Array.from((await detector.score(sampleRecords)).scores));
    expect(r.explain(0).columns[0]!.seen).toBeDefined();
  });

  it('rejects bad records and options with messages that say what to fix', async () => {
    await expect(detector.score([{ a: '1', b: '2', colour: 'red', flag: 'true' }])).rejects.toThrow(/row 0: missing column 'c'/);
    await expect(detector.score([{ a: 'abc', b: '2', colour: 'red', flag: 'true', c: '1' }])).rejects.toBeInstanceOf(AdapterInputError);
    await expect(detector.score(sampleRecords, { samples: 0 })).rejects.toThrow(/samples: expected an integer from 1 to 1024, got 0/);
  });

  it('cannot score after dispose', async () => {
    const d = await loadDetector(TINY_MODEL_PATH);
    await d.dispose();
    await expect(d.score(sampleRecords)).rejects.toThrow(/already disposed/);
  });
});
