import { describe, expect, it } from 'vitest';
import { f1At, prAuc, rocAuc, MetricsInputError } from '../src/metrics.js';
import { calibrate, quantile, MAX_NORMAL_SCORES } from '../src/calibration.js';

describe('rocAuc', () => {
  it('is 1 for perfect ranking, 0 for reversed, 0.5 for ties, and counts ties half', () => {
    expect(rocAuc([1, 2, 3, 4], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([4, 3, 2, 1], [0, 0, 1, 1])).toBe(0);
    expect(rocAuc([1, 1, 1, 1], [0, 1, 0, 1])).toBe(0.5);
    // pairs (pos, neg): (3 vs 1) win, (3 vs 3) tie, (2 vs 1) win, (2 vs 3) loss -> 2.5 / 4
    expect(rocAuc([1, 3, 3, 2], [0, 0, 1, 1])).toBeCloseTo(0.625, 12);
    expect(rocAuc([1, 2], [0, 0])).toBeNaN();
  });
  it('names a length mismatch', () => {
    expect(() => rocAuc([1, 2], [0])).toThrow(MetricsInputError);
    expect(() => rocAuc([1, 2], [0])).toThrow(/expected 2 labels \(one per row\), got 1/);
  });
});

describe('prAuc', () => {
  it('is average precision', () => {
    expect(prAuc([4, 3, 2, 1], [1, 1, 0, 0])).toBe(1);
    // ranking: 1(pos) 0.8(neg) 0.6(pos) -> AP = 0.5*1 + 0.5*(2/3)
    expect(prAuc([1, 0.8, 0.6], [1, 0, 1])).toBeCloseTo(0.5 + 1 / 3, 12);
  });
});

describe('f1At', () => {
  it('uses score > threshold', () => {
    // flagged: 3, 4 -> tp 1 (4), fp 1 (3), fn 1 (2)
    expect(f1At([1, 2, 3, 4], [0, 1, 0, 1], 2.5)).toBeCloseTo(0.5, 12);
    expect(f1At([1, 2], [0, 1], 10)).toBe(0);
  });
});

describe('calibration', () => {
  it('quantile interpolates linearly like numpy', () => {
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([0, 10], 0.99)).toBeCloseTo(9.9, 12);
  });
  it('thresholds at the q-quantile, keeps at most 1000 sorted scores and a per-feature baseline', () => {
    const n = 5000;
    const scores = Float32Array.from({ length: n }, (_, i) => (i * 7919) % n);
    const featureNll = Float32Array.from({ length: n * 2 }, (_, i) => (i % 2 === 0 ? 1 : 3));
    const cal = calibrate(scores, featureNll, 2, { q: 0.99 });
    expect(cal.threshold).toBeCloseTo(0.99 * (n - 1), 6);
    expect(cal.normalScores).toHaveLength(MAX_NORMAL_SCORES);
    expect(cal.normalScores[0]).toBe(0);
    expect(cal.normalScores.at(-1)).toBe(n - 1);
    for (let i = 1; i < cal.normalScores.length; i++) expect(cal.normalScores[i]).toBeGreaterThanOrEqual(cal.normalScores[i - 1]!);
    expect(cal.featureBaseline).toEqual([1, 3]);
    expect(() => calibrate(scores, featureNll, 2, { q: 1 })).toThrow(/calibration\.q/);
  });
});
