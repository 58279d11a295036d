/**
 * End-to-end tests of the `novae` command: train once on a seeded synthetic CSV, then inspect,
 * score and evaluate with the saved model, and check that every kind of bad input ends with one
 * clear stderr line, a non-zero exit code and no output file.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  csvRecords, expectCleanFailure, labelledCsv, plainOnnx, reportedNumber, runInFreshFolder, runNovae, trainingCsv, type RunResult,
} from './fixtures.js';

let dir: string;
let model: string;
let trainRun: RunResult;
const TEST_ROWS = 110;
const OUTLIER_EVERY = 11;
let outliers: number[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'novae-cli-'));
  writeFileSync(join(dir, 'train.csv'), trainingCsv(600));
  const labelled = labelledCsv(TEST_ROWS, OUTLIER_EVERY);
  outliers = labelled.outliers;
  writeFileSync(join(dir, 'test.csv'), labelled.csv);
  model = join(dir, 'model.onnx');
  trainRun = await runNovae(
    ['train', 'train.csv', '--ignore', 'id', '--ignore', 'label', '--epochs', '15', '--fpr', '0.02', '--out', model], dir,
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('novae train / inspect', () => {
  it('trains, saves the model and prints a summary', () => {
    expect(trainRun.stderr).not.toMatch(/novae: /);
    expect(trainRun.code).toBe(0);
    expect(existsSync(model)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(trainRun.stdout).toMatch(/Trained on 600 rows/);
    expect(trainRun.stdout).toMatch(/of 5 columns/);
    expect(trainRun.stdout).toMatch(/for \d+ epochs on the \w+ backend/);
    expect(trainRun.stdout).toMatch(/threshold [\d.]+ \(quantile q = 0\.98/);
    expect(trainRun.stdout).toMatch(/max relative difference [\d.e+-]+/);
    expect(trainRun.stdout).toContain(`Saved ${model}`);
    // Not a TTY here: a few plain progress lines, not a bar.
    const progressLines = trainRun.stderr.split('\n').filter((l) => l.startsWith('epoch '));
    expect(progressLines.length).toBeGreaterThan(0);
    expect(progressLines.length).toBeLessThanOrEqual(11);
  });

  it('inspect shows the manifest and the graph', async () => {
    const r = await runNovae(['inspect', model], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/producer\s+@novae\/trainer \d+\.\d+\.\d+, created \d{4}-/);
    expect(r.stdout).toMatch(/adapter\s+tabular, 5 columns/);
    expect(r.stdout).toMatch(/amount\s+numeric\s+mean 5\d/);
    expect(r.stdout).toMatch(/channel\s+categorical\s+3 categories/);
    expect(r.stdout).not.toMatch(/^\s+(id|label)\s/m);
    expect(r.stdout).toMatch(/model\s+mlp, inputShape \[\d+\], latentDim \d+, gaussian likelihood/);
    expect(r.stdout).toMatch(/score\s+elbo-marginal, 1 sample; marginal term weight [\d.e+-]+, \d+ knots per feature at most/);
    expect(r.stdout).toMatch(/calibration\s+threshold [\d.]+ \(quantile q = 0\.98 of \d+ normal scores\)/);
    expect(r.stdout).toMatch(/training\s+\d+ rows, 15 epochs/);
    expect(r.stdout).toMatch(/graph\s+IR version \d+, opset ai\.onnx \d+, \d+ nodes, [\d,]+ parameters/);
    expect(r.stdout).toMatch(/input\s+x\s+float32 \[N, \d+\]/);
    expect(r.stdout).toMatch(/input\s+eps\s+float32 \[S, N, \d+\]/);
    expect(r.stdout).toMatch(/output\s+score\s+float32 \[N\]/);

    const json = await runNovae(['inspect', model, '--json'], dir);
    expect(json.code).toBe(0);
    const manifest = JSON.parse(json.stdout);
    expect(manifest.format).toBe('novae-model');
    expect(manifest.calibration.q).toBeCloseTo(0.98, 10);
    expect(manifest.adapter.columns.map((c: { name: string }) => c.name)).toEqual(['amount', 'hour', 'ratio', 'score2', 'channel']);
  });
});

describe('novae score / eval', () => {
  it('writes one row per input row, in input order, atomically to --out', async () => {
    const out = join(dir, 'scores.csv');
    const r = await runNovae(['score', model, 'test.csv', '--out', out], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toBe('score,nll,kl,marginal,p_value,is_anomaly');
    const rows = csvRecords(text);
    expect(rows).toHaveLength(TEST_ROWS);
    for (const row of rows) {
      for (const key of ['score', 'nll', 'kl', 'marginal', 'p_value']) expect(Number.isFinite(Number(row[key])), `${key}=${row[key]}`).toBe(true);
      // A table model's score is the negative ELBO plus the marginal term (float32, written with 7 digits).
      const parts = Number(row.nll) + Number(row.kl) + Number(row.marginal);
      expect(Math.abs(Number(row.score) - parts)).toBeLessThan(1e-5 * Math.max(1, Math.abs(parts)));
      expect(['0', '1']).toContain(row.is_anomaly);
    }
    // Order: the highest scores sit exactly on the rows that hold the outliers.
    const scores = rows.map((row) => Number(row.score));
    const top = scores.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0]).slice(0, outliers.length).map(([, i]) => i);
    expect(top.sort((a, b) => a - b)).toEqual(outliers);
    for (const i of outliers) expect(rows[i]!.is_anomaly).toBe('1');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const stdout = await runNovae(['score', model, 'test.csv'], dir);
    expect(stdout.code).toBe(0);
    expect(stdout.stdout).toBe(text);
  });

  it('--explain adds the top columns with the values seen and expected', async () => {
    const r = await runNovae(['score', model, 'test.csv', '--explain'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('score,nll,kl,marginal,p_value,is_anomaly,explanation');
    const rows = csvRecords(r.stdout);
    expect(rows).toHaveLength(TEST_ROWS);
    for (const i of outliers) {
      const parts = rows[i]!.explanation!.split('; ');
      expect(parts.length).toBeGreaterThanOrEqual(1);
      expect(parts.length).toBeLessThanOrEqual(3);
      expect(parts[0]).toMatch(/^amount (9\d|100)% \(seen 5\d\d(\.\d+)?, expected -?[\d.]+(e[+-]\d+)?\)$/);
    }
  });

  it('eval reports ROC-AUC, PR-AUC, F1 and the threshold', async () => {
    const r = await runNovae(['eval', model, 'test.csv', '--label', 'label'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`rows\\s+${TEST_ROWS} \\(${outliers.length} anomalies`));
    const metric = (name: string): number => reportedNumber(r.stdout, name);
    expect(metric('ROC-AUC')).toBeGreaterThan(0.8);
    expect(metric('PR-AUC')).toBeGreaterThan(0.5);
    expect(metric('F1')).toBeGreaterThan(0);
    expect(metric('threshold')).toBeGreaterThan(0);
  });

  it('--no-marginal trains a model that scores by the ELBO alone', async () => {
    const plain = join(dir, 'plain.onnx');
    const t = await runNovae(['train', 'train.csv', '--ignore', 'id,label', '--epochs', '15', '--no-marginal', '--out', plain], dir);
    expect(t.code, t.stderr).toBe(0);
    const json = JSON.parse((await runNovae(['inspect', plain, '--json'], dir)).stdout);
    expect(json.score).toEqual({ default: 'elbo', samples: 1 });
    const r = await runNovae(['score', plain, 'test.csv'], dir);
    expect(r.stdout.split('\n')[0]).toBe('score,nll,kl,p_value,is_anomaly');
  });
});

describe('bad input', () => {
  const runBad = (args: (out: string) => string[], files?: Record<string, string | Uint8Array>) => runInFreshFolder(dir, args, files);

  const good = (): string => readFileSync(join(dir, 'test.csv'), 'utf8');

  it('a missing data file', async () => {
    expectCleanFailure(await runBad((out) => ['train', 'nope.csv', '--out', out]), /nope\.csv: no such file/);
    expectCleanFailure(await runBad((out) => ['score', model, 'nope.csv', '--out', out]), /nope\.csv: no such file/);
  });

  it('an empty CSV and a header-only CSV', async () => {
    expectCleanFailure(await runBad((out) => ['train', 'empty.csv', '--out', out], { 'empty.csv': '' }), /empty\.csv: no data rows/);
    expectCleanFailure(
      await runBad((out) => ['score', model, 'head.csv', '--out', out], { 'head.csv': 'amount,hour,ratio,score2,channel\n' }),
      /head\.csv: no data rows/,
    );
  });

  it('ragged rows', async () => {
    const lines = good().split('\n');
    lines[6] = lines[6]!.split(',').slice(0, 5).join(',');
    const ragged = lines.join('\n');
    expectCleanFailure(
      await runBad((out) => ['score', model, 'ragged.csv', '--out', out], { 'ragged.csv': ragged }),
      /ragged\.csv: line 7 has 5 fields, expected 7 \(header\)/,
    );
    expectCleanFailure(
      await runBad((out) => ['train', 'ragged.csv', '--out', out], { 'ragged.csv': ragged }),
      /ragged\.csv: line 7 has 5 fields, expected 7 \(header\)/,
    );
  });

  it('a model file that is not ONNX', async () => {
    const noise = Uint8Array.from({ length: 256 }, (_, i) => (i * 151 + 7) % 256);
    expectCleanFailure(
      await runBad((out) => ['score', 'noise.onnx', 'test.csv', '--out', out], { 'noise.onnx': noise, 'test.csv': good() }),
      /noise\.onnx: not an ONNX model file/,
    );
  });

  it('an ONNX file that is not a novae model', async () => {
    const r = await runBad((out) => ['score', 'plain.onnx', 'test.csv', '--out', out], { 'plain.onnx': plainOnnx(), 'test.csv': good() });
    expectCleanFailure(r, /plain\.onnx: an ONNX model but not a novae model/);
    const inspect = await runNovae(['inspect', 'plain.onnx'], r.folder);
    expect(inspect.code).not.toBe(0);
    expect(inspect.stderr.trim()).toMatch(/^novae: plain\.onnx: an ONNX model but not a novae model[^\n]*$/);
  });

  it('a column the model needs is missing', async () => {
    const text = good().replace(/^id,amount,hour,/, 'id,amount,hours,');
    expectCleanFailure(
      await runBad((out) => ['score', model, 'renamed.csv', '--out', out], { 'renamed.csv': text }),
      /renamed\.csv: missing a column that the model needs: 'hour'/,
    );
  });

  it('labels that are not 0/1 or true/false', async () => {
    const text = good().replace(/,0\n/, ',maybe\n');
    expectCleanFailure(
      await runBad(() => ['eval', model, 'labels.csv', '--label', 'label'], { 'labels.csv': text }),
      /labels\.csv: line 2: label column 'label' has "maybe"; expected 0\/1 or true\/false/,
    );
  });

  it('--fpr with --threshold-quantile, an unknown --backend, --adapter image on a CSV file', async () => {
    const files = { 'train.csv': trainingCsv(50) };
    expectCleanFailure(
      await runBad((out) => ['train', 'train.csv', '--fpr', '0.01', '--threshold-quantile', '0.99', '--out', out], files),
      /--threshold-quantile.*cannot be used with.*--fpr/,
    );
    expectCleanFailure(
      await runBad((out) => ['train', 'train.csv', '--backend', 'quantum', '--out', out], files),
      /--backend.*'quantum' is invalid.*auto, wasm, cpu, tensorflow, tensorflow-gpu/,
    );
    expectCleanFailure(
      await runBad((out) => ['train', 'train.csv', '--adapter', 'image', '--out', out], files),
      /train\.csv: not a folder \(expected a folder of \.png or \.jpg images\)/,
    );
    expectCleanFailure(
      await runBad((out) => ['train', 'train.csv', '--ignore', 'labl', '--out', out], files),
      /--ignore: no column 'labl' in train\.csv/,
    );
  });
});
