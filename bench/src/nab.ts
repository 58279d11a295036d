/**
 * `npm run bench:nab`: the Numenta Anomaly Benchmark. Each series on its own: trained on its
 * probationary period, streamed row by row through scoreStream, scored by NAB's standard profile at
 * one corpus-wide threshold. Writes NAB's results layout under bench/results/nab/ and the summary
 * bench/results/nab-latest.json (default configuration only); prints a markdown table.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArgsError, isDefault, parseNabArgs, USAGE } from './nab/args.js';
import { loadNab, nabDir } from './nab/data.js';
import { detectSeries, type SeriesRun } from './nab/detect.js';
import { nabMarkdown, type NabReport } from './nab/report.js';
import { writeSeriesCsv } from './nab/results.js';
import { scoreCorpus, type ScoredSeries } from './nab/sweep.js';

const resultsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'results');

async function main(): Promise<void> {
  const args = parseNabArgs(process.argv.slice(2));
  if (args === 'help') {
    console.log(USAGE);
    return;
  }
  const started = performance.now();
  const corpus = loadNab(nabDir(), args.series);
  const scored: ScoredSeries[] = [];
  const runs: SeriesRun[] = [];
  for (const [k, series] of corpus.entries()) {
    const run = await detectSeries(series, args.config);
    runs.push(run);
    scored.push({ name: series.name, category: series.category, scores: run.anomalyScores, labels: series.labels, probation: run.probation });
    if (args.write) writeSeriesCsv(join(resultsDir, 'nab'), series, run.anomalyScores);
    console.error(
      `[${k + 1}/${corpus.length}] ${series.name}: ${series.values.length} rows, trained on ${run.probation} ` +
        `(${run.epochs} epochs, ${run.trainSeconds.toFixed(1)} s), streamed in ${run.streamSeconds.toFixed(2)} s`,
    );
  }
  const result = scoreCorpus(scored);
  const longest = runs.reduce((best, r, i) => (corpus[i]!.values.length > corpus[best]!.values.length ? i : best), 0);
  const { series: perSeries, ...standard } = result;
  const report: NabReport = {
    bench: 'nab',
    protocol: 'NAB (Lavin & Ahmad 2015): per series, train on the probationary period (first min(15%, 750) rows), ' +
      'stream every row in order through scoreStream, anomaly_score online; standard profile (A_TP 1, A_FP -0.11, A_FN -1), ' +
      'one corpus-wide threshold chosen to maximise the total score, 100·(S − S_null)/(S_perfect − S_null)',
    createdAt: new Date().toISOString(),
    node: process.version,
    config: args.config,
    series: corpus.length,
    rows: corpus.reduce((a, s) => a + s.values.length, 0),
    standard,
    perSeries: perSeries.map((s, i) => ({ ...s, epochs: runs[i]!.epochs, trainSeconds: runs[i]!.trainSeconds })),
    throughput: {
      series: corpus[longest]!.name, rows: corpus[longest]!.values.length,
      samplesPerSecond: runs[longest]!.samplesPerSecond, backend: runs[longest]!.scoringBackend,
    },
    seconds: {
      total: (performance.now() - started) / 1000,
      training: runs.reduce((a, r) => a + r.trainSeconds, 0),
      streaming: runs.reduce((a, r) => a + r.streamSeconds, 0),
    },
  };
  console.log(nabMarkdown(report));
  if (args.write) {
    mkdirSync(join(resultsDir, 'nab'), { recursive: true });
    const stamp = report.createdAt.replace(/[:]/g, '-').replace(/\.\d+Z$/, 'Z');
    const tag = args.tag ? `-${args.tag.replace(/[^\w.-]/g, '_')}` : '';
    const json = `${JSON.stringify(report, null, 2)}\n`;
    const file = join(resultsDir, 'nab', `nab-${stamp}${tag}.json`);
    writeFileSync(file, json);
    const full = isDefault(args.config) && args.series === undefined;
    if (full) writeFileSync(join(resultsDir, 'nab-latest.json'), json);
    console.error(`wrote ${join(resultsDir, 'nab')}${full ? ' and nab-latest.json' : ''}`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ArgsError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exitCode = 1;
});
