/** The online score mappings: running statistics, the record mapping and suppression. */
import { describe, expect, it } from 'vitest';
import { erfc, log10Tail, OnlineMapping, RunningWindow, Suppressor } from '../../src/nab/mapping.js';

describe('RunningWindow', () => {
  it('keeps the mean, deviation and maximum of the last `size` values', () => {
    const w = new RunningWindow(3);
    const seen: number[] = [];
    for (const x of [5, 1, 2, 9, 3, 1, 1, 0, 7]) {
      w.add(x);
      seen.push(x);
      const last = seen.slice(-3);
      expect(w.max()).toBe(Math.max(...last));
      expect(w.mean()).toBeCloseTo(last.reduce((a, b) => a + b, 0) / last.length, 12);
    }
    expect(w.size).toBe(3);
  });
});

describe('mappings', () => {
  it('Gaussian tails: erfc(0) = 1, log10 Q(z) continuous at the switch to the asymptotic form', () => {
    expect(erfc(0)).toBeCloseTo(1, 7);
    expect(log10Tail(0)).toBeCloseTo(Math.log10(0.5), 6);
    expect(log10Tail(4.999)).toBeCloseTo(log10Tail(5.001), 2);
    expect(log10Tail(10)).toBeCloseTo(-23.119, 2);
  });

  it('record: 0 within the recent range, 0.5 at its maximum, towards 1 far beyond it', () => {
    const m = new OnlineMapping([0, 1, 2, 3, 4], { kind: 'record', short: 1, history: 10, suppress: 0 });
    expect(m.next(1, 0.5)).toBe(0); // below the mean 2
    const atMax = new OnlineMapping([0, 1, 2, 3, 4], { kind: 'record', short: 1, history: 10, suppress: 0 });
    expect(atMax.next(4, 0.5)).toBeCloseTo(0.5, 12);
    const beyond = new OnlineMapping([0, 1, 2, 3, 4], { kind: 'record', short: 1, history: 10, suppress: 0 });
    expect(beyond.next(20, 0.01)).toBeCloseTo(9 / 10, 12); // a = (20 - 2) / (4 - 2) = 9
  });

  it('pvalue: 1 − p', () => {
    expect(new OnlineMapping([1, 2], { kind: 'pvalue', short: 1, history: 1, suppress: 0 }).next(5, 0.25)).toBe(0.75);
  });

  it('suppression keeps only rows that beat the previous `rows` rows', () => {
    const s = new Suppressor(2);
    expect([0.3, 0.5, 0.4, 0.45, 0.2, 0.1, 0.9].map((x) => s.next(x))).toEqual([0.3, 0.5, 0, 0, 0, 0, 0.9]);
    const off = new Suppressor(0);
    expect(off.next(0.2)).toBe(0.2);
  });
});
