import { describe, expect, it } from 'vitest';
import { conformalPValues, fillStandardNormal, validateManifest, ManifestError } from '../src/index.js';
import { readManifest } from '../src/model-file.js';
import { RunQueue } from '../src/run-queue.js';
import { tinyModelBytes } from './helpers.js';

describe('conformalPValues', () => {
  it('is (1 + #{normal >= s}) / (n + 1), and NaN for NaN', () => {
    const normal = [1, 2, 3, 4];
    expect(Array.from(conformalPValues([0, 2, 2.5, 10, Number.NaN], normal))).toEqual([1, 4 / 5, 3 / 5, 1 / 5, Number.NaN]);
  });
});

describe('fillStandardNormal', () => {
  it('is reproducible per seed and close to N(0, 1)', () => {
    const a = fillStandardNormal(new Float32Array(20001), 5);
    const b = fillStandardNormal(new Float32Array(20001), 5);
    const c = fillStandardNormal(new Float32Array(20001), 6);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    const mean = a.reduce((s, v) => s + v, 0) / a.length;
    const variance = a.reduce((s, v) => s + (v - mean) ** 2, 0) / a.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });
});

describe('validateManifest', () => {
  const good = () => structuredClone(readManifest(tinyModelBytes()));

  it('accepts the manifest the trainer wrote', () => {
    expect(validateManifest(good()).format).toBe('novae-model');
  });

  it.each([
    ['format', (m: any) => { m.format = 'other'; }, /format: expected 'novae-model'/],
    ['model.latentDim', (m: any) => { m.model.latentDim = 0; }, /model\.latentDim: expected a positive integer, got 0/],
    ['model.likelihood', (m: any) => { m.model.likelihood = 'poisson'; }, /model\.likelihood: expected one of 'gaussian', 'bernoulli', got "poisson"/],
    ['calibration.q', (m: any) => { m.calibration.q = 1.5; }, /calibration\.q: expected a number in \(0, 1\)/],
    ['normalScores order', (m: any) => { m.calibration.normalScores = [3, 1]; }, /calibration\.normalScores\[1\]: expected scores sorted ascending/],
    ['featureBaseline length', (m: any) => { m.calibration.featureBaseline = [1]; }, /calibration\.featureBaseline: expected \d+ numbers \(one per feature\)/],
    ['training.backend', (m: any) => { delete m.training.backend; }, /training\.backend: expected a non-empty string, got nothing/],
  ])('names the bad field: %s', (_name, edit, message) => {
    const m = good();
    edit(m);
    expect(() => validateManifest(m)).toThrow(ManifestError);
    expect(() => validateManifest(m)).toThrow(message);
  });
});

describe('RunQueue', () => {
  it('runs jobs one at a time, in order, and survives a failing job', async () => {
    const queue = new RunQueue();
    const log: string[] = [];
    const job = (name: string, ms: number, fail = false) => queue.run(async () => {
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    });
    const results = await Promise.allSettled([job('a', 20), job('b', 1, true), job('c', 1)]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
