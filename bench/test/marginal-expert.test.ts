/** The marginal expert of the score experiments: normal scores from training-row ranks. */
import { describe, expect, it } from 'vitest';
import { normalQuantile } from '@novae/trainer';
import { MarginalExpert } from '../src/marginal-expert.js';

describe('MarginalExpert', () => {
  // Column 0: 0..9; column 1: a discrete column, six 0s and four 1s.
  const n = 10;
  const train = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    train[2 * i] = i;
    train[2 * i + 1] = i < 6 ? 0 : 1;
  }
  const expert = new MarginalExpert(train, n, 2);

  it('maps a value to the normal score of its mid-rank, ties included', () => {
    // 4.5 lies between 5 values below and 5 above: the median.
    expect(expert.normalScore(0, 4.5)).toBeCloseTo(0, 9);
    // Value 4 has 4 values below it and itself: mid-rank 4.5 of 10, p = 5 / 11.
    expect(expert.normalScore(0, 4)).toBeCloseTo(normalQuantile(5 / 11), 9);
    // The six tied zeros share mid-rank 3, p = 3.5 / 11.
    expect(expert.normalScore(1, 0)).toBeCloseTo(normalQuantile(3.5 / 11), 9);
    expect(expert.normalScore(1, 1)).toBeGreaterThan(0);
  });

  it('is monotone and keeps growing linearly beyond the training range', () => {
    const top = expert.normalScore(0, 9);
    expect(expert.normalScore(0, 12)).toBeCloseTo(normalQuantile(1 - 0.5 / 11) + 3, 6);
    expect(expert.normalScore(0, 12)).toBeGreaterThan(top);
    expect(expert.normalScore(0, -2)).toBeCloseTo(-normalQuantile(1 - 0.5 / 11) - 2, 6);
  });

  it('scores a row as half its squared normal scores', () => {
    const q0 = expert.normalScore(0, 4);
    const q1 = expert.normalScore(1, 1);
    expect(expert.scores(new Float32Array([4, 1]), 1)[0]).toBeCloseTo((q0 ** 2 + q1 ** 2) / 2, 9);
  });
});

describe('MarginalExpert with knots', () => {
  const n = 101;
  const train = Float32Array.from({ length: n }, (_, i) => i);
  const exact = new MarginalExpert(train, n, 1);
  const summarised = new MarginalExpert(train, n, 1, 11);

  it('matches the exact map at the knots and interpolates linearly between them', () => {
    // 11 knots of 0..100 fall on 0, 10, ..., 100.
    expect(summarised.normalScore(0, 30)).toBeCloseTo(exact.normalScore(0, 30), 9);
    const between = (exact.normalScore(0, 30) + exact.normalScore(0, 40)) / 2;
    expect(summarised.normalScore(0, 35)).toBeCloseTo(between, 9);
    expect(summarised.normalScore(0, 105)).toBeCloseTo(exact.normalScore(0, 105), 9);
  });

  it('names a bad knot count', () => {
    expect(() => new MarginalExpert(train, n, 1, 1)).toThrow(/knots must be an integer >= 2, got 1/);
  });
});
