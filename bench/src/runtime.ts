/**
 * `npm run bench:runtime`: the default model (train() with no options, on ADBench cardio) scored
 * by @novae/runtime against raw onnxruntime-node in the same process — throughput at batch 4096 and
 * latency at batch 1, as ratios — and load + first score in headless Chromium (wasm), cold and with
 * the .wasm cached. Prints a markdown table; writes bench/results/runtime-latest.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { train } from '@novae/trainer';
import { loadDataset } from './data.js';
import { timeBrowser } from './runtime-browser.js';
import { timeNode } from './runtime-node.js';

const resultsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'results');
const DATASET = 'cardio';
const BATCH = 4096;
const PAGE_ROWS = 100;

const fmt = (n: number, digits = 1): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const dataset = loadDataset(DATASET);
  const normal = dataset.records.filter((_, i) => dataset.labels[i] === 0);
  const trained = await train(normal, { adapter: { ignore: ['label'] }, seed: 0 });
  const bytes = trained.bytes;
  const model = trained.manifest.model;
  await trained.dispose();
  console.error(`bench:runtime: model trained on ${DATASET} (${normal.length} rows), ${bytes.length} bytes; timing Node...`);

  const node = await timeNode(bytes, BATCH);
  console.error('bench:runtime: timing Chromium...');
  const records = normal.slice(0, PAGE_ROWS).map(({ label: _label, ...rest }) => rest);
  const browser = await timeBrowser(bytes, records, { width: model.inputShape.reduce((a, b) => a * b, 1), latent: model.latentDim });

  const throughputRatio = node.runtimeRowsPerSecond / node.rawRowsPerSecond;
  const latencyRatio = node.runtimeLatencyUs / node.rawLatencyUs;
  const lines = [
    `## @novae/runtime speed — default model (${DATASET}, input ${model.inputShape.join('x')}, latent ${model.latentDim}, ${fmt(bytes.length / 1024)} KB)`,
    '',
    '| measure | raw onnxruntime-node | @novae/runtime | ratio | target |',
    '|---|---:|---:|---:|---|',
    `| rows/s at batch ${BATCH} | ${fmt(node.rawRowsPerSecond, 0)} | ${fmt(node.runtimeRowsPerSecond, 0)} | ${fmt(throughputRatio * 100)} % | >= 90 % |`,
    `| latency at batch 1 (us) | ${fmt(node.rawLatencyUs)} | ${fmt(node.runtimeLatencyUs)} | ${fmt(latencyRatio, 2)}x | <= 1.3x |`,
    `| latency at batch 1 via @novae/runtime/worker (us) | | ${fmt(node.workerLatencyUs)} | ${fmt(node.workerLatencyUs / node.rawLatencyUs, 2)}x | (a worker round trip) |`,
    '',
  ];
  if (browser) {
    lines.push(
      `| Chromium, wasm, ${PAGE_ROWS} rows | load (ms) | first score (ms) | total (ms) | raw onnxruntime-web total (ms) | ratio | target |`,
      '|---|---:|---:|---:|---:|---:|---|',
      `| cold cache | ${fmt(browser.cold.loadMs)} | ${fmt(browser.cold.firstScoreMs)} | ${fmt(browser.cold.totalMs)} | ${fmt(browser.rawCold.totalMs)} | ${fmt(browser.cold.totalMs / browser.rawCold.totalMs, 2)}x | |`,
      `| wasm cached (median of 5 fresh pages) | ${fmt(browser.cached.loadMs)} | ${fmt(browser.cached.firstScoreMs)} | ${fmt(browser.cached.totalMs)} | ${fmt(browser.rawCached.totalMs)} | ${fmt(browser.cached.totalMs / browser.rawCached.totalMs, 2)}x | <= 300 ms |`,
      `| floor: fetch + compile onnxruntime-web's .wasm alone, cached | | | | ${fmt(browser.wasmCompileCached.totalMs)} | | |`,
    );
  } else {
    lines.push('Chromium: not measured (no Chromium at $CHROMIUM_PATH or /usr/bin/chromium).');
  }
  console.log(lines.join('\n'));
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'runtime-latest.json'), JSON.stringify({
    date: new Date().toISOString(), dataset: DATASET, modelBytes: bytes.length, node, throughputRatio, latencyRatio, browser: browser ?? null,
  }, null, 2) + '\n');
}

main().catch((err: unknown) => {
  console.error(`bench:runtime: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
