/**
 * End to end, as a user runs it: generate card transactions, train on the normal ones, save one
 * .onnx file, load it with @novae/runtime, and check that the runtime reproduces the trainer's own
 * scores, that the file passes the ONNX checker, and that injected frauds rank high.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDetector, readManifest, validateManifest, type Detector } from '@novae/runtime';
import { relativeDifference, rocAuc, train, type TrainedModel } from '@novae/trainer';
import { FRAUD_KINDS, generateTransactions, LABEL_COLUMNS } from '../examples/fraud/src/transactions.js';
import { hasOnnxChecker, ONNX_CHECKER_PYTHON } from './onnx-checker.js';

const dir = mkdtempSync(join(tmpdir(), 'novae-e2e-'));
const modelPath = join(dir, 'fraud.onnx');
let trained: TrainedModel;
let detector: Detector;

beforeAll(async () => {
  const normal = generateTransactions({ rows: 4000, seed: 1 });
  trained = await train(normal, { adapter: { ignore: [...LABEL_COLUMNS] }, seed: 0, epochs: 40 });
  await trained.save(modelPath);
  detector = await loadDetector(modelPath);
});

afterAll(async () => {
  await detector?.dispose();
  await trained?.dispose();
});

describe('train -> save -> load -> score', () => {
  it('the runtime reproduces the trainer\'s TF.js scores of the held-out rows within 1e-4 relative', async () => {
    const { encoded, rows, scores: reference } = trained.heldOut;
    expect(rows).toBe(800);
    const result = await detector.scoreEncoded(encoded, rows);
    let worst = 0;
    for (let i = 0; i < rows; i++) {
      worst = Math.max(
        worst,
        relativeDifference(result.scores[i]!, reference.score[i]!),
        relativeDifference(result.nll[i]!, reference.nll[i]!),
        relativeDifference(result.kl[i]!, reference.kl[i]!),
      );
      for (let f = 0; f < detector.width; f++) {
        const k = i * detector.width + f;
        worst = Math.max(worst, relativeDifference(result.featureScores[k]!, reference.featureNll[k]!));
      }
    }
    expect(worst).toBeLessThanOrEqual(1e-4);
  });

  it('scores raw records through the manifest\'s adapter exactly as the trainer encodes them', async () => {
    const rows = generateTransactions({ rows: 200, seed: 5, fraudRate: 0.1 });
    const fromRecords = await detector.score(rows);
    const fromEncoded = await detector.scoreEncoded(trained.adapter.encode(rows), rows.length);
    expect(Array.from(fromRecords.scores)).toEqual(Array.from(fromEncoded.scores));
  });

  it('ranks injected frauds far above chance, every kind', async () => {
    const test = generateTransactions({ rows: 3000, seed: 2, fraudRate: 0.05 });
    const result = await detector.score(test);
    const labels = test.map((r) => r.is_fraud);
    expect(rocAuc(result.scores, labels)).toBeGreaterThan(0.9);
    for (const kind of FRAUD_KINDS) {
      const keep = test.map((r, i) => (r.fraud_kind === kind || r.is_fraud === 0 ? i : -1)).filter((i) => i >= 0);
      const auc = rocAuc(keep.map((i) => result.scores[i]!), keep.map((i) => labels[i]!));
      expect(auc, kind).toBeGreaterThan(0.75);
    }
  });

  it('explains the top-scoring fraud with columns, values seen and expected', async () => {
    const test = generateTransactions({ rows: 500, seed: 3, fraudRate: 0.05 });
    const result = await detector.score(test);
    const top = result.scores.indexOf(Math.max(...result.scores));
    const explanation = result.explain(top, 3);
    expect(explanation.columns).toHaveLength(3);
    expect(explanation.isAnomaly).toBe(true);
    expect(explanation.pValue).toBeLessThan(0.01);
    for (const c of explanation.columns) expect(Object.keys(test[top]!)).toContain(c.column);
  });

  it('writes a file that carries a valid manifest and passes the ONNX checker (full_check)', () => {
    const manifest = readManifest(new Uint8Array(readFileSync(modelPath)));
    expect(validateManifest(manifest).training.rows).toBe(3200);
    if (!hasOnnxChecker()) {
      throw new Error(`${ONNX_CHECKER_PYTHON} cannot import onnx: install Debian's python3-onnx (.ci/run does)`);
    }
    const out = execFileSync(ONNX_CHECKER_PYTHON, ['-c',
      'import onnx,sys; m=onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True); print(m.ir_version, m.opset_import[0].version)',
      modelPath]).toString().trim().split(' ').map(Number);
    expect(out[0]).toBeGreaterThanOrEqual(8);
    expect(out[1]).toBeGreaterThanOrEqual(17);
  });

  it('refuses scoring input that lacks a column the model needs, naming it', async () => {
    const [row] = generateTransactions({ rows: 1, seed: 9 });
    const { amount: _dropped, ...withoutAmount } = row!;
    await expect(detector.score([withoutAmount])).rejects.toThrow(/row 0: missing column 'amount'/);
  });

  it('refuses a file that is not a novae model', async () => {
    const path = join(dir, 'not-a-model.onnx');
    writeFileSync(path, 'hello, I am text');
    await expect(loadDetector(path)).rejects.toThrow(/not-a-model\.onnx: not an ONNX model file/);
  });
});
