import { describe, expect, it } from 'vitest';
import { fillStandardNormal, mulberry32 } from '../../src/index.js';
import { P2Quantile, RecentQuantile } from '../../src/stream/p2-quantile.js';

/** Exact type-7 quantile. */
function exact(values: ArrayLike<number>, p: number): number {
  const sorted = Float64Array.from(values).sort();
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo]! + (h - lo) * (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!);
}

/** Fraction of `values` below `x`: how far off an estimate is in rank, whatever the scale. */
function rankOf(values: ArrayLike<number>, x: number): number {
  let below = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! < x) below++;
  return below / values.length;
}

function seeded(kind: 'normal' | 'uniform' | 'exponential', n: number, seed: number): Float64Array {
  if (kind === 'normal') return Float64Array.from(fillStandardNormal(new Float32Array(n), seed));
  const u = mulberry32(seed);
  return Float64Array.from({ length: n }, () => (kind === 'uniform' ? u() : -Math.log(1 - u())));
}

describe('P2Quantile (Jain & Chlamtac 1985)', () => {
  it("reproduces the paper's worked example: median estimate 4.44 after 20 observations", () => {
    const xs = [0.02, 0.15, 0.74, 3.39, 0.83, 22.37, 10.15, 15.43, 38.62, 15.92,
      34.6, 10.28, 1.47, 0.4, 0.05, 11.39, 0.27, 0.42, 0.09, 11.37];
    const e = new P2Quantile(0.5);
    for (const x of xs) e.add(x);
    expect(e.value()).toBeCloseTo(4.44, 2);
    expect(e.count).toBe(20);
  });

  it('is exact below five observations and NaN when empty', () => {
    const e = new P2Quantile(0.5);
    expect(e.value()).toBeNaN();
    for (const x of [4, 1, 3]) e.add(x);
    expect(e.value()).toBe(3);
    e.add(2);
    expect(e.value()).toBe(2.5);
    e.add(Number.NaN);
    expect(e.count).toBe(4);
  });

  for (const kind of ['normal', 'uniform', 'exponential'] as const) {
    for (const p of [0.5, 0.9, 0.99]) {
      it(`tracks the exact ${p}-quantile of 20 000 seeded ${kind} draws`, () => {
        const data = seeded(kind, 20_000, 42);
        const e = new P2Quantile(p);
        for (const x of data) e.add(x);
        const truth = exact(data, p);
        // Within 0.5% in rank, and within 2% of the spread between the 1% and 99% quantiles.
        expect(Math.abs(rankOf(data, e.value()) - p)).toBeLessThan(0.005);
        expect(Math.abs(e.value() - truth)).toBeLessThan(0.02 * (exact(data, 0.99) - exact(data, 0.01)));
      });
    }
  }

  it('rejects p outside (0, 1)', () => {
    expect(() => new P2Quantile(1)).toThrow('P2Quantile: p must be in (0, 1), got 1');
  });
});

describe('RecentQuantile', () => {
  it('follows a level shift: after it, the estimate is the quantile of recent data only', () => {
    const before = seeded('normal', 3000, 1);
    const after = seeded('normal', 3000, 2).map((x) => x + 10);
    const recent = new RecentQuantile(0.5, 1000);
    const cumulative = new P2Quantile(0.5);
    for (const x of [...before, ...after]) { recent.add(x); cumulative.add(x); }
    const truth = exact(after.subarray(2000), 0.5);
    expect(Math.abs(recent.value() - truth)).toBeLessThan(0.15);
    // The all-time estimate is still dragged down by the first half: this is what recency buys.
    expect(Math.abs(cumulative.value() - truth)).toBeGreaterThan(2);
  });

  it('covers everything until its first restart, like a single estimator', () => {
    const data = seeded('uniform', 400, 3);
    const recent = new RecentQuantile(0.5, 1000);
    const single = new P2Quantile(0.5);
    for (const x of data) { recent.add(x); single.add(x); }
    expect(recent.value()).toBe(single.value());
    expect(recent.count).toBe(400);
  });
});
