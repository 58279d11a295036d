/**
 * The `novae` command on sensor data: train --adapter sensor on a seeded series, then inspect, score
 * (one row per window end, with its timestamp) and eval (a window takes its last sample's label),
 * and check that bad sensor input ends with one clear stderr line and no output file.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRecords, expectCleanFailure, reportedNumber, runInFreshFolder, runNovae, type RunResult } from './fixtures.js';
import { sensorCsv } from './sensor-fixtures.js';

const TRAIN_ROWS = 300;
const TEST_ROWS = 120;
const WINDOW = 8;
const SPIKE = 60;
let dir: string;
let model: string;
let trainRun: RunResult;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'novae-sensor-cli-'));
  writeFileSync(join(dir, 'train.csv'), sensorCsv(TRAIN_ROWS));
  writeFileSync(join(dir, 'test.csv'), sensorCsv(TEST_ROWS, { seed: 6, from: 3000, spikes: [SPIKE] }));
  model = join(dir, 'sensor.onnx');
  trainRun = await runNovae(
    ['train', 'train.csv', '--adapter', 'sensor', '--window', String(WINDOW), '--ignore', 'label', '--epochs', '15', '--out', model],
    dir,
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const testRows = (): Record<string, string>[] => csvRecords(readFileSync(join(dir, 'test.csv'), 'utf8'));

describe('novae train --adapter sensor / inspect', () => {
  it('trains on windows split in time and says so', () => {
    expect(trainRun.stderr).not.toMatch(/novae: /);
    expect(trainRun.code).toBe(0);
    expect(existsSync(model)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const windows = TRAIN_ROWS - WINDOW + 1; // 293: 59 held out, 7 dropped, 227 fitted
    expect(trainRun.stdout).toMatch(new RegExp(`Trained on ${TRAIN_ROWS} samples -> ${windows} windows of ${WINDOW} steps \\(every sample\\)`));
    expect(trainRun.stdout).toMatch(/x 2 channels \('temp', 'load'\), encoded as 16 features/);
    expect(trainRun.stdout).toMatch(/227 windows for fitting, then the last 59 held out, 7 dropped between them so none overlaps/);
    expect(trainRun.stdout).toMatch(/threshold [\d.]+ \(quantile q = 0\.99/);
    expect(trainRun.stdout).toMatch(/over 59 windows/);
    expect(trainRun.stdout).toContain(`Saved ${model}`);
  });

  it('inspect shows the sensor adapter: channels, window, stride, interval', async () => {
    const r = await runNovae(['inspect', model], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/adapter\s+sensor, 2 channels, window 8 steps, stride 1, levels, robust scaling/);
    expect(r.stdout).toMatch(/timestamp 'timestamp', interval 1000 \(median between samples/);
    expect(r.stdout).toMatch(/^\s+temp\s+center 2\d(\.\d+)?, scale [\d.]+, fill 2\d/m);
    expect(r.stdout).toMatch(/^\s+load\s+center 0\.\d+/m);
    expect(r.stdout).toMatch(/model\s+mlp, inputShape \[16\]/);
    expect(r.stdout).toMatch(/training\s+227 windows, 15 epochs/);
    const json = JSON.parse((await runNovae(['inspect', model, '--json'], dir)).stdout);
    expect(json.adapter).toMatchObject({ kind: 'sensor', window: WINDOW, stride: 1, timestamp: 'timestamp', interval: 1000 });
    expect(json.adapter.channels.map((c: { name: string }) => c.name)).toEqual(['temp', 'load']);
  });
});

describe('novae score / eval with a sensor model', () => {
  it('writes one row per window end, with its timestamp first, in order', async () => {
    const out = join(dir, 'scores.csv');
    const r = await runNovae(['score', model, 'test.csv', '--out', out], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toBe('timestamp,score,nll,kl,p_value,is_anomaly');
    const rows = csvRecords(text);
    expect(rows).toHaveLength(TEST_ROWS - WINDOW + 1);
    const input = testRows();
    expect(rows.map((row) => row.timestamp)).toEqual(input.slice(WINDOW - 1).map((row) => row.timestamp));
    for (const row of rows) {
      for (const key of ['score', 'nll', 'kl', 'p_value']) expect(Number.isFinite(Number(row[key])), `${key}=${row[key]}`).toBe(true);
    }
    // The window that ends at the spike is flagged.
    expect(rows[SPIKE - WINDOW + 1]!.is_anomaly).toBe('1');
    const stdout = await runNovae(['score', model, 'test.csv'], dir);
    expect(stdout.stdout).toBe(text);
  });

  it('--explain names the channels', async () => {
    const r = await runNovae(['score', model, 'test.csv', '--explain'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('timestamp,score,nll,kl,p_value,is_anomaly,explanation');
    const rows = csvRecords(r.stdout);
    expect(rows[SPIKE - WINDOW + 1]!.explanation).toMatch(/^temp \d+% \(seen 3\d(\.\d+)?, expected [\d.]+\)/);
  });

  it('eval labels each window by its last sample', async () => {
    const r = await runNovae(['eval', model, 'test.csv', '--label', 'label'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/windows\s+113 \(1 anomalous, 0\.9%; from 120 samples, labelled by their last sample\)/);
    const metric = (name: string): number => reportedNumber(r.stdout, name);
    expect(metric('ROC-AUC')).toBeGreaterThan(0.8);
    expect(metric('threshold')).toBeGreaterThan(0);
    expect(r.stdout).toMatch(/windows flagged/);
    const help = await runNovae(['eval', '--help'], dir);
    expect(help.stdout).toMatch(/each window takes the\s+label of its last sample/);
  });

  it('--no-timestamp: sample order is the clock, and score reports the sample index', async () => {
    const noTs = join(dir, 'no-ts.onnx');
    const t = await runNovae(
      ['train', 'train.csv', '--adapter', 'sensor', '--window', '4', '--stride', '2', '--no-timestamp', '--ignore', 'timestamp,label',
        '--epochs', '2', '--out', noTs], dir,
    );
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toMatch(/-> 149 windows of 4 steps \(every 2 samples\)/);
    const r = await runNovae(['score', noTs, 'test.csv'], dir);
    expect(r.code, r.stderr).toBe(0);
    const rows = csvRecords(r.stdout);
    expect(r.stdout.split('\n')[0]).toBe('sample,score,nll,kl,p_value,is_anomaly');
    expect(rows.map((row) => Number(row.sample))).toEqual(Array.from({ length: 59 }, (_, i) => 3 + 2 * i));
  });
});

describe('bad sensor input', () => {
  const runBad = (args: (out: string) => string[], files?: Record<string, string | Uint8Array>) => runInFreshFolder(dir, args, files);

  const files = (): Record<string, string> => ({ 'train.csv': sensorCsv(TRAIN_ROWS) });
  const sensorTrain = (...args: string[]) => (out: string): string[] =>
    ['train', 'train.csv', '--adapter', 'sensor', '--ignore', 'label', '--epochs', '1', ...args, '--out', out];

  it('--window missing, too long for the series, or given without --adapter sensor', async () => {
    expectCleanFailure(await runBad(sensorTrain(), files()), /--window: required with --adapter sensor/);
    expectCleanFailure(
      await runBad(sensorTrain('--window', '500'), files()),
      /--window 500: a window needs 500 samples but train\.csv has 300 data rows/,
    );
    expectCleanFailure(
      await runBad(sensorTrain('--window', '300', '--differences'), files()),
      /--window 300: a window needs 301 samples \(one more with --differences\)/,
    );
    expectCleanFailure(
      await runBad((out) => ['train', 'train.csv', '--window', '8', '--stride', '2', '--out', out], files()),
      /--window, --stride: only for --adapter sensor/,
    );
    expectCleanFailure(await runBad(sensorTrain('--window', '0'), files()), /--window.*expected a positive integer/);
  });

  it('too few windows for a time-ordered split', async () => {
    expectCleanFailure(
      await runBad(sensorTrain('--window', '64', '--stride', '64'), files()),
      /train: need at least 10 windows, got 4 from 300 samples \(adapter\.window 64, adapter\.stride 64\)/,
    );
  });

  it('a missing channel or timestamp column, and an unreadable timestamp', async () => {
    expectCleanFailure(
      await runBad(sensorTrain('--window', '8', '--channels', 'temp,rpm'), files()),
      /--channels: no column 'rpm' in train\.csv; the file has 'timestamp', 'temp', 'load', 'label'/,
    );
    expectCleanFailure(
      await runBad(sensorTrain('--window', '8', '--timestamp', 'time'), files()),
      /--timestamp: no column 'time' in train\.csv/,
    );
    const noTime = sensorCsv(TRAIN_ROWS).replace(/^timestamp,/, 'time,');
    expectCleanFailure(
      await runBad(sensorTrain('--window', '8'), { 'train.csv': noTime }),
      /train\.csv: no 'timestamp' column; name the time column with --timestamp <column>, or pass --no-timestamp/,
    );
    const lines = sensorCsv(TRAIN_ROWS).split('\n');
    lines[4] = lines[4]!.replace(/^[^,]+/, 'yesterday');
    expectCleanFailure(
      await runBad(sensorTrain('--window', '8'), { 'train.csv': lines.join('\n') }),
      /train\.csv: line 5: .*sample 3, timestamp 'timestamp': expected a finite number, a numeric string or an ISO-8601 date, got "yesterday"/,
    );
  });

  it('score: a channel the model needs is missing, or the file is shorter than one window', async () => {
    const renamed = sensorCsv(50).replace(/^timestamp,temp,load,/, 'timestamp,temp,loads,');
    expectCleanFailure(
      await runBad((out) => ['score', model, 'renamed.csv', '--out', out], { 'renamed.csv': renamed }),
      /renamed\.csv: missing a column that the model needs: 'load'/,
    );
    expectCleanFailure(
      await runBad((out) => ['score', model, 'short.csv', '--out', out], { 'short.csv': sensorCsv(5) }),
      /short\.csv: no window to score: the model's windows need 8 consecutive samples but the file has 5 data rows/,
    );
    expectCleanFailure(
      await runBad(() => ['eval', model, 'test.csv', '--label', 'temp'], { 'test.csv': sensorCsv(50) }),
      /--label: 'temp' is one of the model's channels/,
    );
  });
});
