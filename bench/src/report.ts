/** The bench's results: one JSON document and the markdown table printed from it. */
import { PUBLISHED, PUBLISHED_COLUMNS } from './published.js';
import type { RunResult } from './protocol.js';
import { mean, std } from './stats.js';

export interface DatasetResult {
  dataset: string;
  rows: number;
  features: number;
  trainRows: number;
  testRows: number;
  testAnomalies: number;
  runs: RunResult[];
  /** Means and sample std over the seeds, in %. */
  rocAuc: { mean: number; std: number };
  prAuc: { mean: number; std: number };
  modelBytes: number;
  rowsPerSecond: number | undefined;
  scoringBackend: string | undefined;
  meanEpochs: number;
  seconds: number;
}

export interface BenchReport {
  bench: 'accuracy';
  protocol: string;
  createdAt: string;
  node: string;
  /** The train() options used beyond `{ adapter: { ignore: ['label'] }, seed }`; `{}` for the defaults. */
  trainOptions: Record<string, unknown>;
  seeds: number[];
  datasets: DatasetResult[];
  summary: {
    meanRocAuc: number;
    meanPrAuc: number;
    publishedMean: Record<string, number>;
    beatsOrTiesVae: number;
    totalSeconds: number;
  };
}

export function summariseDataset(
  dataset: string, info: Omit<DatasetResult, 'dataset' | 'runs' | 'rocAuc' | 'prAuc' | 'modelBytes' | 'rowsPerSecond' | 'scoringBackend' | 'meanEpochs' | 'seconds'>,
  runs: RunResult[], seconds: number,
): DatasetResult {
  const roc = runs.map((r) => 100 * r.rocAuc);
  const pr = runs.map((r) => 100 * r.prAuc);
  const measured = runs.find((r) => r.rowsPerSecond !== undefined);
  return {
    dataset, ...info, runs,
    rocAuc: { mean: mean(roc), std: std(roc) },
    prAuc: { mean: mean(pr), std: std(pr) },
    modelBytes: runs[0]?.modelBytes ?? 0,
    rowsPerSecond: measured?.rowsPerSecond,
    scoringBackend: measured?.scoringBackend,
    meanEpochs: mean(runs.map((r) => r.epochs)),
    seconds,
  };
}

export function summarise(datasets: DatasetResult[], totalSeconds: number): BenchReport['summary'] {
  const publishedMean: Record<string, number> = {};
  for (const column of [...PUBLISHED_COLUMNS, 'best'] as const) {
    publishedMean[column] = mean(datasets.map((d) => PUBLISHED[d.dataset]?.[column] ?? Number.NaN));
  }
  return {
    meanRocAuc: mean(datasets.map((d) => d.rocAuc.mean)),
    meanPrAuc: mean(datasets.map((d) => d.prAuc.mean)),
    publishedMean,
    beatsOrTiesVae: datasets.filter((d) => d.rocAuc.mean >= (PUBLISHED[d.dataset]?.VAE ?? Infinity)).length,
    totalSeconds,
  };
}

const f2 = (v: number | undefined): string => (v === undefined || Number.isNaN(v) ? '–' : v.toFixed(2));
const pm = (m: { mean: number; std: number }): string => `${f2(m.mean)} ± ${f2(m.std)}`;

function formatRate(rows: number | undefined): string {
  if (rows === undefined) return '–';
  return rows >= 1e6 ? `${(rows / 1e6).toFixed(2)}M` : `${(rows / 1e3).toFixed(0)}k`;
}

/** The markdown table: novae vs the published detectors, then size, throughput and time. */
export function markdownTable(report: BenchReport): string {
  const head = [
    'dataset', 'novae ROC-AUC', 'novae PR-AUC', 'VAE', 'IForest', 'KNN', 'OCSVM', 'best of 26',
    'epochs', 'ONNX bytes', 'rows/s (4096)', 'wall s',
  ];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((h, i) => (i === 0 ? '---' : '---:')).join('|')}|`];
  for (const d of report.datasets) {
    const p = PUBLISHED[d.dataset];
    lines.push(`| ${[
      d.dataset, pm(d.rocAuc), pm(d.prAuc), f2(p?.VAE), f2(p?.IForest), f2(p?.KNN), f2(p?.OCSVM),
      p ? `${f2(p.best)} (${p.bestMethod})` : '–', d.meanEpochs.toFixed(0), String(d.modelBytes),
      formatRate(d.rowsPerSecond), d.seconds.toFixed(0),
    ].join(' | ')} |`);
  }
  const s = report.summary;
  lines.push(`| ${[
    '**mean**', `**${f2(s.meanRocAuc)}**`, `**${f2(s.meanPrAuc)}**`, f2(s.publishedMean.VAE), f2(s.publishedMean.IForest),
    f2(s.publishedMean.KNN), f2(s.publishedMean.OCSVM), f2(s.publishedMean.best), '', '', '', s.totalSeconds.toFixed(0),
  ].join(' | ')} |`);
  return [
    lines.join('\n'),
    '',
    `ROC-AUC and PR-AUC in %, mean ± std over seeds ${report.seeds.join(', ')}; published columns are ROC-AUC (%).`,
    `novae ≥ published VAE on ${s.beatsOrTiesVae} of ${report.datasets.length} datasets. ` +
      `Total wall time ${s.totalSeconds.toFixed(0)} s. Train options: ${JSON.stringify(report.trainOptions)}.`,
  ].join('\n');
}
