import { describe, expect, it } from 'vitest';
import { fillStandardNormal } from '../../src/index.js';
import { DriftMonitor, ksCriticalValue, ksStatistic } from '../../src/stream/ks-drift.js';

const sorted = (a: ArrayLike<number>): number[] => Array.from(a).sort((x, y) => x - y);

describe('ksStatistic', () => {
  it('is the largest gap between the two empirical CDFs (hand-computed)', () => {
    // F_a - F_b at 2: 0.5 - 0; at 3: 0.75 - 0.25; at 4: 1 - 0.5 -> 0.5.
    expect(ksStatistic([1, 2, 3, 4], [3, 4, 5, 6])).toBe(0.5);
    expect(ksStatistic([1, 2], [1, 2])).toBe(0);
    expect(ksStatistic([1, 2], [3, 4])).toBe(1);
  });

  it('takes tied values in both samples in one step', () => {
    // at 1: 2/3 - 1/3; at 2: 1 - 1 -> 1/3.
    expect(ksStatistic([1, 1, 2], [1, 2, 2])).toBeCloseTo(1 / 3, 12);
  });

  it('has the asymptotic critical value c(alpha) sqrt((n + m) / (n m))', () => {
    expect(ksCriticalValue(0.05, 100, 100)).toBeCloseTo(1.3581 * Math.sqrt(0.02), 4);
    expect(ksCriticalValue(0.01, 1000, 200)).toBeCloseTo(1.6276 * Math.sqrt(1200 / 200_000), 4);
  });
});

describe('DriftMonitor', () => {
  const reference = sorted(fillStandardNormal(new Float32Array(1000), 1));

  it('stays quiet until its window is full, and for scores from the calibration distribution', () => {
    const monitor = new DriftMonitor(reference, 200, 0.01);
    const same = fillStandardNormal(new Float32Array(200), 2);
    for (let i = 0; i < 199; i++) monitor.add(same[i]!);
    expect(monitor.check().statistic).toBeNaN();
    monitor.add(same[199]!);
    const state = monitor.check();
    expect(state.statistic).toBeCloseTo(ksStatistic(reference, sorted(same)), 12);
    expect(state.drift).toBe(false);
  });

  it('flags a shifted score distribution, testing only the last window', () => {
    const monitor = new DriftMonitor(reference, 200, 0.01);
    const shifted = fillStandardNormal(new Float32Array(200), 3).map((x) => x + 0.8);
    for (const x of fillStandardNormal(new Float32Array(500), 4)) monitor.add(x);
    expect(monitor.check().drift).toBe(false);
    for (const x of shifted) monitor.add(x);
    const state = monitor.check();
    expect(state.statistic).toBeCloseTo(ksStatistic(reference, sorted(shifted)), 12);
    expect(state.statistic).toBeGreaterThan(state.critical);
    expect(state.drift).toBe(true);
  });
});
