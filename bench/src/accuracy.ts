/**
 * `npm run bench:accuracy`: the ADBench novelty protocol on every dataset with novae's defaults,
 * 5 seeds; prints a markdown table and writes bench/results/accuracy-<date>.json and accuracy-latest.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TrainOptions } from '@novae/trainer';
import { ArgsError, parseArgs, USAGE } from './args.js';
import { adbenchDir, loadDataset } from './data.js';
import { runProtocol, splitProtocol, type RunResult } from './protocol.js';
import { markdownTable, summarise, summariseDataset, type BenchReport, type DatasetResult } from './report.js';

const resultsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'results');

async function main(): Promise<void> {
  const parsed = parseArgs(process.argv.slice(2));
  if (parsed === 'help') {
    console.log(USAGE);
    return;
  }
  const dir = adbenchDir();
  const started = performance.now();
  const datasets: DatasetResult[] = [];
  for (const name of parsed.datasets) {
    const t0 = performance.now();
    const dataset = loadDataset(name, dir);
    const split = splitProtocol(dataset);
    const runs: RunResult[] = [];
    for (const seed of parsed.seeds) {
      const run = await runProtocol(split, {
        seed, throughput: seed === parsed.seeds[0], trainOptions: parsed.trainOptions as TrainOptions,
      });
      runs.push(run);
      console.error(
        `${name} seed ${seed}: ROC-AUC ${(100 * run.rocAuc).toFixed(2)}  PR-AUC ${(100 * run.prAuc).toFixed(2)}  ` +
        `epochs ${run.epochs}  ${run.seconds.toFixed(1)} s`,
      );
    }
    const result = summariseDataset(name, {
      rows: dataset.records.length, features: dataset.features, trainRows: split.train.length,
      testRows: split.test.length, testAnomalies: split.testLabels.filter((l) => l === 1).length,
    }, runs, (performance.now() - t0) / 1000);
    datasets.push(result);
    console.error(`${name}: ROC-AUC ${result.rocAuc.mean.toFixed(2)} ± ${result.rocAuc.std.toFixed(2)}  (${result.seconds.toFixed(0)} s)`);
  }
  const report: BenchReport = {
    bench: 'accuracy',
    protocol: 'ADBench novelty (Livernoche et al. 2024, Table 1): train = first round(0.5·n_normal) normal rows in file order; test = rest + all anomalies',
    createdAt: new Date().toISOString(),
    node: process.version,
    trainOptions: parsed.trainOptions,
    seeds: parsed.seeds,
    datasets,
    summary: summarise(datasets, (performance.now() - started) / 1000),
  };
  console.log(markdownTable(report));
  if (parsed.write) {
    mkdirSync(resultsDir, { recursive: true });
    const stamp = report.createdAt.replace(/[:]/g, '-').replace(/\.\d+Z$/, 'Z');
    const tag = parsed.tag ? `-${parsed.tag.replace(/[^\w.-]/g, '_')}` : '';
    const json = `${JSON.stringify(report, null, 2)}\n`;
    const file = join(resultsDir, `accuracy-${stamp}${tag}.json`);
    writeFileSync(file, json);
    const isFullDefault = Object.keys(parsed.trainOptions).length === 0;
    if (isFullDefault) writeFileSync(join(resultsDir, 'accuracy-latest.json'), json);
    console.error(`wrote ${file}${isFullDefault ? ' and accuracy-latest.json' : ''}`);
  }
}

main().catch((err: unknown) => {
  if (err instanceof ArgsError) {
    console.error(err.message);
  } else {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  }
  process.exitCode = 1;
});
