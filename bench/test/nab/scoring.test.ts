/** NAB scoring, checked against cases computed by hand from the paper's definitions. */
import { describe, expect, it } from 'vitest';
import {
  normalise, pointValues, probationLength, scaledSigmoid, scoreSeries, STANDARD_PROFILE, windowsFromLabels,
} from '../../src/nab/scoring.js';
import { optimiseThreshold, scoreCorpus, type ScoredSeries } from '../../src/nab/sweep.js';

/** 100 rows, one window at rows 40..49 (width 10), no probation unless given. */
function labels(n = 100, start = 40, end = 49): number[] {
  return Array.from({ length: n }, (_, i) => (i >= start && i <= end ? 1 : 0));
}
function detectAt(n: number, ...rows: number[]): number[] {
  const s = new Array<number>(n).fill(0);
  for (const r of rows) s[r] = 1;
  return s;
}

describe('scaled sigmoid and windows', () => {
  it('σ(y) = 2/(1+e^{5y}) − 1: 0 at 0, about 0.987 at −1, −1 far after a window', () => {
    expect(scaledSigmoid(0)).toBe(0);
    expect(scaledSigmoid(-1)).toBeCloseTo(2 / (1 + Math.exp(-5)) - 1, 12);
    expect(scaledSigmoid(-1)).toBeCloseTo(0.98661, 5);
    expect(scaledSigmoid(1)).toBeCloseTo(-0.98661, 5);
    expect(scaledSigmoid(3.01)).toBe(-1);
  });

  it('windows are the contiguous runs of label 1, including one at either end', () => {
    expect(windowsFromLabels([1, 1, 0, 0, 1, 0, 1])).toEqual([{ start: 0, end: 1 }, { start: 4, end: 4 }, { start: 6, end: 6 }]);
    expect(windowsFromLabels([0, 0])).toEqual([]);
  });

  it("probation is NAB's: 15% of the rows, at most 750", () => {
    expect(probationLength(4032)).toBe(604);
    expect(probationLength(22695)).toBe(750);
  });
});

describe('one series', () => {
  const L = labels();

  it('a detection at the start of the window earns A_TP, at its end about 0', () => {
    expect(scoreSeries(detectAt(100, 40), L, 0.5, 0).score).toBeCloseTo(1, 12);
    const end = scoreSeries(detectAt(100, 49), L, 0.5, 0);
    expect(end.score).toBeCloseTo(scaledSigmoid(-1 / 10) / scaledSigmoid(-1), 12);
    expect(Math.abs(end.score)).toBeLessThan(0.26);
    expect(end.tp).toBe(1);
  });

  it('only the first detection in a window counts', () => {
    const r = scoreSeries(detectAt(100, 45, 40, 41, 49), L, 0.5, 0);
    expect(r.score).toBeCloseTo(1, 12);
    expect([r.tp, r.fp, r.fn]).toEqual([1, 0, 0]);
    const mid = scoreSeries(detectAt(100, 45, 49), L, 0.5, 0);
    expect(mid.score).toBeCloseTo(scaledSigmoid(-5 / 10) / scaledSigmoid(-1), 12);
  });

  it('a miss costs A_FN', () => {
    const r = scoreSeries(new Array(100).fill(0), L, 0.5, 0);
    expect(r.score).toBe(STANDARD_PROFILE.fn);
    expect(r.fn).toBe(1);
  });

  it('a false positive far after a window costs A_FP; one before any window costs A_FP; one just after costs little', () => {
    // Row 99 is (99 − 49) / 9 > 3 widths after the window.
    expect(scoreSeries(detectAt(100, 40, 99), L, 0.5, 0).score).toBeCloseTo(1 - 0.11, 12);
    expect(scoreSeries(detectAt(100, 40, 10), L, 0.5, 0).score).toBeCloseTo(1 - 0.11, 12);
    const near = scoreSeries(detectAt(100, 40, 50), L, 0.5, 0).score - 1;
    expect(near).toBeCloseTo(0.11 * scaledSigmoid(1 / 9), 12);
    expect(near).toBeLessThan(0);
    expect(near).toBeGreaterThan(-0.11);
  });

  it('detections in the probationary period are ignored', () => {
    const r = scoreSeries(detectAt(100, 5, 40), L, 0.5, 15);
    expect([r.score, r.fp]).toEqual([1, 0]);
  });

  it('null and perfect detectors normalise to 0 and 100', () => {
    const two = labels(200).map((v, i) => (i >= 120 && i <= 139 ? 1 : v));
    const pv = pointValues(two, 30);
    expect(pv.windows).toHaveLength(2);
    const nul = scoreSeries(new Array(200).fill(0), two, 0.5, 30);
    const perfect = scoreSeries(detectAt(200, 40, 120), two, 0.5, 30);
    expect(nul.nullScore).toBe(-2);
    expect(perfect.perfectScore).toBeCloseTo(2, 12);
    expect(normalise(nul.score, nul.nullScore, nul.perfectScore)).toBe(0);
    expect(normalise(perfect.score, perfect.nullScore, perfect.perfectScore)).toBeCloseTo(100, 10);
  });
});

describe('corpus threshold', () => {
  // Series a: a spike of 0.9 at its window start and noise at 0.5 elsewhere. Series b: a false alarm at 0.95.
  const a: ScoredSeries = {
    name: 'a', category: 'x', labels: labels(), probation: 0,
    scores: Array.from({ length: 100 }, (_, i) => (i === 40 ? 0.9 : i % 7 === 0 ? 0.5 : 0.1)),
  };
  const b: ScoredSeries = {
    name: 'b', category: 'y', labels: labels(), probation: 0,
    scores: Array.from({ length: 100 }, (_, i) => (i === 20 ? 0.95 : i === 45 ? 0.8 : 0.1)),
  };

  it('picks the threshold with the highest total, checked against every candidate', () => {
    const corpus = [a, b];
    const best = optimiseThreshold(corpus);
    const candidates = [...new Set([...a.scores as number[], ...b.scores as number[]])];
    const totals = candidates.map((t) => scoreCorpus(corpus, STANDARD_PROFILE, t).score);
    expect(best.score).toBeCloseTo(Math.max(-2, ...totals), 12);
    // 0.8 detects both windows (a at its start, b halfway) and pays one A_FP for b's false alarm.
    expect(best.threshold).toBe(0.8);
    expect(best.score).toBeCloseTo(1 + scaledSigmoid(-5 / 10) / scaledSigmoid(-1) - 0.11, 12);
    expect(best.normalised).toBeCloseTo(normalise(best.score, -2, 2), 12);
  });

  it('keeps the null detector (score 0) when every threshold loses', () => {
    const noisy: ScoredSeries = { ...a, scores: a.scores as number[] };
    noisy.scores = Array.from({ length: 100 }, (_, i) => (i < 40 ? 1 : 0));
    const best = optimiseThreshold([noisy]);
    expect(best.threshold).toBe(Infinity);
    expect(best.normalised).toBe(0);
  });

  it('reports categories at the corpus threshold, normalised on their own', () => {
    const r = scoreCorpus([a, b]);
    expect(r.threshold).toBe(0.8);
    expect(r.categories.x!.normalised).toBeCloseTo(100, 10);
    expect(r.categories.y!.fp).toBe(1);
    expect(r.tp).toBe(2);
  });
});
