/**
 * NAB smoke test: one short series end to end as the bench runs it (trained on its probationary
 * period only, every row streamed through scoreStream, anomaly_score online). The data lives beside
 * the checkout in ../shared/data/nab (or $NOVAE_DATA/nab); without it the test is skipped, loudly.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/nab/args.js';
import { loadNab, nabDir, nabFile } from '../../src/nab/data.js';
import { detectSeries, firstScoredRow } from '../../src/nab/detect.js';
import { writeSeriesCsv } from '../../src/nab/results.js';
import { probationLength } from '../../src/nab/scoring.js';
import { scoreCorpus } from '../../src/nab/sweep.js';

const SERIES = 'realTraffic/speed_7578';
const dir = nabDir();
const available = nabFile(dir) !== undefined;

if (!available) {
  console.warn(
    `\n!!! NAB smoke test SKIPPED: nab_all.csv.gz not found in ${dir}. ` +
    'Put the NAB corpus in ../shared/data/nab beside the checkout or set NOVAE_DATA. !!!\n',
  );
}

describe.skipIf(!available)(`NAB smoke: ${SERIES}`, () => {
  it('trains on the probationary period, streams every row and gives each an anomaly_score in [0, 1]', async () => {
    const [series] = loadNab(dir, [SERIES]);
    const n = series!.values.length;
    const config = { ...DEFAULT_CONFIG, trainOptions: { ...DEFAULT_CONFIG.trainOptions, epochs: 20 } };
    const run = await detectSeries(series!, config);
    expect(run.probation).toBe(probationLength(n));
    expect(run.anomalyScores).toHaveLength(n);
    for (const a of run.anomalyScores) expect(a >= 0 && a <= 1).toBe(true);
    // A model's first window ends at row steps - 1 (steps = window, + 1 with differences; a daily
    // context's span): rows before the earliest of them score 0, and the first model has a raw
    // score from its own on.
    const first = Math.min(...config.models.map((m) => firstScoredRow(series!, m)));
    expect(Array.from(run.anomalyScores.subarray(0, first)).every((a) => a === 0)).toBe(true);
    const own = firstScoredRow(series!, config.models[0]!);
    expect(run.rawScores.slice(own).every(Number.isFinite)).toBe(true);
    expect(Number.isNaN(run.rawScores[own - 1])).toBe(true);

    const scored = scoreCorpus([{ name: SERIES, category: series!.category, scores: run.anomalyScores, labels: series!.labels, probation: run.probation }]);
    expect(Number.isFinite(scored.normalised)).toBe(true);
    expect(scored.normalised).toBeGreaterThanOrEqual(0);

    const out = mkdtempSync(join(tmpdir(), 'nab-smoke-'));
    try {
      const lines = readFileSync(writeSeriesCsv(out, series!, run.anomalyScores), 'utf8').trimEnd().split('\n');
      expect(lines[0]).toBe('timestamp,value,anomaly_score,label');
      expect(lines).toHaveLength(n + 1);
      expect(lines[1]!.split(',')[0]).toBe(series!.timestamps[0]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
