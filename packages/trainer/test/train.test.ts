import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDetector } from '@novae/runtime';
import { train, TrainInputError, type TrainedModel } from '../src/index.js';
import { anomalousRecords, normalRecords } from './data.js';

// Explicit settings, so these tests do not move when the defaults are tuned.
const options = {
  epochs: 150, learningRate: 3e-3, activation: 'tanh', seed: 0, hidden: [16, 8], ensemble: [{}], adapter: { ignore: ['id'] },
} as const;
let model: TrainedModel;
beforeAll(async () => { model = await train(normalRecords(600, 1), options); });
afterAll(async () => { await model.dispose(); });

describe('train', () => {
  it('records what it did in a valid manifest', () => {
    const m = model.manifest;
    expect(m.producer.name).toBe('@novae/trainer');
    expect(m.adapter.kind).toBe('tabular');
    expect(model.adapter.columns).toEqual(['x', 'y', 'shop', 'member']);
    expect(m.model).toMatchObject({ architecture: 'mlp', inputShape: [model.adapter.width], likelihood: 'gaussian', hidden: [16, 8] });
    expect(m.training).toMatchObject({ rows: 480, backend: 'wasm', seed: 0 });
    expect(m.training.epochs).toBeLessThanOrEqual(150);
    expect(m.calibration.q).toBe(0.99);
    expect(m.calibration.normalScores).toHaveLength(120);
    expect(model.history).toHaveLength(m.training.epochs);
    expect(model.history[0]!.loss).toBeGreaterThan(model.history.at(-1)!.loss);
  });

  it('exports a model that the runtime scores like the trainer (checked at export)', () => {
    expect(model.exportCheck.rows).toBe(120);
    expect(model.exportCheck.maxRelativeDifference).toBeLessThanOrEqual(1e-4);
    expect(model.exportCheck.backend).toBe('node');
  });

  it('calibrates the threshold so about 1% of held-out normal rows exceed it', async () => {
    const { isAnomaly } = await model.score(normalRecords(2000, 99));
    const rate = isAnomaly.filter(Boolean).length / isAnomaly.length;
    expect(rate).toBeLessThan(0.05);
  });

  it('ranks joint anomalies above normal rows', async () => {
    const normal = normalRecords(300, 7);
    const anomalies = anomalousRecords(30, 8);
    const labels = [...normal.map(() => 0), ...anomalies.map(() => 1)];
    const ev = await model.evaluate([...normal, ...anomalies], labels);
    expect(ev.rocAuc).toBeGreaterThan(0.9);
    expect(ev.threshold).toBe(model.manifest.calibration.threshold);
  });

  it('is deterministic: same seed (0 included: TF.js reads 0 as no seed), data and backend give the same model', async () => {
    const again = await train(normalRecords(600, 1), options);
    const other = await train(normalRecords(600, 1), { ...options, seed: 1 });
    const rows = normalRecords(20, 5);
    const a = await model.score(rows);
    const b = await again.score(rows);
    const c = await other.score(rows);
    expect(Array.from(b.scores)).toEqual(Array.from(a.scores));
    expect(Array.from(c.scores)).not.toEqual(Array.from(a.scores));
    await again.dispose();
    await other.dispose();
  });

  it('saves atomically a file the runtime loads with the same scores', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'novae-train-'));
    const path = join(dir, 'model.onnx');
    const check = await model.save(path);
    expect(check.maxRelativeDifference).toBeLessThanOrEqual(1e-4);
    expect(readdirSync(dir)).toEqual(['model.onnx']);
    expect(new Uint8Array(readFileSync(path))).toEqual(model.bytes);
    const detector = await loadDetector(path);
    const rows = normalRecords(10, 11);
    expect(Array.from((await detector.score(rows)).scores)).toEqual(Array.from((await model.score(rows)).scores));
    await detector.dispose();
  });

  it('leaves nothing behind when saving fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'novae-train-'));
    const path = join(dir, 'missing-folder', 'model.onnx');
    await expect(model.save(path)).rejects.toThrow(/ENOENT/);
    expect(existsSync(join(dir, 'missing-folder'))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('rejects bad options and too little data with messages naming the option', async () => {
    await expect(train(normalRecords(5, 1))).rejects.toThrow(/need at least 10 records, got 5/);
    await expect(train(normalRecords(50, 1), { epochs: 0 })).rejects.toThrow(TrainInputError);
    await expect(train(normalRecords(50, 1), { epochs: 0 })).rejects.toThrow(/epochs: expected a positive integer, got 0/);
    await expect(train(normalRecords(50, 1), { validationSplit: 1 })).rejects.toThrow(/validationSplit: expected a number between 0 and 1/);
    await expect(train(normalRecords(50, 1), { calibration: { q: 0 } })).rejects.toThrow(/calibration\.q/);
    await expect(train(normalRecords(50, 1), { backend: 'tensorflow' })).rejects.toThrow(/backend 'tensorflow' is not available \(install @tensorflow\/tfjs-node/);
    await expect(train(normalRecords(50, 1), { adapter: { ignore: ['nope'] } })).rejects.toThrow(/nope/);
    await expect(train(normalRecords(50, 1), { ensemble: [] })).rejects.toThrow(/ensemble: expected an array of 1 to 16 members/);
    await expect(train(normalRecords(50, 1), { ensemble: [{ beta: -1 }] })).rejects.toThrow(/ensemble\[0\]\.beta/);
    await expect(train(normalRecords(50, 1), { marginal: 'yes' as never })).rejects.toThrow(/marginal: expected true or false, got "yes"/);
  });

  it('adds the marginal term to a table model\'s score and calibrates on the sum', async () => {
    const m = model.manifest;
    expect(m.score.default).toBe('elbo-marginal');
    expect(m.score.marginal!.features).toHaveLength(model.adapter.width);
    expect(m.score.marginal!.weight).toBeGreaterThan(0);
    const held = model.heldOut;
    expect(held.scores.marginal).toHaveLength(held.rows);
    const detector = await model.detector();
    const r = await detector.scoreEncoded(held.encoded, held.rows);
    for (let i = 0; i < held.rows; i++) {
      expect(r.marginal[i]!).toBeGreaterThan(0);
      expect(Math.abs(r.scores[i]! - (r.nll[i]! + r.kl[i]! + r.marginal[i]!))).toBeLessThan(1e-4 * Math.max(1, Math.abs(r.scores[i]!)));
      expect(r.marginal[i]).toBe(held.scores.marginal![i]);
    }
    // The calibration scores are the held-out rows' combined scores (120 rows: all of them are kept).
    const sorted = Array.from(r.scores).sort((a, b) => a - b);
    sorted.forEach((s, i) => expect(Math.abs(s - m.calibration.normalScores[i]!)).toBeLessThan(1e-4 * Math.max(1, Math.abs(s))));

    // marginal: false trains the same VAE and scores by its ELBO alone.
    const plain = await train(normalRecords(600, 1), { ...options, marginal: false });
    try {
      expect(plain.manifest.score).toEqual({ default: 'elbo', samples: 1 });
      const rows = normalRecords(20, 5);
      const a = await model.score(rows);
      const b = await plain.score(rows);
      expect(Array.from(b.nll)).toEqual(Array.from(a.nll));
      expect(Array.from(b.marginal)).toEqual(new Array(20).fill(0));
      for (let i = 0; i < 20; i++) expect(a.scores[i]!).toBeGreaterThan(b.scores[i]!);
    } finally {
      await plain.dispose();
    }
  });

  it('trains an ensemble into one graph that the runtime scores like the trainer', async () => {
    const opts = { ...options, epochs: 30, latentDim: 2, ensemble: [{}, { beta: 4 }] };
    const ens = await train(normalRecords(600, 1), opts);
    try {
      const m = ens.manifest;
      expect(m.model).toMatchObject({ latentDim: 4, beta: 1, ensemble: { members: 2, memberLatentDim: 2, betas: [1, 4] } });
      expect(ens.exportCheck.maxRelativeDifference).toBeLessThanOrEqual(1e-4);
      // Progress runs through both members' epochs in turn; the manifest lists each member's run.
      const members = (m.training as { members?: { epochs: number }[] }).members!;
      expect(members).toHaveLength(2);
      expect(m.training.epochs).toBe(Math.max(...members.map((r) => r.epochs)));
      expect(m.training.epochs).toBeLessThanOrEqual(30);
      expect(ens.history).toHaveLength(members[0]!.epochs + members[1]!.epochs);
      expect(ens.history.map((p) => p.epoch)).toEqual(Array.from({ length: ens.history.length }, (_, i) => i + 1));
      // The first member is the single model of the same options: the ensemble's score is not just it.
      const single = await train(normalRecords(600, 1), { ...opts, ensemble: [{}] });
      const rows = normalRecords(20, 5);
      const a = await ens.score(rows);
      const b = await single.score(rows);
      expect(a.scores).toHaveLength(20);
      expect(Array.from(a.scores)).not.toEqual(Array.from(b.scores));
      const mc = await ens.score(rows, { samples: 8, seed: 3 });
      expect(mc.scores.every(Number.isFinite)).toBe(true);
      await single.dispose();
    } finally {
      await ens.dispose();
    }
  }, 60_000);
});
