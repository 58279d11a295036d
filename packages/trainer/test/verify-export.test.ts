/** The export check's measures: relative for single values, relative to the terms' magnitude for sums. */
import { describe, expect, it } from 'vitest';
import { EXPORT_TOLERANCE, relativeDifference, sumDifference } from '../src/verify-export.js';

describe('export tolerance', () => {
  it('relativeDifference is relative above 1 and absolute below', () => {
    expect(relativeDifference(1001, 1000)).toBeCloseTo(1e-3, 12);
    expect(relativeDifference(0.0002, 0.0001)).toBeCloseTo(1e-4, 12);
  });

  it('sumDifference measures a cancelling sum against its terms: float32 rounding of 784 terms near 1.6 passes, a real error fails', () => {
    // A Gaussian image model: 784 per-pixel NLLs of about -1.9 plus a KL of about 1500 sum to 1.65.
    const magnitude = 784 * 1.9 + 1500;
    expect(relativeDifference(1.648163, 1.648563)).toBeGreaterThan(EXPORT_TOLERANCE);
    expect(sumDifference(1.648163, 1.648563, magnitude)).toBeLessThan(EXPORT_TOLERANCE);
    expect(sumDifference(2.0, 1.648563, magnitude)).toBeGreaterThan(EXPORT_TOLERANCE);
    // Terms smaller than the result: the same as relativeDifference.
    expect(sumDifference(1001, 1000, 10)).toBe(relativeDifference(1001, 1000));
  });
});
