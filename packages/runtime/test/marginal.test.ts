/**
 * The `elbo-marginal` score: MarginalScorer's map from encoded values to normal scores, and a
 * detector whose manifest carries a marginal term (the tiny `elbo` fixture with one added by
 * manifest surgery) scoring nll + kl + weight · ½‖q‖², in this thread and in a worker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { loadDetector, ManifestError, MarginalScorer, mulberry32, validateManifest, type Detector, type Manifest, type MarginalTerm } from '../src/platform/node.js';
import { readManifest } from '../src/model-file.js';
import { wrapDetector, type RemoteDetector } from '../src/worker/node.js';
import { expectCloseArrays, sampleRecords, tinyModelBytes } from './helpers.js';
import { replaceManifest } from './manifest-surgery.js';

describe('MarginalScorer', () => {
  const term: MarginalTerm = {
    weight: 2,
    tail: 2.5,
    features: [{ at: [0, 1, 3], q: [-1, 0, 1] }, { at: [5], q: [0.25] }],
  };
  const scorer = new MarginalScorer(term);

  it('interpolates between knots and hits them exactly', () => {
    expect(scorer.normalScore(0, 0)).toBe(-1);
    expect(scorer.normalScore(0, 0.5)).toBeCloseTo(-0.5, 12);
    expect(scorer.normalScore(0, 1)).toBe(0);
    expect(scorer.normalScore(0, 2)).toBeCloseTo(0.5, 12);
    expect(scorer.normalScore(0, 3)).toBe(1);
    expect(scorer.normalScore(1, 5)).toBe(0.25);
  });

  it('continues beyond the training range from ±tail, one unit per encoded unit', () => {
    expect(scorer.normalScore(0, 4)).toBeCloseTo(2.5 + 1, 12);
    expect(scorer.normalScore(0, 103)).toBeCloseTo(2.5 + 100, 12);
    expect(scorer.normalScore(0, -0.5)).toBeCloseTo(-2.5 - 0.5, 12);
    expect(scorer.normalScore(1, 6)).toBeCloseTo(2.5 + 1, 12);
    expect(scorer.normalScore(1, 4)).toBeCloseTo(-2.5 - 1, 12);
  });

  it('adds weight · ½q² per feature and weight · ½‖q‖² per row, in place', () => {
    const encoded = Float32Array.of(0.5, 5, 4, 6);
    const scores = Float32Array.of(10, 20);
    const features = Float32Array.of(1, 2, 3, 4);
    const added = scorer.addTo(encoded, 2, scores, features);
    const row0 = [0.25, 0.0625];
    const row1 = [3.5 ** 2, 3.5 ** 2];
    expectCloseArrays(features, [1 + row0[0]!, 2 + row0[1]!, 3 + row1[0]!, 4 + row1[1]!], 1e-6, 1e-6);
    expectCloseArrays(added, [row0[0]! + row0[1]!, row1[0]! + row1[1]!], 1e-6, 1e-6);
    expectCloseArrays(scores, [10 + added[0]!, 20 + added[1]!], 1e-6, 1e-6);
  });

  it('finds the same knot interval as a linear search, for clustered knots and values on them', () => {
    const random = mulberry32(3);
    // Heavy-tailed knots: most of them crowded near 0, a few far out (one lookup bucket holds many).
    const at = [...new Set(Array.from({ length: 64 }, () => Math.fround(Math.tan((random() - 0.5) * 3.1))))].sort((a, b) => a - b);
    const q = at.map((_, k) => k / 10);
    const scorer = new MarginalScorer({ weight: 1, tail: 9, features: [{ at, q }] });
    const naive = (x: number): number => {
      let lo = 0;
      while (lo < at.length - 2 && at[lo + 1]! <= x) lo++;
      return q[lo]! + ((x - at[lo]!) / (at[lo + 1]! - at[lo]!)) * (q[lo + 1]! - q[lo]!);
    };
    const values = [...at, ...Array.from({ length: 2000 }, () => Math.fround(at[0]! + random() * (at.at(-1)! - at[0]!)))];
    for (const x of values) expect(scorer.normalScore(0, x)).toBe(naive(x));
  });

  it('compares knots in float32, like the encoded values', () => {
    // 0.1 is not a float32: a value encoded as float32 0.1 must still sit on the knot, not past it.
    const edge = new MarginalScorer({ weight: 1, tail: 3, features: [{ at: [-1, 0.1], q: [-1, 1] }] });
    expect(edge.normalScore(0, Float32Array.of(0.1)[0]!)).toBe(1);
  });
});

/** |actual − expected| within float32 rounding of their magnitude. */
function expectClose(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(expected)));
}

/** The fixture with a marginal term whose q is the encoded value itself (knots ±1, tail 1), weighted by `weight`. */
function withIdentityMarginal(bytes: Uint8Array, weight: number): Uint8Array {
  return replaceManifest(bytes, (m: Manifest) => {
    const width = m.model.inputShape.reduce((a, b) => a * b, 1);
    m.score = {
      default: 'elbo-marginal', samples: 1,
      marginal: { weight, tail: 1, features: Array.from({ length: width }, () => ({ at: [-1, 1], q: [-1, 1] })) },
    };
    return m;
  });
}

describe('a detector with an elbo-marginal score', () => {
  const WEIGHT = 0.5;
  let plain: Detector;
  let marginal: Detector;
  let worker: Worker;
  let remote: RemoteDetector;
  const marginalBytes = withIdentityMarginal(tinyModelBytes(), WEIGHT);

  beforeAll(async () => {
    plain = await loadDetector(tinyModelBytes());
    marginal = await loadDetector(marginalBytes);
    worker = new Worker(new URL('./fixtures/detector-worker.mjs', import.meta.url));
    remote = await wrapDetector(worker, marginalBytes.slice());
  });
  afterAll(async () => {
    await remote?.dispose();
    await worker?.terminate();
    await plain?.dispose();
    await marginal?.dispose();
  });

  it('scores nll + kl + weight · ½‖q‖², with the term in `marginal` and in the per-feature scores', async () => {
    const encoded = plain.adapter.encode(sampleRecords);
    const width = plain.width;
    const a = await plain.score(sampleRecords);
    const b = await marginal.score(sampleRecords);
    expect(Array.from(a.marginal)).toEqual([0, 0, 0]);
    for (let i = 0; i < 3; i++) {
      let half = 0;
      for (let j = 0; j < width; j++) half += encoded[i * width + j]! ** 2 / 2;
      // float32 outputs: compare relative to the row's magnitude (row 2 is far out, its score about 3e4).
      expectClose(b.marginal[i]!, WEIGHT * half);
      expectClose(b.scores[i]!, a.scores[i]! + WEIGHT * half);
      expectClose(b.scores[i]!, b.nll[i]! + b.kl[i]! + b.marginal[i]!);
      expect(b.nll[i]).toBe(a.nll[i]);
      let features = 0;
      for (let j = 0; j < width; j++) {
        expectClose(b.featureScores[i * width + j]!, a.featureScores[i * width + j]! + (WEIGHT * encoded[i * width + j]! ** 2) / 2);
        features += b.featureScores[i * width + j]!;
      }
      expectClose(features, b.nll[i]! + b.marginal[i]!);
      expect(b.isAnomaly[i]).toBe(b.scores[i]! > b.threshold);
    }
    // p-values and explanations follow the combined score.
    const normal = marginal.manifest.calibration.normalScores;
    const atLeast = normal.filter((s) => s >= b.scores[0]!).length;
    expect(b.pValues[0]).toBeCloseTo((1 + atLeast) / (normal.length + 1), 12);
    expect(b.explain(2).score).toBe(b.scores[2]);
  });

  it('scores the same in a worker, the marginal term included', async () => {
    const local = await marginal.score(sampleRecords);
    const r = await remote.score(sampleRecords);
    expect(Array.from(r.marginal)).toEqual(Array.from(local.marginal));
    expect(Array.from(r.scores)).toEqual(Array.from(local.scores));
  });
});

describe('score.marginal in the manifest', () => {
  const good = (): Manifest => structuredClone(readManifest(withIdentityMarginal(tinyModelBytes(), 1)));

  it('accepts a well-formed term', () => {
    expect(validateManifest(good()).score.marginal?.weight).toBe(1);
  });

  it.each([
    ['elbo-marginal without a term', (m: any) => { delete m.score.marginal; }, /score\.marginal: expected an object, got nothing/],
    ['a term on an elbo score', (m: any) => { m.score.default = 'elbo'; }, /score\.default: expected 'elbo-marginal' \(the manifest has score\.marginal\), got "elbo"/],
    ['one entry per feature', (m: any) => { m.score.marginal.features.pop(); }, /score\.marginal\.features: expected \d+ entries \(one per feature\), got "\d+ entries"/],
    ['ascending knots', (m: any) => { m.score.marginal.features[1].at = [1, 1]; }, /score\.marginal\.features\[1\]\.at\[1\]: expected knots strictly ascending, got 1/],
    ['one q per knot', (m: any) => { m.score.marginal.features[0].q = [0]; }, /score\.marginal\.features\[0\]\.q: expected 2 numbers \(one per knot\), got "1 numbers"/],
    ['non-decreasing q', (m: any) => { m.score.marginal.features[0].q = [1, -1]; }, /score\.marginal\.features\[0\]\.q\[1\]: expected normal scores non-decreasing, got -1/],
    ['a positive tail', (m: any) => { m.score.marginal.tail = 0; }, /score\.marginal\.tail: expected a number > 0, got 0/],
    ['a finite weight', (m: any) => { m.score.marginal.weight = 'big'; }, /score\.marginal\.weight: expected a finite number, got "big"/],
  ])('names the bad field: %s', (_name, edit, message) => {
    const m = good();
    edit(m);
    expect(() => validateManifest(m)).toThrow(ManifestError);
    expect(() => validateManifest(m)).toThrow(message);
  });
});
