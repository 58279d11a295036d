/** Fitting the marginal term: normal scores of mid-ranks, quantile knots, and the IQR weight. */
import { describe, expect, it } from 'vitest';
import { MarginalScorer } from '@novae/runtime';
import { fitMarginal, midRankScore, normalQuantile, quantile, tailScore } from '../src/index.js';

/** Interquartile range, computed here independently of the trainer's own helper. */
function iqr(values: ArrayLike<number>): number {
  const sorted = Array.from(values).sort((a, b) => a - b);
  return quantile(sorted, 0.75) - quantile(sorted, 0.25);
}

describe('normalQuantile', () => {
  it('inverts the standard normal CDF', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 6);
    expect(normalQuantile(1 - 1e-6)).toBeCloseTo(4.753424, 4);
    expect(() => normalQuantile(1)).toThrow(/p must be in \(0, 1\), got 1/);
  });
});

describe('midRankScore', () => {
  it('gives tied values their mean rank', () => {
    const sorted = [0, 0, 0, 1];
    expect(midRankScore(sorted, 0)).toBeCloseTo(normalQuantile(2 / 5), 12); // ranks 0-2: mid-rank 1.5
    expect(midRankScore(sorted, 1)).toBeCloseTo(normalQuantile(4 / 5), 12); // rank 3
  });
});

describe('fitMarginal', () => {
  // Column 0 continuous (0..n-1), column 1 binary (10 % ones), column 2 heavy-tailed.
  const n = 1000;
  const width = 3;
  const rows = (count: number, offset: number): Float32Array => {
    const out = new Float32Array(count * width);
    for (let i = 0; i < count; i++) {
      out[i * width] = (i * 7 + offset) % n;
      out[i * width + 1] = i % 10 === 0 ? 1 : 0;
      out[i * width + 2] = Math.fround(Math.tan(((i * 13 + offset) % n + 0.5) / n * Math.PI - Math.PI / 2));
    }
    return out;
  };
  const train = rows(n, 0);
  const held = rows(200, 3);
  const elbo = Float32Array.from({ length: 200 }, (_, i) => 10 + (i % 20));
  const term = fitMarginal(train, n, width, held, 200, elbo)!;

  it('keeps at most 64 ascending knots per feature, from the training minimum to the maximum', () => {
    expect(term.features).toHaveLength(width);
    expect(term.features[0]!.at).toHaveLength(64);
    expect(term.features[0]!.at[0]).toBe(0);
    expect(term.features[0]!.at.at(-1)).toBe(n - 1);
    for (const f of term.features) {
      for (let k = 1; k < f.at.length; k++) {
        expect(f.at[k]!).toBeGreaterThan(f.at[k - 1]!);
        expect(f.q[k]!).toBeGreaterThanOrEqual(f.q[k - 1]!);
      }
    }
    expect(term.tail).toBeCloseTo(tailScore(n), 6);
  });

  it('maps a discrete column through its mid-ranks: two knots for a binary column', () => {
    const binary = term.features[1]!;
    expect(binary.at).toEqual([0, 1]);
    expect(binary.q[0]).toBeCloseTo(normalQuantile((450 + 0.5) / (n + 1)), 5);
    expect(binary.q[1]).toBeCloseTo(normalQuantile((950 + 0.5) / (n + 1)), 5);
  });

  it('scores a training value at its rank, not at the tail', () => {
    const scorer = new MarginalScorer(term);
    expect(scorer.normalScore(0, 0)).toBeCloseTo(normalQuantile(1 / (n + 1)), 4);
    expect(scorer.normalScore(0, 499.5)).toBeCloseTo(0, 2);
    expect(scorer.normalScore(0, n - 1 + 10)).toBeCloseTo(term.tail + 10, 4);
  });

  it('weighs ½‖q‖² so that its held-out interquartile range matches the ELBO\'s', () => {
    const unweighted = new MarginalScorer({ ...term, weight: 1 })
      .addTo(held, 200, new Float32Array(200), new Float32Array(200 * width));
    expect(term.weight).toBeCloseTo(iqr(elbo) / iqr(unweighted), 5);
    const weighted = new MarginalScorer(term).addTo(held, 200, new Float32Array(200), new Float32Array(200 * width));
    expect(iqr(weighted)).toBeCloseTo(iqr(elbo), 4);
  });

  it('gives no term when the held-out rows do not spread', () => {
    const same = new Float32Array(200 * width).fill(0.5);
    expect(fitMarginal(train, n, width, same, 200, elbo)).toBeUndefined();
    expect(fitMarginal(train, n, width, held, 200, new Float32Array(200).fill(3))).toBeUndefined();
  });
});
